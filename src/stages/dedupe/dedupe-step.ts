import { Effect, Schema, Stream } from "effect"
import { type CheckpointError, chunkStep } from "../../batch/chunk-step.ts"
import type { ListenerError } from "../../batch/listeners.ts"
import { Progress } from "../../batch/progress.ts"
import type { Step } from "../../batch/step.ts"
import type { StepCounts } from "../../batch/step-counts.ts"
import { AppSettings } from "../../config/app-settings.ts"
import type { Database, DatabaseError } from "../../db/database.ts"
import {
  readChangedCustomers,
  readCustomersSharingKeys,
  readGoneCustomers,
  readSavedTerms,
  readTermCounts,
  replaceDedupeKeys,
  updateDedupeKeys
} from "../../db/dedupe-keys.ts"
import {
  countActiveCustomers,
  readAllActiveCustomers,
  readCustomersByNumber,
  readDedupeState,
  readFingerprints,
  readLatestModel
} from "../../db/dedupe-state.ts"
import { writeDedupeRun } from "../../db/dedupe-writes.ts"
import type { Customer } from "../../domain/customer.ts"
import type { SurvivorshipChoice } from "../../domain/merge-request.ts"
import { survivorshipRules } from "../../domain/survivorship-rules.ts"
import { activityCounts } from "./activity-counts.ts"
import { defaultBlockingRules } from "./blocking.ts"
import type { IdentifiedCluster } from "./cluster-ids.ts"
import { defaultComparisons } from "./comparisons.ts"
import { dedupe, type DedupeResult, type ReviewPair } from "./dedupe.ts"
import { defaultDedupeSettings } from "./dedupe-settings.ts"
import { fingerprint } from "./fingerprint.ts"
import { type MergedCluster, type Reconciled, reconcileClusters } from "./reconcile-clusters.ts"
import { normalise, unusable, type MatchRecord } from "./normalise.ts"
import { adjustCounts, customerKeys, type CustomerKeys, type Term, type TermCounts, termDeltas } from "./saved-keys.ts"
import { modelFits } from "./score.ts"
import { savedFrequencies, type TermFrequencies, termsOf } from "./term-frequencies.ts"

const Probability = Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 1 }))

/** What a dedupe run is started with, kept by the run ledger so that a resumed run decides the same. */
export const DedupeParameters = Schema.Struct({
  /** Re-estimate the model and compare every customer, not only the new and changed ones. */
  full: Schema.Boolean,
  autoMerge: Probability,
  review: Probability
})
export type DedupeParameters = typeof DedupeParameters.Type

/** Where the step is: its one chunk, the whole dedupe, committed or not. */
const DedupeCheckpoint = Schema.Struct({ done: Schema.Boolean })

/** A merge request the run created, as the Duplicate Customer Report lists it (DUP-7). */
export interface CreatedMergeRequest {
  readonly id: number
  readonly fromCustomer: number
  readonly toCustomer: number
  readonly probability: number | null
  readonly clusterId: number | null
  readonly survivorship: ReadonlyArray<SurvivorshipChoice> | null
}

/** Everything the run decided, as the Duplicate Customer Report reads it. */
export interface DedupeRunOutput {
  readonly runId: string
  /** Compared every customer with a model estimated tonight (--full, or no model to reuse). */
  readonly full: boolean
  /** The dedupe's input (the result's indexes refer to it), then the customers merged away in `merged` clusters. */
  readonly customers: ReadonlyArray<Customer>
  /** The dedupe's result with its clusters as the run decided them against the stored ones. */
  readonly result: DedupeResult
  readonly clusters: ReadonlyArray<IdentifiedCluster>
  /** Stored clusters a completed merge finished tonight: their members merged into the survivor. */
  readonly merged: ReadonlyArray<MergedCluster>
  readonly mergeRequests: ReadonlyArray<CreatedMergeRequest>
  /** After the decisions: no decided pair, none listed by an earlier run. */
  readonly review: ReadonlyArray<ReviewPair>
  readonly decisions: { readonly rejectedNotProposed: number; readonly acceptedBecameRequests: number }
  readonly reconciled: Reconciled
}

