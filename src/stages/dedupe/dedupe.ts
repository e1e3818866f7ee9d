import type { Customer } from "../../domain/customer.ts"
import { candidatePairs, defaultBlockingRules, type BlockingRule, type CappedBlock, type RuleStatistics } from "./blocking.ts"
import { attachToClusters, clusterPairs, type Cluster, type MatchEdge } from "./clustering.ts"
import { defaultComparisons, type Comparison } from "./comparisons.ts"
import { defaultDedupeSettings, type DedupeSettings } from "./dedupe-settings.ts"
import { levelsOf } from "./levels.ts"
import { estimateModel, type ModelParameters } from "./model.ts"
import { hasAddress, normalise, unusable, type MatchRecord } from "./normalise.ts"
import { makeScorer, matchWeight, modelFits, probabilityOf, scorePairs, type Scorer } from "./score.ts"
import { chooseSurvivor, type Activity } from "./survivor.ts"
import { type TermFrequencies, termFrequencies } from "./term-frequencies.ts"

export interface DedupeInput {
  readonly customers: ReadonlyArray<Customer>
  readonly settings?: DedupeSettings
  /** A model saved by an earlier run; estimated afresh when absent or made for other comparisons. */
  readonly model?: ModelParameters
  /** DUP-5: activity of a customer for the survivor rule; 0 for all when absent. */
  readonly activity?: Activity
  /** Incremental runs: only pairs with at least one changed customer are compared (against all). */
  readonly changed?: (customer: Customer) => boolean
  /**
   * Term frequencies over every customer, as saved and adjusted by the runs before: with them, `customers`
   * need hold only the changed ones and those sharing a block with them, not everyone.
   */
  readonly frequencies?: TermFrequencies
  readonly rules?: ReadonlyArray<BlockingRule>
  readonly comparisons?: ReadonlyArray<Comparison>
}

export interface ReviewPair {
  /** Indexes into the input customers. */
  readonly a: number
  readonly b: number
  readonly probability: number
  readonly reason: "between thresholds" | "split from cluster"
}

export interface DedupeResult {
  readonly model: ModelParameters
  readonly modelReused: boolean
  /** Customers left out of dedupe, by reason. */
  readonly skipped: Readonly<Record<"blank name", number>>
  /** Customers kept, whose data weakens matching. */
  readonly notes: { readonly placeholderEmail: number; readonly noAddress: number }
  readonly blocking: { readonly rules: ReadonlyArray<RuleStatistics>; readonly capped: ReadonlyArray<CappedBlock> }
  readonly candidatePairs: number
  /** Clusters to merge, indexes into the input customers (DUP-3, DUP-4, DUP-5). */
  readonly clusters: ReadonlyArray<Cluster>
  readonly review: ReadonlyArray<ReviewPair>
  /**
   * Scores any two of the input customers, for explanations (waterfall) and later checks. In an incremental
   * run its term frequencies cover the values of the customers in candidate pairs: every pair it reports.
   */
  readonly scorer: Scorer
  /** The normalised records; record i is input customer `customerIndex[i]`. */
  readonly records: ReadonlyArray<MatchRecord>
  readonly customerIndex: Int32Array
}

const noActivity: Activity = () => 0

/**
 * The whole dedupe of an in-memory set of customers: normalise, block, estimate (or reuse) the model,
 * score, cluster with the guard, pick survivors. Pure: no database, no clock, same input same output.
 */
