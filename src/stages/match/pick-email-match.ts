import type { OrceCustomer } from "../../domain/orce-customer.ts"

/**
 * SYNC-5: of the customers an email search returned, the first that has no OROMS alt key; when every one
 * has one, the first returned.
 */
export const pickEmailMatch = (
  found: ReadonlyArray<OrceCustomer>,
  altIdOroms: string
): { readonly customer: OrceCustomer; readonly hasOromsKey: boolean } | undefined => {
  const withoutKey = found.find((customer) => !(customer.alternateKeys ?? []).some((key) => key.type === altIdOroms))
  if (withoutKey !== undefined) return { customer: withoutKey, hasOromsKey: false }
  const first = found[0]
  return first === undefined ? undefined : { customer: first, hasOromsKey: true }
}