/** What the run saves for the next one: every customer's keys (a full run) or the changes to them. */
type KeyWrites =
  | { readonly _tag: "replace"; readonly rows: ReadonlyArray<CustomerKeys>; readonly counts: TermCounts }
  | { readonly _tag: "update"; readonly rows: ReadonlyArray<CustomerKeys>; readonly gone: ReadonlyArray<number>; readonly deltas: TermCounts }

interface Decided {
  readonly output: Omit<DedupeRunOutput, "mergeRequests">
  /** Customers the dedupe read. */
  readonly read: number
  readonly estimated: boolean
  readonly keys: KeyWrites
  readonly counts: Record<string, number>
}

/** Customers read per page. */
const pageSize = 10_000

/** What tonight's dedupe works on, and what it saves for the next run. */
interface WorkingSet {
  readonly customers: ReadonlyArray<Customer>
  /** Customer numbers new or changed since the last run. */
  readonly fresh: ReadonlySet<number>
  readonly incremental: boolean
  /** Saved term frequencies over every customer, adjusted by tonight's changes (incremental runs). */
  readonly frequencies?: TermFrequencies
  readonly keys: (result: DedupeResult) => KeyWrites
}

const keysOfResult = (customers: ReadonlyArray<Customer>, result: DedupeResult, only?: ReadonlySet<number>) => {
  const recordAt = new Map<number, MatchRecord>()
  result.records.forEach((record, i) => recordAt.set(result.customerIndex[i]!, record))
  const comparisons = result.scorer.comparisons
  return customers.flatMap((customer, i) =>
    only === undefined || only.has(customer.customerNumber) ? [customerKeys(customer, recordAt.get(i), defaultBlockingRules, comparisons)] : [])
}

/** Every active customer, each compared with every other: the first run, --full, or a model that no longer fits. */
const everyone = Effect.fnUntraced(function*(step: string) {
  const progress = yield* Progress
  const total = yield* countActiveCustomers
  // Reading is the share of the step the bar can measure; the dedupe itself follows as its last stretch.
  const customers = yield* readAllActiveCustomers(pageSize, (done) =>
    progress.update({ step, unit: "customers", done, fraction: total === 0 ? 1 : 0.5 * (done / total) }))
  const stored = yield* readFingerprints
  const fresh = new Set<number>()
  for (const customer of customers) if (stored.get(customer.customerNumber) !== fingerprint(customer)) fresh.add(customer.customerNumber)
  return {
    customers,
    fresh,
    incremental: false,
    keys: (result: DedupeResult): KeyWrites => {
      const rows = keysOfResult(customers, result)
      return { _tag: "replace", rows, counts: termDeltas(rows.map((row) => row.terms), []) }
    }
  } satisfies WorkingSet
})

const usableRecord = (customer: Customer): MatchRecord | undefined => {
  const record = normalise(customer, 0)
  return unusable(record) === undefined ? record : undefined
}

/**
 * An incremental night reads only what changed: the database finds the new and changed customers by their
 * fingerprint, then the customers sharing a block with one of them (an index lookup of the saved block keys),
 * and the members of the stored clusters, which the guard checks again. The term frequencies are the saved
 * counts moved by what changed. Blocks holding a changed customer are complete, so the pairs are those of a
 * comparison of everyone with the saved model.
 */
