import { UnionFind } from "../../util/union-find.ts"

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
  /**
   * DUP-5: the survivor of a group of record indexes, and why; `matches` tells how many other members a
   * member itself matches above the threshold.
   */
  readonly survivorOf: (
    members: ReadonlyArray<number>,
    matches: (index: number) => number
  ) => { readonly index: number; readonly reason: string }
  /** Scores a pair blocking did not produce (a member and the survivor may share no block). */
  readonly probability: (a: number, b: number) => number
}

/** A pair of record indexes as one number (exact while count² < 2⁵³, ninety million records). */
const pairKey = (count: number, a: number, b: number) => (a < b ? a * count + b : b * count + a)

/** Up to this size every pair of a group is scored to count each member's matches; above, only the links found. */
const fullyScoredGroup = 30

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
  const known = new Map<number, number>()
  for (const edge of edges) {
    sets.union(edge.a, edge.b)
    known.set(pairKey(count, edge.a, edge.b), edge.probability)
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
  // Links found, counted per member: what a group too large to score in full goes by (one pass, not one per group).
  const linksFound = new Map<number, number>()
  for (const edge of edges) {
    if (groups.get(sets.find(edge.a))!.size <= fullyScoredGroup) continue
    linksFound.set(edge.a, (linksFound.get(edge.a) ?? 0) + 1)
    linksFound.set(edge.b, (linksFound.get(edge.b) ?? 0) + 1)
  }
  const clusters: Array<Cluster> = []
  const splitOff: Array<SplitOff> = []
  for (const members of groups.values()) {
    const group = [...members].sort((a, b) => a - b)
    let degree: ReadonlyMap<number, number> = linksFound
    if (group.length <= fullyScoredGroup) {
      const counted = new Map<number, number>()
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          const a = group[i]!
          const b = group[j]!
          if ((known.get(pairKey(count, a, b)) ?? options.probability(a, b)) >= options.autoMerge) {
            counted.set(a, (counted.get(a) ?? 0) + 1)
            counted.set(b, (counted.get(b) ?? 0) + 1)
          }
        }
      }
      degree = counted
    }
    const survivor = options.survivorOf(group, (index) => degree.get(index) ?? 0)
    const kept: Array<ClusterMember> = [{ index: survivor.index, probability: 1 }]
    for (const index of group) {
      if (index === survivor.index) continue
      const probability = known.get(pairKey(count, index, survivor.index)) ?? options.probability(index, survivor.index)
      if (probability >= options.autoMerge) kept.push({ index, probability })
      else splitOff.push({ member: index, survivor: survivor.index, probability })
    }
    if (kept.length > 1) clusters.push({ survivor: survivor.index, survivorReason: survivor.reason, members: kept })
  }
  clusters.sort((a, b) => a.survivor - b.survivor)
  return { clusters, splitOff }
}

/**
 * Records a cluster reaches only through a candidate pair below the threshold (or one blocking missed) join
 * it when they themselves match its survivor above the threshold: the weak pair only says which pair to
 * score, so DUP-4 holds. Each record joins at most one cluster, the one whose survivor it matches best.
 */
export const attachToClusters = (
  clusters: ReadonlyArray<Cluster>,
  left: ArrayLike<number>,
  right: ArrayLike<number>,
  excluded: ReadonlySet<number>,
  options: Pick<ClusterOptions, "autoMerge" | "probability">
): ReadonlyArray<Cluster> => {
  const clusterOf = new Map<number, number>()
  clusters.forEach((cluster, c) => cluster.members.forEach((member) => clusterOf.set(member.index, c)))
  const best = new Map<number, { cluster: number; probability: number }>()
  const tried = new Set<string>()
  const consider = (outside: number, c: number) => {
    if (clusterOf.has(outside) || excluded.has(outside)) return
    const key = `${outside}:${c}`
    if (tried.has(key)) return
    tried.add(key)
    const probability = options.probability(outside, clusters[c]!.survivor)
    const current = best.get(outside)
    if (probability >= options.autoMerge && (current === undefined || probability > current.probability)) best.set(outside, { cluster: c, probability })
  }
  for (let p = 0; p < left.length; p++) {
    const a = left[p]!
    const b = right[p]!
    const ca = clusterOf.get(a)
    const cb = clusterOf.get(b)
    if (ca !== undefined && cb === undefined) consider(b, ca)
    else if (cb !== undefined && ca === undefined) consider(a, cb)
  }
  if (best.size === 0) return clusters
  const joining = clusters.map(() => new Array<ClusterMember>())
  for (const [index, { cluster, probability }] of best) joining[cluster]!.push({ index, probability })
  return clusters.map((cluster, c) =>
    joining[c]!.length === 0
      ? cluster
      : { ...cluster, members: [cluster.members[0]!, ...[...cluster.members.slice(1), ...joining[c]!].sort((x, y) => x.index - y.index)] }
  )
}
