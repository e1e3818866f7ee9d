import type { OrceCustomer } from "../../domain/orce-customer.ts"

const oromsKeyOf = (customer: OrceCustomer, altIdOroms: string) =>
  (customer.alternateKeys ?? []).find((key) => key.type === altIdOroms)?.value

/**
 * SYNC-5: of the customers an email search returned, the first that has no OROMS alt key; when every one
 * has one, the first returned. Decision (no SPEC rule; see the README): one that already holds this customer's
 * own OROMS alt key is this customer (the customer number is matching information too), so it comes before both.
 */
export const pickEmailMatch = (
  found: ReadonlyArray<OrceCustomer>,
  altIdOroms: string,
  customerNumber: number
): { readonly customer: OrceCustomer; readonly hasOromsKey: boolean } | undefined => {
  const own = found.find((customer) => oromsKeyOf(customer, altIdOroms) === String(customerNumber))
  if (own !== undefined) return { customer: own, hasOromsKey: true }
  const withoutKey = found.find((customer) => oromsKeyOf(customer, altIdOroms) === undefined)
  if (withoutKey !== undefined) return { customer: withoutKey, hasOromsKey: false }
  const first = found[0]
  return first === undefined ? undefined : { customer: first, hasOromsKey: true }
}
