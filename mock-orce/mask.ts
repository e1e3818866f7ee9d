import type { OrceCustomer } from "../src/domain/orce-customer.ts"

/**
 * What ORCE answers when its security user may not read personal data: every personal value replaced by
 * asterisks, while IDs, type codes, flags and dates come through (SYNC-10 makes the client refuse it).
 */

export const maskValue = "*****"

const maskString = (value: string | undefined) => (value === undefined ? undefined : maskValue)

const maskFields = <T extends object>(record: T, keys: ReadonlyArray<keyof T>): T => {
  const masked = { ...record }
  for (const key of keys) {
    if (typeof masked[key] === "string") (masked as Record<keyof T, unknown>)[key] = maskString(masked[key] as string)
  }
  return masked
}

export const maskCustomer = (customer: OrceCustomer): OrceCustomer => ({
  ...maskFields(customer, ["prefix", "firstName", "middleName", "lastName", "suffix", "businessName", "birthDate"]),
  ...(customer.addresses === undefined ? {} : {
    addresses: customer.addresses.map((address) =>
      maskFields(address, ["address1", "apartment", "address2", "address3", "address4", "city", "state", "postalCode", "county"])
    )
  }),
  ...(customer.emails === undefined ? {} : { emails: customer.emails.map((email) => ({ ...email, address: maskValue })) }),
  ...(customer.phones === undefined ? {} : { phones: customer.phones.map((phone) => ({ ...phone, number: maskValue })) }),
  ...(customer.attributes === undefined ? {} : {
    attributes: customer.attributes.map((attribute) => ({ ...attribute, value: maskValue }))
  })
})
