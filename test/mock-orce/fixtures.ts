import type { OrceCustomerMessage } from "../../src/domain/orce-customer.ts"

/** Messages as orce-sync would send them; `n` keeps alt keys and emails apart between customers. */
export const customerMessage = (n: number, overrides: Partial<OrceCustomerMessage> = {}): OrceCustomerMessage => ({
  alternateKeys: [{ type: "OROMS_ID", value: `C${n}` }],
  firstName: "Ada",
  lastName: "Lovelace",
  addresses: [{
    type: "HOME",
    primary: true,
    address1: `${n} Analytical Way`,
    address2: "Floor 2",
    city: "London",
    postalCode: "N1 9GU",
    country: "GBR"
  }],
  emails: [{ type: "HOME", primary: true, address: `ada${n}@example.com` }],
  phones: [{ type: "BUSINESS", primary: true, number: "020 7946 0000" }],
  updateUser: "OROMS-BATCH",
  ...overrides
})

/**
 * The IDs the default seed gives customerMessage(1), (2) and (3) wherever and whenever they are created
 * (MOCK-2). Written out so that a change to the ID rule, which would renumber every saved state and replay, is
 * seen.
 */
export const defaultSeedIds = ["758599946707", "125094607962", "367154510389"] as const
