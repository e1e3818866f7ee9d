import type { OrceCustomer } from "../domain/orce-customer.ts"

/** SYNC-10: ORCE masks what its security user may not read by replacing each value with asterisks. */
const maskedValue = /^\*+$/

const containsMasked = (value: unknown): boolean => {
  if (typeof value === "string") return maskedValue.test(value)
  if (Array.isArray(value)) return value.some(containsMasked)
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsMasked)
  return false
}

/** IDs of the customers in an answer that carry any masked value. */
export const maskedCustomerIds = (customers: ReadonlyArray<OrceCustomer>): Array<string> =>
  customers.filter(containsMasked).map((customer) => customer.customerId)
