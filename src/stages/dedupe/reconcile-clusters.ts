import type { Customer } from "../../domain/customer.ts"
import type { SurvivorshipChoice } from "../../domain/merge-request.ts"
import { assignClusterIds, type IdentifiedCluster, type StoredCluster } from "./cluster-ids.ts"
import type { DedupeResult, ReviewPair } from "./dedupe.ts"
import type { MatchRecord } from "./normalise.ts"
import { makeScorer, matchWeight, probabilityOf } from "./score.ts"
import { type Activity, chooseSurvivor, rankForSurvivor } from "./survivor.ts"
import { survivorshipChoices } from "./survivorship-choices.ts"
import { type TermFrequencies, termFrequencies } from "./term-frequencies.ts"
import type { SurvivorshipRules } from "../../domain/survivorship-rules.ts"

/** The key of an unordered pair of customer numbers. */
export const pairKey = (a: number, b: number): string => (a < b ? `${a}:${b}` : `${b}:${a}`)

/** A cluster as the staging database holds it before the run. */
export interface StoredDedupeCluster extends StoredCluster {
  readonly survivor: number
  readonly survivorReason: string
}

/** What earlier runs and people decided, as the run starts. */
export interface DedupeState {
  /** The active clusters, their members restricted to the active customers. */
  readonly clusters: ReadonlyArray<StoredDedupeCluster>
  /** Members of active clusters no longer active (merged away, made inactive), by cluster ID. */
  readonly membersGone: ReadonlyMap<number, ReadonlyArray<number>>
  /** Customers a completed merge request merged away: from-customer → to-customer. */
  readonly mergedInto: ReadonlyMap<number, number>
  readonly nextId: number
  /** Pairs (pairKey) a person rejected: never proposed again. */
  readonly rejected: ReadonlySet<string>
  /** Pairs (pairKey) a person accepted: they became merge requests when the decision was recorded. */
  readonly accepted: ReadonlySet<string>
  /** Pairs (pairKey) an earlier run listed for review. */
  readonly listed: ReadonlySet<string>
  /** Every merge request ever made, as "from:to": a pair is proposed once, whatever became of it. */
  readonly proposed: ReadonlySet<string>
  /** Customers named by a request still open (SAVED, PROCESSING, IN_PROGRESS), as from- or to-customer. */
  readonly inOpenRequest: ReadonlySet<number>
  /** Customers that are the from-customer of an open request: being merged away. */
  readonly openFrom: ReadonlySet<number>
}

export interface ClusterMemberOut {
  readonly customerNumber: number
  /** With the survivor; 1 for the survivor. */
  readonly probability: number
}

/** A cluster as the run leaves it: survivor first in `members`. */
export interface ReconciledCluster extends IdentifiedCluster {
  readonly survivor: number
  readonly survivorReason: string
  readonly memberships: ReadonlyArray<ClusterMemberOut>
  /** Members or survivor differ from what the database holds: its rows are rewritten. */
  readonly rewritten: boolean
  /** Customer numbers that were members before and are not now. */
  readonly removed: ReadonlyArray<number>
}

export interface NewMergeRequest {
  readonly fromCustomer: number
  readonly toCustomer: number
  readonly probability: number
  readonly clusterId: number
  readonly survivorship: ReadonlyArray<SurvivorshipChoice>
}

export interface ReconcileCounts {
  readonly "clusters-new": number
  readonly "clusters-grown": number
  readonly "clusters-joined": number
  readonly "clusters-unchanged": number
  /** Clusters that lost members (split off, rejected, merged away) and gained none. */
  readonly "clusters-shrunk": number
  readonly "clusters-absorbed": number
  readonly "clusters-dissolved": number
  /** Clusters whose members a completed merge took into the survivor: done, not dissolved. */
  readonly "clusters-merged": number
  readonly "members-removed": number
  readonly "merge-requests": number
  readonly "review-pairs": number
  /** Pairs found again that a person had rejected: not proposed, and split apart where a cluster held both. */
  readonly "rejected-not-proposed": number
  /** Pairs found again that a person had accepted: already merge requests. */
  readonly "accepted-already-requests": number
  /** Members held back because they or their survivor are in a merge request still open. */
  readonly "held-open-request": number
}

/** A stored cluster whose other members a completed merge took into its survivor: its work is done. */
export interface MergedCluster {
  readonly id: number
  readonly survivor: number
  readonly survivorReason: string
  /** The customers merged into the survivor, no longer active. */
  readonly merged: ReadonlyArray<number>
}

