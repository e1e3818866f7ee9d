import type { Customer } from "../../domain/customer.ts"
import type { ClusterChange } from "../../stages/dedupe/cluster-ids.ts"
import { waterfall, type Waterfall } from "../../stages/dedupe/score.ts"
import type { CreatedMergeRequest, DuplicateReportInput } from "./duplicate-report-input.ts"

/**
 * The report's view of a dedupe run: clusters under their stable IDs with their members, survivors and
 * merge requests, and every proposed and review pair — all by customer number, in one order that depends
 * only on the input (RPT-4).
 */

/** Why a pair is in the report (DUP-3, DUP-4). */
export type PairBand = "auto-merge" | "accepted in review" | "review" | "split from cluster"

export interface PairView {
  /** Customer numbers: the member (the merge's from-customer) and the survivor (to-customer), or the review pair. */
  readonly a: number
  readonly b: number
  readonly probability: number
  readonly band: PairBand
  readonly clusterId: number | null
  readonly requestId: number | null
}

export interface MemberView {
  readonly customerNumber: number
  /** Absent for a member known only from an earlier run's cluster. */
  readonly customer: Customer | undefined
  readonly survivor: boolean
  /** Match probability with its survivor; null for a survivor and for a member tonight's run did not score. */
  readonly probability: number | null
  readonly requestId: number | null
}

export interface SurvivorView {
  readonly customerNumber: number
  /** DUP-5: the rule that chose it. */
  readonly reason: string
}

export interface ClusterView {
  /** Null only for a cluster the run found but gave no stable ID. */
  readonly id: number | null
  readonly change: ClusterChange | null
  readonly absorbed: ReadonlyArray<number>
  /** One per dedupe cluster inside it: usually one; two or more when tonight joined earlier clusters. */
  readonly survivors: ReadonlyArray<SurvivorView>
  /** Survivors first, then the others by customer number. */
  readonly members: ReadonlyArray<MemberView>
  readonly proposed: ReadonlyArray<PairView>
  readonly requests: ReadonlyArray<CreatedMergeRequest>
  /** DUP-4: members split off into review because they do not themselves match the survivor. */
  readonly splitOff: ReadonlyArray<PairView>
  /** The lowest probability of a member with its survivor; null when none was scored tonight. */
  readonly lowest: number | null
}

export interface DuplicateViews {
  /** In stable-ID order. */
  readonly clusters: ReadonlyArray<ClusterView>
  /** Proposed pairs (cluster order), then review pairs (split-offs first, then most probable first). */
  readonly pairs: ReadonlyArray<PairView>
  readonly reviewPairs: ReadonlyArray<PairView>
  /** Merge requests from review pairs a person accepted that belong to no cluster, as pairs. */
  readonly accepted: ReadonlyArray<PairView>
  readonly customerOf: (customerNumber: number) => Customer | undefined
  /** DUP-2: why two customers matched; undefined when one of them was not part of the dedupe (blank name). */
  readonly explain: (a: number, b: number) => Waterfall | undefined
}

const byNumber = (a: number, b: number) => a - b

const none: ReadonlyArray<never> = []

/**
 * A list that grew by push, kept at its length: a pushed array holds room for more, which a hundred
 * thousand clusters of a big night would keep for nothing.
 */
const exact = <A>(list: ReadonlyArray<A>): ReadonlyArray<A> => (list.length === 0 ? none : list.slice())