export const dedupe = (input: DedupeInput): DedupeResult => {
  const settings = input.settings ?? defaultDedupeSettings
  const comparisons = input.comparisons ?? defaultComparisons()
  const activity = input.activity ?? noActivity
  const { customers } = input

  const records: Array<MatchRecord> = []
  const positions: Array<number> = []
  let blankName = 0
  let placeholderEmail = 0
  let noAddress = 0
  customers.forEach((customer, position) => {
    const record = normalise(customer, records.length)
    if (unusable(record) !== undefined) return void blankName++
    if (record.placeholderEmail) placeholderEmail++
    if (!hasAddress(record)) noAddress++
    records.push(record)
    positions.push(position)
  })
  const customerIndex = Int32Array.from(positions)
  const customerOf = (index: number) => customers[customerIndex[index]!]!

  const changed = input.changed
  const probeFlags = changed === undefined ? undefined : Uint8Array.from(records, (_, i) => Number(changed(customerOf(i))))
  const blocked = candidatePairs(records, input.rules ?? defaultBlockingRules, {
    maxBlockSize: settings.maxBlockSize,
    window: settings.window,
    ...(probeFlags === undefined ? {} : { probe: (index: number) => probeFlags[index] === 1 })
  })
  const { left, right } = blocked
  const levels = levelsOf(records, comparisons, left, right)

  const modelReused = input.model !== undefined && modelFits(input.model, comparisons)
  const model = modelReused
    ? input.model!
    : estimateModel(records, {
      comparisons,
      left,
      right,
      levels,
      randomPairs: settings.randomPairs,
      seed: settings.seed,
      maxIterations: settings.maxIterations
    })
  // An incremental run's scorer knows the frequencies of the values its pairs hold: every pair it reports.
  const scorer = makeScorer(
    model,
    comparisons,
    input.frequencies ?? termFrequencies(records, comparisons, changed === undefined ? undefined : new Set([...left, ...right]))
  )
  const probabilities = scorePairs(scorer, records, left, right, levels)

  const edges: Array<MatchEdge> = []
  const between: Array<number> = []
  for (let p = 0; p < probabilities.length; p++) {
    const probability = probabilities[p]!
    if (probability >= settings.autoMerge) edges.push({ a: left[p]!, b: right[p]!, probability })
    else if (probability >= settings.review) between.push(p)
  }

  const probability = (a: number, b: number) => probabilityOf(matchWeight(scorer, records[a]!, records[b]!))
  const grouped = clusterPairs(records.length, edges, {
    autoMerge: settings.autoMerge,
    survivorOf: (members, matches) => {
      const indexOf = new Map(members.map((index) => [customerOf(index), index]))
      const survivor = chooseSurvivor(members.map(customerOf), activity, (customer) => matches(indexOf.get(customer)!))
      return { index: indexOf.get(survivor.customer)!, reason: survivor.reason }
    },
    probability
  })
  const { splitOff } = grouped
  const excluded = new Set(splitOff.map((split) => split.member))
  const clusters = attachToClusters(grouped.clusters, left, right, excluded, { autoMerge: settings.autoMerge, probability })

  const clusterOf = new Map<number, number>()
  clusters.forEach((cluster, c) => cluster.members.forEach((member) => clusterOf.set(member.index, c)))
  const sameCluster = (a: number, b: number) => clusterOf.has(a) && clusterOf.get(a) === clusterOf.get(b)
  const toInput = (index: number) => customerIndex[index]!

  const review: Array<ReviewPair> = []
  for (const p of between) {
    if (sameCluster(left[p]!, right[p]!)) continue
    review.push({ a: toInput(left[p]!), b: toInput(right[p]!), probability: probabilities[p]!, reason: "between thresholds" })
  }
  for (const split of splitOff) {
    review.push({ a: toInput(split.member), b: toInput(split.survivor), probability: split.probability, reason: "split from cluster" })
  }

  return {
    model,
    modelReused,
    skipped: { "blank name": blankName },
    notes: { placeholderEmail, noAddress },
    blocking: { rules: blocked.rules, capped: blocked.capped },
    candidatePairs: left.length,
    clusters: clusters.map((cluster) => ({
      survivor: toInput(cluster.survivor),
      survivorReason: cluster.survivorReason,
      members: cluster.members.map((member) => ({ index: toInput(member.index), probability: member.probability }))
    })),
    review,
    scorer,
    records,
    customerIndex
  }
}
