import type { Customer } from "../../domain/customer.ts"

export interface Survivor {
  readonly customer: Customer
  /** The rule that decided, for the report (DUP-5). */
  readonly reason: string
}

/** How much a customer has done (orders, for instance); the job supplies it, 0 when unknown. */
export type Activity = (customer: Customer) => number

/**
 * DUP-5 ranking, best first: a customer with a Relate ID (ORCE already knows it), then the most activity,
 * then the lowest customer number (the first registration). Customer numbers are unique, so the order is
 * total and the survivor never depends on input order.
 */
export const rankForSurvivor = (members: ReadonlyArray<Customer>, activity: Activity): Array<Customer> =>
  [...members].sort((a, b) => {
    const relate = Number(b.relateId.trim() !== "") - Number(a.relateId.trim() !== "")
    if (relate !== 0) return relate
    const busier = activity(b) - activity(a)
    return busier !== 0 ? busier : a.customerNumber - b.customerNumber
  })

export const chooseSurvivor = (members: ReadonlyArray<Customer>, activity: Activity): Survivor => {
  const [first, second] = rankForSurvivor(members, activity)
  if (first === undefined) throw new RangeError("a cluster has members")
  if (second === undefined) return { customer: first, reason: "only member" }
  const hasRelate = (c: Customer) => c.relateId.trim() !== ""
  if (hasRelate(first) && !hasRelate(second)) return { customer: first, reason: "has a Relate ID" }
  if (activity(first) > activity(second)) {
    return { customer: first, reason: `most activity (${activity(first)})${hasRelate(first) ? ", has a Relate ID" : ""}` }
  }
  return { customer: first, reason: "lowest customer number" }
}
