import { UnionFind } from "./union-find.ts"

/** Two records (by index) whose match probability is at or above the auto-merge threshold. */
export interface MatchEdge {
  readonly a: number
  readonly b: number
  readonly probability: number
}

export interface ClusterMember {
  readonly index: number
  /** Match probability with the survivor; 1 for the survivor itself. */
  readonly probability: number
}

export interface Cluster {
  readonly survivor: number
  readonly survivorReason: string
  /** Survivor first, then the others by index. */
  readonly members: ReadonlyArray<ClusterMember>
}

/** A record linked to a cluster only through others: it goes to a person, never into the merge (DUP-4). */
export interface SplitOff {
  readonly member: number
  readonly survivor: number
  /** Its own match probability with the survivor, below the threshold. */
  readonly probability: number
}

export interface ClusterOptions {
  readonly autoMerge: number
  /** DUP-5: the survivor of a group of record indexes, and why. */
  readonly survivorOf: (members: ReadonlyArray<number>) => { readonly index: number; readonly reason: string }
  /** Scores a pair blocking did not produce (a member and the survivor may share no block). */
  readonly probability: (a: number, b: number) => number
}

const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`)

/**
 * DUP-4: links above the auto-merge threshold form connected groups; within each group every member must
 * itself match the survivor above the threshold, else it is split off for review. A~B and B~C never merge
 * A with C on their own: A~C has to hold too (when B or C is the survivor, its pair with A is checked).
 */
export const clusterPairs = (
  count: number,
  edges: ReadonlyArray<MatchEdge>,
  options: ClusterOptions
): { readonly clusters: ReadonlyArray<Cluster>; readonly splitOff: ReadonlyArray<SplitOff> } => {
  const sets = new UnionFind(count)
  const known = new Map<string, number>()
  for (const edge of edges) {
    sets.union(edge.a, edge.b)
    known.set(pairKey(edge.a, edge.b), edge.probability)
  }
  const groups = new Map<number, Set<number>>()
  for (const edge of edges) {
    for (const index of [edge.a, edge.b]) {
      const root = sets.find(index)
      const group = groups.get(root)
      if (group === undefined) groups.set(root, new Set([index]))
      else group.add(index)
    }
  }
  const clusters: Array<Cluster> = []
  const splitOff: Array<SplitOff> = []
  for (const members of groups.values()) {
    const group = [...members].sort((a, b) => a - b)
    const survivor = options.survivorOf(group)
    const kept: Array<ClusterMember> = [{ index: survivor.index, probability: 1 }]
    for (const index of group) {
      if (index === survivor.index) continue
      const probability = known.get(pairKey(index, survivor.index)) ?? options.probability(index, survivor.index)
      if (probability >= options.autoMerge) kept.push({ index, probability })
      else splitOff.push({ member: index, survivor: survivor.index, probability })
    }
    if (kept.length > 1) clusters.push({ survivor: survivor.index, survivorReason: survivor.reason, members: kept })
  }
  clusters.sort((a, b) => a.survivor - b.survivor)
  return { clusters, splitOff }
}