export interface Reconciled {
  readonly clusters: ReadonlyArray<ReconciledCluster>
  readonly absorbed: ReadonlyArray<{ readonly id: number; readonly into: number }>
  /** Clusters with nothing left to merge for another reason than a completed merge (members split off, told apart, gone). */
  readonly dissolved: ReadonlyArray<number>
  readonly merged: ReadonlyArray<MergedCluster>
  /**
   * Members that left their cluster tonight (split off, told apart by a person, changed party type, or their
   * cluster dissolved): their requests into it that no merge batch has taken yet are withdrawn.
   */
  readonly left: ReadonlyArray<{ readonly customerNumber: number; readonly clusterId: number }>
  readonly requests: ReadonlyArray<NewMergeRequest>
  /** Indexes into the input customers, as DedupeResult's; the smaller customer number as `a`. */
  readonly review: ReadonlyArray<ReviewPair>
  readonly counts: ReconcileCounts
}

export interface ReconcileInput {
  /** The dedupe's input; `result` indexes refer to it. */
  readonly customers: ReadonlyArray<Customer>
  readonly result: DedupeResult
  readonly state: DedupeState
  readonly autoMerge: number
  readonly activity: Activity
  /** Customers new or changed since the last run: a pair listed before is listed again when one of them changed. */
  readonly changed: ReadonlySet<number>
  readonly survivorship?: SurvivorshipRules
  /** Saved term frequencies over every customer (DedupeInput.frequencies), when the dedupe had them. */
  readonly frequencies?: TermFrequencies
}

/**
 * Tonight's clusters against the stored ones (DUP-3, DUP-4, DUP-5, DUP-6, point 9 of issue 14). Tonight's
 * pairs above the auto-merge threshold join the stored clusters (assignClusterIds: stable IDs, the older ID
 * kept when two join); then every cluster is guarded again against its survivor:
 *
 * - a stored cluster keeps its survivor while that customer is active: its members' requests already name it;
 * - every other member must itself match the survivor above the threshold, be of its party type and not be
 *   a pair a person rejected; one that does not is split off (to review, unless rejected or of another
 *   party type). A stored cluster joins another only whole: when any of its members fails, it stays apart;
 * - of two members a person rejected as a pair, the one matching the survivor less is split off.
 *
 * A pair is proposed as a merge request once: never again after any earlier request for it, nor while one of
 * the two is in a request still open. Review lists only pairs no person decided, and no run listed before
 * unless one of the two has changed since.
 */