const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`)

interface CustomerLookup {
  readonly customerOf: (customerNumber: number) => Customer | undefined
  readonly explain: (a: number, b: number) => Waterfall | undefined
}

/**
 * Customers and their waterfalls by customer number. A function of its own: the closures it returns keep
 * only what they use, not everything the views were built with.
 */
const customerLookup = (input: DuplicateReportInput): CustomerLookup => {
  const { customers, result } = input
  const position = new Map<number, number>()
  customers.forEach((customer, index) => position.set(customer.customerNumber, index))
  const recordOf = new Int32Array(customers.length).fill(-1)
  result.customerIndex.forEach((customerIndex, record) => (recordOf[customerIndex] = record))
  return {
    customerOf: (customerNumber) => {
      const index = position.get(customerNumber)
      return index === undefined ? undefined : customers[index]
    },
    explain: (a, b) => {
      const x = position.get(a)
      const y = position.get(b)
      if (x === undefined || y === undefined || recordOf[x]! < 0 || recordOf[y]! < 0) return undefined
      return waterfall(result.scorer, result.records[recordOf[x]!]!, result.records[recordOf[y]!]!)
    }
  }
}

export const duplicateViews = (input: DuplicateReportInput): DuplicateViews => {
  const { customers, result } = input
  const lookup = customerLookup(input)
  const { customerOf, explain } = lookup
  const numberOf = (index: number) => customers[index]!.customerNumber

  // A customer is merged into one survivor, so its request is found by the from-customer alone.
  const requestFrom = new Map<number, CreatedMergeRequest>()
  for (const request of input.mergeRequests) requestFrom.set(request.fromCustomer, request)
  /** A member's probability with its survivor, by customer number: a customer is in one cluster at most. */
  const probabilityOf = new Map<number, number>()
  const identifiedOf = new Map<number, number>()
  input.clusters.forEach((cluster, c) => cluster.members.forEach((member) => identifiedOf.set(member, c)))

  // Tonight's dedupe clusters, filed under the stable cluster holding their survivor.
  interface Building {
    readonly id: number | null
    readonly change: ClusterChange | null
    readonly absorbed: ReadonlyArray<number>
    /** Customer numbers, possibly twice (a stable cluster's member is also in tonight's cluster): made unique at the end. */
    readonly numbers: Array<number>
    readonly survivors: Array<SurvivorView>
    readonly proposed: Array<PairView>
    readonly requests: Array<CreatedMergeRequest>
    readonly splitOff: Array<PairView>
  }
  // One building per cluster, kept small: a big night has a hundred thousand of them.
  const building = (id: number | null, change: ClusterChange | null, absorbed: ReadonlyArray<number>, numbers: ReadonlyArray<number>): Building => ({
    id,
    change,
    absorbed,
    numbers: [...numbers],
    survivors: [],
    proposed: [],
    requests: [],
    splitOff: []
  })
  const views = input.clusters.map((cluster) => building(cluster.id, cluster.change, cluster.absorbed, cluster.members))
  const unidentified: Array<Building> = []
  const proposedKeys = new Set<string>()
  for (const cluster of result.clusters) {
    const survivor = numberOf(cluster.survivor)
    const c = identifiedOf.get(survivor)
    const view = c === undefined ? building(null, null, [], []) : views[c]!
    if (c === undefined) unidentified.push(view)
    view.survivors.push({ customerNumber: survivor, reason: cluster.survivorReason })
    for (const member of cluster.members) {
      const number = numberOf(member.index)
      view.numbers.push(number)
      if (number === survivor) continue
      probabilityOf.set(number, member.probability)
      const candidate = requestFrom.get(number)
      const request = candidate?.toCustomer === survivor ? candidate : undefined
      proposedKeys.add(pairKey(number, survivor))
      view.proposed.push({
        a: number,
        b: survivor,
        probability: member.probability,
        band: "auto-merge",
        clusterId: view.id,
        requestId: request?.id ?? null
      })
    }
  }

  // Every request goes with its cluster; one that is no pair of tonight's clusters is a review pair a person accepted.
  const accepted: Array<PairView> = []
  const idIndex = new Map(views.map((view, v) => [view.id, v]))
  const viewOfRequest = (request: CreatedMergeRequest) => {
    const c = (request.clusterId === null ? undefined : idIndex.get(request.clusterId)) ?? identifiedOf.get(request.toCustomer)
    return c === undefined ? undefined : views[c]
  }
  for (const request of [...input.mergeRequests].sort((x, y) => x.id - y.id)) {
    const view = viewOfRequest(request)
    view?.requests.push(request)
    if (proposedKeys.has(pairKey(request.fromCustomer, request.toCustomer))) continue
    proposedKeys.add(pairKey(request.fromCustomer, request.toCustomer))
    const pair: PairView = {
      a: request.fromCustomer,
      b: request.toCustomer,
      probability: request.probability ?? explain(request.fromCustomer, request.toCustomer)?.probability ?? 0,
      band: "accepted in review",
      clusterId: request.clusterId ?? view?.id ?? null,
      requestId: request.id
    }
    if (view === undefined) accepted.push(pair)
    else view.proposed.push(pair)
  }

  const reviewPairs: Array<PairView> = input.review.map((pair) => {
    const a = numberOf(pair.a)
    const b = numberOf(pair.b)
    const c = pair.reason === "split from cluster" ? identifiedOf.get(b) : undefined
    return {
      a,
      b,
      probability: pair.probability,
      band: pair.reason === "split from cluster" ? "split from cluster" : "review",
      clusterId: c === undefined ? null : views[c]!.id,
      requestId: null
    }
  })
  reviewPairs.sort((x, y) =>
    Number(y.band === "split from cluster") - Number(x.band === "split from cluster") ||
    y.probability - x.probability || x.a - y.a || x.b - y.b
  )
  for (const pair of reviewPairs) {
    if (pair.band !== "split from cluster") continue
    const c = identifiedOf.get(pair.b)
    if (c !== undefined) views[c]!.splitOff.push(pair)
  }

  const built = [...views, ...unidentified].map((view): ClusterView => {
    const survivorNumbers = new Set(view.survivors.map((survivor) => survivor.customerNumber))
    const numbers = view.numbers.sort(byNumber).filter((n, i, all) => i === 0 || all[i - 1] !== n)
    const requestOfMember = (n: number) => {
      const request = requestFrom.get(n)
      return request !== undefined && view.requests.includes(request) ? request.id : null
    }
    const members = [...numbers.filter((n) => survivorNumbers.has(n)), ...numbers.filter((n) => !survivorNumbers.has(n))].map((n): MemberView => ({
      customerNumber: n,
      customer: customerOf(n),
      survivor: survivorNumbers.has(n),
      probability: survivorNumbers.has(n) ? null : probabilityOf.get(n) ?? null,
      requestId: requestOfMember(n)
    }))
    let lowest: number | null = null
    for (const member of members) if (member.probability !== null && (lowest === null || member.probability < lowest)) lowest = member.probability
    view.proposed.sort((x, y) => x.a - y.a || x.b - y.b)
    return {
      id: view.id,
      change: view.change,
      absorbed: view.absorbed,
      survivors: exact(view.survivors),
      members,
      proposed: exact(view.proposed),
      requests: exact(view.requests),
      splitOff: exact(view.splitOff),
      lowest
    }
  })

  // Clusters a completed merge finished: the survivor and the customers merged into it, nothing left to do.
  const merged = input.merged.map((cluster): ClusterView => ({
    id: cluster.id,
    change: "merged",
    absorbed: none,
    survivors: [{ customerNumber: cluster.survivor, reason: cluster.survivorReason }],
    members: [cluster.survivor, ...[...cluster.merged].sort(byNumber)].map((n, i): MemberView => ({
      customerNumber: n,
      customer: customerOf(n),
      survivor: i === 0,
      probability: null,
      requestId: null
    })),
    proposed: none,
    requests: none,
    splitOff: none,
    lowest: null
  }))
  const identified = [...built.slice(0, views.length), ...merged].sort((x, y) => x.id! - y.id!)
  const clusters = [...identified, ...built.slice(views.length)]

  return {
    clusters,
    pairs: [...clusters.flatMap((cluster) => cluster.proposed), ...accepted, ...reviewPairs],
    reviewPairs,
    accepted,
    ...lookup
  }
}

const changeRank: Record<ClusterChange, number> = { joined: 0, grown: 1, new: 2, unchanged: 3, merged: 4 }

/**
 * Clusters in the order a person should look at them: those with members split off first, then the
 * weakest (lowest probability of a member with its survivor), then what changed tonight, then by ID.
 */
export const byAttention = (clusters: ReadonlyArray<ClusterView>): Array<ClusterView> =>
  [...clusters].sort((x, y) =>
    Number(y.splitOff.length > 0) - Number(x.splitOff.length > 0) ||
    (x.lowest ?? 2) - (y.lowest ?? 2) ||
    (x.change === null ? -1 : changeRank[x.change]) - (y.change === null ? -1 : changeRank[y.change]) ||
    (x.id ?? -1) - (y.id ?? -1)
  )
