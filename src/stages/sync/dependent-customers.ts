import type { Customer } from "../../domain/customer.ts"
import { UnionFind } from "../../util/union-find.ts"

/**
 * Customers of a chunk whose ORCE outcome can depend on each other, in groups: two customers with the same
 * email (one's create is the other's email match, SYNC-5), the same e-commerce ID or the same Relate ID (both
 * address one ORCE customer) are in one group, and so is anyone linked to them through another. A group is
 * sent to ORCE one customer at a time in customer-number order, so a run is a function of its input and the
 * ORCE it starts from, whatever SYNC_CONCURRENCY and however fast ORCE answers. Groups keep the order of
 * their first customer; customers keep theirs inside a group.
 */
export const dependentGroups = (customers: ReadonlyArray<Customer>): Array<Array<number>> => {
  const sets = new UnionFind(customers.length)
  const firstWith = new Map<string, number>()
  const link = (key: string, index: number) => {
    const first = firstWith.get(key)
    if (first === undefined) firstWith.set(key, index)
    else sets.union(first, index)
  }
  customers.forEach((customer, index) => {
    if (customer.email !== "") link(`email ${customer.email.toLowerCase()}`, index)
    if (customer.ecommerceId !== "") link(`web ${customer.ecommerceId}`, index)
    if (customer.relateId !== "") link(`relate ${customer.relateId}`, index)
  })
  const groups = new Map<number, Array<number>>()
  const order = [...customers.keys()].sort((a, b) => customers[a]!.customerNumber - customers[b]!.customerNumber)
  for (const index of order) {
    const root = sets.find(index)
    const group = groups.get(root)
    if (group === undefined) groups.set(root, [index])
    else group.push(index)
  }
  return [...groups.values()]
}
