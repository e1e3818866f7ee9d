import type { Customer } from "../../domain/customer.ts"

export interface Survivor {
  readonly customer: Customer
  /** The rule that decided, for the report (DUP-5). */
  readonly reason: string
}

/** How much a customer has done (orders, for instance); the job supplies it, 0 when unknown. */
export type Activity = (customer: Customer) => number

/** How many other members of its cluster a customer itself matches above the auto-merge threshold. */
export type Matches = (customer: Customer) => number

const hasRelateId = (customer: Customer) => customer.relateId.trim() !== ""

/**
 * DUP-5 ranking, best first: a customer with a Relate ID (ORCE already knows it), then the most activity,
 * then the one matching most of the others (the record the others are variants of: DUP-4 keeps only members
 * that match the survivor, so a typo-ridden copy must not be it), then the lowest customer number (the
 * first registration). Customer numbers are unique, so the order is total and never depends on input order.
 */
export const rankForSurvivor = (members: ReadonlyArray<Customer>, activity: Activity, matches: Matches = () => 0): Array<Customer> =>
  [...members].sort((a, b) =>
    Number(hasRelateId(b)) - Number(hasRelateId(a)) ||
    activity(b) - activity(a) ||
    matches(b) - matches(a) ||
    a.customerNumber - b.customerNumber
  )

export const chooseSurvivor = (members: ReadonlyArray<Customer>, activity: Activity, matches: Matches = () => 0): Survivor => {
  const [first, second] = rankForSurvivor(members, activity, matches)
  if (first === undefined) throw new RangeError("a cluster has members")
  if (second === undefined) return { customer: first, reason: "only member" }
  if (hasRelateId(first) && !hasRelateId(second)) return { customer: first, reason: "has a Relate ID" }
  if (activity(first) > activity(second)) return { customer: first, reason: `most activity (${activity(first)})` }
  if (matches(first) > matches(second)) return { customer: first, reason: `matches most members (${matches(first)})` }
  return { customer: first, reason: "lowest customer number" }
}
