import { UnionFind } from "../../util/union-find.ts"

/**
 * A cluster as saved by an earlier run. IDs are handed out in increasing order, so a smaller ID is an
 * older cluster.
 */
export interface StoredCluster {
  readonly id: number
  /** Customer numbers. */
  readonly members: ReadonlyArray<number>
}

/** How tonight changed a cluster; "merged": a completed merge took its members into the survivor (the job's, never assignClusterIds'). */
export type ClusterChange = "unchanged" | "grown" | "joined" | "new" | "merged"

export interface IdentifiedCluster {
  readonly id: number
  readonly members: ReadonlyArray<number>
  readonly change: ClusterChange
  /** IDs of earlier clusters this one took in (they no longer exist). */
  readonly absorbed: ReadonlyArray<number>
}

export interface ClusterIds {
  readonly clusters: ReadonlyArray<IdentifiedCluster>
  /** The next unused ID, to save for the next run. */
  readonly nextId: number
  /** false when the run found nothing new: every cluster is unchanged. */
  readonly changed: boolean
}

/**
 * Stable cluster IDs across runs: the earlier clusters, joined by tonight's pairs above the threshold
 * (customer numbers). A cluster that gains a member keeps its ID; clusters that join keep the oldest
 * (smallest) ID and list the others as absorbed; a group with no earlier cluster gets a new ID.
 */
export const assignClusterIds = (
  previous: ReadonlyArray<StoredCluster>,
  pairs: ReadonlyArray<readonly [number, number]>,
  nextId: number
): ClusterIds => {
  const slot = new Map<number, number>()
  const customers: Array<number> = []
  const slotOf = (customer: number) => {
    let index = slot.get(customer)
    if (index === undefined) slot.set(customer, (index = customers.push(customer) - 1))
    return index
  }
  for (const cluster of previous) for (const member of cluster.members) slotOf(member)
  for (const [a, b] of pairs) slotOf(a), slotOf(b)

  const sets = new UnionFind(customers.length)
  const clusterOf = new Map<number, number>()
  for (const cluster of previous) {
    const first = slotOf(cluster.members[0]!)
    for (const member of cluster.members) {
      sets.union(first, slotOf(member))
      clusterOf.set(member, cluster.id)
    }
  }
  for (const [a, b] of pairs) sets.union(slotOf(a), slotOf(b))

  const groups = new Map<number, Array<number>>()
  for (let index = 0; index < customers.length; index++) {
    const root = sets.find(index)
    const group = groups.get(root)
    if (group === undefined) groups.set(root, [customers[index]!])
    else group.push(customers[index]!)
  }

  const sizeOf = new Map(previous.map((cluster) => [cluster.id, cluster.members.length]))
  let next = nextId
  const clusters: Array<IdentifiedCluster> = []
  for (const group of groups.values()) {
    if (group.length < 2) continue
    group.sort((a, b) => a - b)
    const earlier = [...new Set(group.flatMap((member) => clusterOf.get(member) ?? []))].sort((a, b) => a - b)
    const [kept, ...absorbed] = earlier
    if (kept === undefined) {
      clusters.push({ id: next++, members: group, change: "new", absorbed: [] })
      continue
    }
    const change: ClusterChange = absorbed.length > 0 ? "joined" : group.length > sizeOf.get(kept)! ? "grown" : "unchanged"
    clusters.push({ id: kept, members: group, change, absorbed })
  }
  clusters.sort((a, b) => a.id - b.id)
  return { clusters, nextId: next, changed: clusters.some((cluster) => cluster.change !== "unchanged") }
}
