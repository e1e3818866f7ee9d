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