export const reconcileClusters = (input: ReconcileInput): Reconciled => {
  const { customers, result, state, autoMerge, activity } = input
  const customerOf = new Map<number, Customer>()
  const inputIndex = new Map<number, number>()
  customers.forEach((customer, index) => {
    customerOf.set(customer.customerNumber, customer)
    inputIndex.set(customer.customerNumber, index)
  })
  const recordOf = new Map<number, MatchRecord>()
  for (const record of result.records) recordOf.set(record.customerNumber, record)

  // The scorer of an incremental dedupe knows the term frequencies of the values in its candidate pairs only;
  // this one knows those of every customer the guard scores: stored members, tonight's, their survivors.
  const numberAt = (index: number) => customers[index]!.customerNumber
  const scoredCustomers = new Set<number>()
  for (const cluster of state.clusters) for (const member of cluster.members) scoredCustomers.add(member)
  for (const cluster of result.clusters) for (const member of cluster.members) scoredCustomers.add(numberAt(member.index))
  const scorer = makeScorer(
    result.model,
    result.scorer.comparisons,
    input.frequencies ??
      termFrequencies(result.records, result.scorer.comparisons, [...scoredCustomers].flatMap((n) => recordOf.get(n)?.index ?? []))
  )
  const scored = new Map<string, number>()
  /** 0 for a customer dedupe could not read (blank name) and across party types (DUP-6). */
  const probability = (a: number, b: number): number => {
    const key = pairKey(a, b)
    let p = scored.get(key)
    if (p === undefined) {
      const ra = recordOf.get(a)
      const rb = recordOf.get(b)
      p = ra === undefined || rb === undefined || ra.partyType !== rb.partyType ? 0 : probabilityOf(matchWeight(scorer, ra, rb))
      scored.set(key, p)
    }
    return p
  }
  const sameParty = (a: number, b: number) => recordOf.get(a)?.partyType === recordOf.get(b)?.partyType
  const rejected = (a: number, b: number) => state.rejected.has(pairKey(a, b))
  let rejectedNotProposed = 0

  const coreSurvivor = new Map<number, string>()
  const edges: Array<readonly [number, number]> = []
  for (const cluster of result.clusters) {
    const survivor = numberAt(cluster.survivor)
    coreSurvivor.set(survivor, cluster.survivorReason)
    for (const member of cluster.members) if (member.index !== cluster.survivor) edges.push([survivor, numberAt(member.index)])
  }
  // A cluster whose members all left (merged away) has nothing to keep an ID for: it dissolves.
  const ids = assignClusterIds(state.clusters.filter((cluster) => cluster.members.length > 0), edges, state.nextId)
  const storedById = new Map(state.clusters.map((cluster) => [cluster.id, cluster]))

  const clusters: Array<ReconciledCluster> = []
  const absorbed: Array<{ id: number; into: number }> = []
  const seenStored = new Set<number>()
  const splits: Array<{ member: number; survivor: number }> = []

  const survivorFor = (group: ReadonlyArray<number>, kept: StoredDedupeCluster | undefined): { survivor: number; reason: string } => {
    if (kept !== undefined && group.includes(kept.survivor) && recordOf.has(kept.survivor)) {
      return { survivor: kept.survivor, reason: kept.survivorReason }
    }
    const fromCore = group.filter((member) => coreSurvivor.has(member))
    if (fromCore.length === 1 && kept === undefined) return { survivor: fromCore[0]!, reason: coreSurvivor.get(fromCore[0]!)! }
    const readable = group.filter((member) => recordOf.has(member)).map((member) => customerOf.get(member)!)
    if (readable.length === 0) return { survivor: group[0]!, reason: "only member" }
    const matches = (customer: Customer) =>
      readable.filter((other) => other !== customer && probability(other.customerNumber, customer.customerNumber) >= autoMerge).length
    const chosen = chooseSurvivor(readable, activity, matches)
    return { survivor: chosen.customer.customerNumber, reason: chosen.reason }
  }

  const passes = (member: number, survivor: number) =>
    recordOf.has(member) && sameParty(member, survivor) && !rejected(member, survivor) && probability(member, survivor) >= autoMerge

  /** Guards one group: `id` is its cluster ID, `keptId` the stored cluster whose ID it keeps, if any. */
  const guard = (id: number, group: ReadonlyArray<number>, keptId: number | undefined, absorbable: ReadonlyArray<number>) => {
    const kept = keptId === undefined ? undefined : storedById.get(keptId)
    if (keptId !== undefined) seenStored.add(keptId)
    const { survivor, reason } = survivorFor(group, kept)
    const inUnit = new Set(absorbable.flatMap((unit) => storedById.get(unit)!.members))
    const members: Array<number> = []
    const joined: Array<number> = []
    for (const unit of absorbable) {
      const unitMembers = storedById.get(unit)!.members
      if (unitMembers.every((member) => member === survivor || passes(member, survivor))) {
        members.push(...unitMembers.filter((member) => member !== survivor))
        joined.push(unit)
        seenStored.add(unit)
      } else {
        // Stays apart, guarded on its own.
        guard(unit, unitMembers, unit, [])
      }
    }
    for (const member of group) {
      if (member === survivor || inUnit.has(member)) continue
      if (passes(member, survivor)) members.push(member)
      else {
        if (rejected(member, survivor)) rejectedNotProposed++
        else if (recordOf.has(member) && sameParty(member, survivor)) splits.push({ member, survivor })
      }
    }
    // Two members a person told apart are never merged through their survivor.
    members.sort((a, b) => probability(b, survivor) - probability(a, survivor) || a - b)
    const guarded: Array<number> = []
    for (const member of members) {
      if (guarded.some((other) => rejected(other, member))) rejectedNotProposed++
      else guarded.push(member)
    }
    guarded.sort((a, b) => a - b)
    const before = kept === undefined ? [] : kept.members
    const all = [survivor, ...guarded]
    const removed = before.filter((member) => !all.includes(member))
    if (guarded.length === 0) {
      // Nothing left to merge: a stored cluster dissolves.
      if (keptId !== undefined) seenStored.delete(keptId)
      return
    }
    for (const unit of joined) absorbed.push({ id: unit, into: id })
    const added = guarded.filter((member) => !before.includes(member) && !joined.some((unit) => storedById.get(unit)!.members.includes(member)))
    const change = kept === undefined ? "new" : joined.length > 0 ? "joined" : added.length > 0 ? "grown" : "unchanged"
    const gone = keptId === undefined ? 0 : state.membersGone.get(keptId)?.length ?? 0
    clusters.push({
      id,
      members: [...all].sort((a, b) => a - b),
      change,
      absorbed: joined,
      survivor,
      survivorReason: reason,
      memberships: [{ customerNumber: survivor, probability: 1 }, ...guarded.map((member) => ({ customerNumber: member, probability: probability(member, survivor) }))],
      rewritten: change !== "unchanged" || removed.length > 0 || gone > 0 || kept?.survivor !== survivor,
      removed
    })
  }

  for (const group of ids.clusters) {
    guard(group.id, group.members, group.change === "new" ? undefined : group.id, group.absorbed)
  }
  // A cluster left with its survivor alone because every other member was merged into it is done: merged.
  const merged: Array<MergedCluster> = []
  const dissolved: Array<number> = []
  for (const stored of state.clusters) {
    if (seenStored.has(stored.id)) continue
    const gone = state.membersGone.get(stored.id) ?? []
    const others = stored.members.filter((member) => member !== stored.survivor)
    if (gone.length > 0 && others.length === 0 && gone.every((member) => state.mergedInto.get(member) === stored.survivor)) {
      merged.push({ id: stored.id, survivor: stored.survivor, survivorReason: stored.survivorReason, merged: gone })
    } else dissolved.push(stored.id)
  }
  dissolved.sort((a, b) => a - b)
  const left = [
    ...clusters.flatMap((cluster) => cluster.removed.map((customerNumber) => ({ customerNumber, clusterId: cluster.id }))),
    ...dissolved.flatMap((id) => storedById.get(id)!.members.map((customerNumber) => ({ customerNumber, clusterId: id })))
  ]
  clusters.sort((a, b) => a.id - b.id)
  absorbed.sort((a, b) => a.id - b.id)

  const rules = input.survivorship
  const requests: Array<NewMergeRequest> = []
  let held = 0
  for (const cluster of clusters) {
    const survivor = customerOf.get(cluster.survivor)!
    const others = cluster.memberships.slice(1).map((member) => customerOf.get(member.customerNumber)!)
    const choices = survivorshipChoices([survivor, ...rankForSurvivor(others, activity)], rules)
    for (const member of cluster.memberships.slice(1)) {
      const from = member.customerNumber
      if (state.proposed.has(`${from}:${cluster.survivor}`)) continue
      if (state.inOpenRequest.has(from) || state.openFrom.has(cluster.survivor)) {
        held++
        continue
      }
      requests.push({ fromCustomer: from, toCustomer: cluster.survivor, probability: member.probability, clusterId: cluster.id, survivorship: choices })
    }
  }

  const clusterOf = new Map<number, number>()
  for (const cluster of clusters) for (const member of cluster.members) clusterOf.set(member, cluster.id)
  const candidates = [
    ...result.review.map((pair) => ({ a: numberAt(pair.a), b: numberAt(pair.b), probability: pair.probability, reason: pair.reason })),
    ...splits.map(({ member, survivor }) => ({ a: member, b: survivor, probability: probability(member, survivor), reason: "split from cluster" as const }))
  ]
  const listedTonight = new Map<string, ReviewPair>()
  let acceptedAlready = 0
  for (const pair of candidates) {
    const key = pairKey(pair.a, pair.b)
    if (clusterOf.has(pair.a) && clusterOf.get(pair.a) === clusterOf.get(pair.b)) continue
    if (state.rejected.has(key)) {
      rejectedNotProposed++
      continue
    }
    if (state.accepted.has(key)) {
      acceptedAlready++
      continue
    }
    if (listedTonight.has(key)) continue
    if (state.listed.has(key) && !input.changed.has(pair.a) && !input.changed.has(pair.b)) continue
    const [a, b] = pair.a < pair.b ? [pair.a, pair.b] : [pair.b, pair.a]
    listedTonight.set(key, { a: inputIndex.get(a)!, b: inputIndex.get(b)!, probability: pair.probability, reason: pair.reason })
  }
  const review = [...listedTonight.values()].sort((x, y) => numberAt(x.a) - numberAt(y.a) || numberAt(x.b) - numberAt(y.b))

  const byChange = (change: IdentifiedCluster["change"]) => clusters.filter((cluster) => cluster.change === change).length
  const counts: ReconcileCounts = {
    "clusters-new": byChange("new"),
    "clusters-grown": byChange("grown"),
    "clusters-joined": byChange("joined"),
    "clusters-unchanged": clusters.filter((cluster) => !cluster.rewritten).length,
    "clusters-shrunk": clusters.filter((cluster) => cluster.change === "unchanged" && cluster.rewritten).length,
    "clusters-absorbed": absorbed.length,
    "clusters-dissolved": dissolved.length,
    "clusters-merged": merged.length,
    "members-removed": clusters.reduce((sum, cluster) => sum + cluster.removed.length, 0) +
      [...state.membersGone.values()].reduce((sum, gone) => sum + gone.length, 0),
    "merge-requests": requests.length,
    "review-pairs": review.length,
    "rejected-not-proposed": rejectedNotProposed,
    "accepted-already-requests": acceptedAlready,
    "held-open-request": held
  }
  return { clusters, absorbed, dissolved, merged, left, requests, review, counts }
}