const changedOnly = Effect.fnUntraced(function*(step: string, storedMembers: ReadonlyArray<number>) {
  const progress = yield* Progress
  const comparisons = defaultComparisons()
  const changed = yield* readChangedCustomers(pageSize)
  progress.update({ step, unit: "customers", done: changed.length, fraction: 0.25 })
  const fresh = new Set(changed.map((customer) => customer.customerNumber))
  const changedKeys = changed.map((customer) => customerKeys(customer, usableRecord(customer), defaultBlockingRules, comparisons))
  const hashes = [...new Set(changedKeys.flatMap((keys) => keys.blockKeys))]
  const gone = yield* readGoneCustomers
  const goneNumbers = new Set(gone.map((row) => row.customerNumber))
  const sharing = yield* readCustomersSharingKeys(hashes)
  const others = [...new Set([...sharing, ...storedMembers])].filter((n) => !fresh.has(n) && !goneNumbers.has(n))
  const read = yield* readCustomersByNumber(others)
  const customers = [...changed, ...[...read.values()].filter((customer) => customer.status === "A")]
    .sort((a, b) => a.customerNumber - b.customerNumber)
  progress.update({ step, unit: "customers", done: customers.length, fraction: 0.5 })

  const before = yield* readSavedTerms([...fresh])
  const deltas = termDeltas(changedKeys.map((keys) => keys.terms), [...before.values(), ...gone.map((row) => row.terms)])
  // The counts of the values tonight's customers hold: those the scorer looks up.
  const needed = new Map<string, Term>()
  const need = (terms: ReadonlyArray<Term>) => {
    for (const term of terms) needed.set(`${term[0]}\u001f${term[1]}`, term)
  }
  for (const keys of changedKeys) need(keys.terms)
  for (const customer of read.values()) {
    const record = usableRecord(customer)
    if (record !== undefined) need(termsOf(record, comparisons))
  }
  for (const comparison of comparisons) if (comparison.termFrequency !== undefined) needed.set(`${comparison.name}\u001f`, [comparison.name, ""])
  const saved = yield* readTermCounts([...needed.values()])
  return {
    customers,
    fresh,
    incremental: true,
    frequencies: savedFrequencies(comparisons, adjustCounts(saved, deltas)),
    keys: (): KeyWrites => ({ _tag: "update", rows: changedKeys, gone: [...goneNumbers], deltas })
  } satisfies WorkingSet
})

/**
 * The dedupe of the staging state as it stands: the active customers, the model and clusters of the runs
 * before, the decisions people made. Incremental unless `full`: the last model is reused and only customers
 * whose fingerprint is new or changed are compared (against everyone they share a block with).
 */
const decide = Effect.fnUntraced(function*(runId: string, parameters: DedupeParameters, step: string) {
  const state = yield* readDedupeState()
  const saved = yield* readLatestModel
  const activity = yield* activityCounts
  const incremental = !parameters.full && saved !== undefined && modelFits(saved, defaultComparisons())
  const working: WorkingSet = incremental
    ? yield* changedOnly(step, state.clusters.flatMap((cluster) => cluster.members))
    : yield* everyone(step)
  const { customers, fresh, frequencies } = working

  const settings = { ...defaultDedupeSettings, autoMerge: parameters.autoMerge, review: parameters.review }
  const result = dedupe({
    customers,
    settings,
    activity,
    ...(incremental ? { model: saved, changed: (customer: Customer) => fresh.has(customer.customerNumber) } : {}),
    ...(frequencies === undefined ? {} : { frequencies })
  })
  const reconciled = reconcileClusters({
    customers,
    result,
    state,
    autoMerge: parameters.autoMerge,
    activity,
    survivorship: survivorshipRules((yield* AppSettings).dedupeSurvivorship),
    changed: fresh,
    ...(frequencies === undefined ? {} : { frequencies })
  })

  const counts: Record<string, number> = {
    "incremental": Number(incremental),
    "customers-compared": incremental ? fresh.size : customers.length,
    "skipped-blank-name": result.skipped["blank name"],
    "placeholder-email": result.notes.placeholderEmail,
    "no-address": result.notes.noAddress,
    "candidate-pairs": result.candidatePairs,
    "capped-blocks": result.blocking.capped.length,
    "model-reused": Number(result.modelReused),
    "fingerprints-changed": fresh.size,
    ...reconciled.counts
  }
  const mergedAway = yield* readCustomersByNumber(reconciled.merged.flatMap((cluster) => cluster.merged))
  const inputIndex = new Map(customers.map((customer, index) => [customer.customerNumber, index]))
  // The clusters as decided (stored members and survivors included), in the result's terms, for the report.
  const decidedClusters = reconciled.clusters.map((cluster) => ({
    survivor: inputIndex.get(cluster.survivor)!,
    survivorReason: cluster.survivorReason,
    members: cluster.memberships.map((member) => ({ index: inputIndex.get(member.customerNumber)!, probability: member.probability }))
  }))
  return {
    output: {
      runId,
      full: !incremental,
      customers: [...customers, ...[...mergedAway.values()].sort((a, b) => a.customerNumber - b.customerNumber)],
      result: { ...result, clusters: decidedClusters },
      clusters: reconciled.clusters,
      merged: reconciled.merged,
      review: reconciled.review,
      decisions: {
        rejectedNotProposed: reconciled.counts["rejected-not-proposed"],
        acceptedBecameRequests: reconciled.counts["accepted-already-requests"]
      },
      reconciled
    },
    read: customers.length,
    estimated: !result.modelReused,
    keys: working.keys(result),
    counts
  } satisfies Decided
})

export type DedupeError = DatabaseError | ListenerError | CheckpointError
export type DedupeRequirements = AppSettings | Database

/**
 * The dedupe step (DUP-1..DUP-6, issue 14 point 9): reads the active customers a page at a time, runs the
 * dedupe, and writes everything it decided — clusters with stable IDs, merge requests (SAVED), review pairs,
 * the model and the saved keys — in one committed chunk. The dedupe is a function of the staging state,
 * which nothing changes until that chunk commits: a restarted step that had not committed decides again from
 * the same state and writes the same; one that had committed has nothing left to do.
 *
 * `writeFiles` hears what was decided (e.g. to write the Duplicate Customer Report) inside the chunk's
 * transaction, just before it commits: what a run decided is gone from memory once it has committed, so a
 * crash between the commit and the end of the step would leave a resumed run nothing to write the files
 * from. This way a committed run has its files, and one that crashed before its commit writes them again,
 * the same, when resumed.
 */
export const dedupeStep = (
  parameters: DedupeParameters,
  writeFiles: (output: DedupeRunOutput) => Effect.Effect<void, never, DedupeRequirements> = () => Effect.void,
  name = "dedupe"
): Step<DedupeError, DedupeRequirements> =>
  chunkStep<Decided, Decided, typeof DedupeCheckpoint.Type, DatabaseError, DedupeRequirements>({
    name,
    unit: "customers",
    checkpoint: DedupeCheckpoint,
    start: { done: false },
    read: (from, run) =>
      from.done
        ? Stream.empty
        : Stream.fromEffect(decide(run.runId, parameters, name).pipe(
          Effect.map((items) => ({ items, checkpoint: { done: true }, fraction: 1 }))
        )),
    process: (items) => Effect.succeed(items),
    write: (items, chunk) =>
      Effect.gen(function*() {
        const { output } = items
        const { requestIds: ids, withdrawn } = yield* writeDedupeRun({
          runId: chunk.runId,
          model: output.result.model,
          estimated: items.estimated,
          reconciled: output.reconciled,
          customers: output.customers
        })
        const { keys } = items
        if (keys._tag === "replace") yield* replaceDedupeKeys(keys.rows, keys.counts, chunk.runId)
        else yield* updateDedupeKeys(keys.rows, keys.gone, keys.deltas, chunk.runId)
        yield* writeFiles({
          ...output,
          mergeRequests: output.reconciled.requests.map((request, i) => ({ id: ids[i]!, ...request }))
        })
        return {
          read: items.read,
          written: ids.length,
          rejected: 0,
          failed: 0,
          outcomes: { ...items.counts, "requests-withdrawn": withdrawn }
        } satisfies StepCounts
      })
  })
