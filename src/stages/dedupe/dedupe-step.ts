import { Effect, Schema, Stream } from "effect"
import { type CheckpointError, chunkStep } from "../../batch/chunk-step.ts"
import type { ListenerError } from "../../batch/listeners.ts"
import { Progress } from "../../batch/progress.ts"
import type { Step } from "../../batch/step.ts"
import type { StepCounts } from "../../batch/step-counts.ts"
import { AppSettings } from "../../config/app-settings.ts"
import type { Database, DatabaseError } from "../../db/database.ts"
import { countActiveCustomers, readAllActiveCustomers, readDedupeState, readFingerprints, readLatestModel } from "../../db/dedupe-state.ts"
import { writeDedupeRun } from "../../db/dedupe-writes.ts"
import type { Customer } from "../../domain/customer.ts"
import type { SurvivorshipChoice } from "../../domain/merge-request.ts"
import { activityCounts } from "./activity-counts.ts"
import type { IdentifiedCluster } from "./cluster-ids.ts"
import { defaultComparisons } from "./comparisons.ts"
import { dedupe, type DedupeResult, type ReviewPair } from "./dedupe.ts"
import { defaultDedupeSettings } from "./dedupe-settings.ts"
import { fingerprint } from "./fingerprint.ts"
import { type Reconciled, reconcileClusters } from "./reconcile-clusters.ts"
import { modelFits } from "./score.ts"

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

/** Everything the run decided, as the Duplicate Customer Report reads it once the step has committed. */
export interface DedupeRunOutput {
  readonly runId: string
  /** Compared every customer with a model estimated tonight (--full, or no model to reuse). */
  readonly full: boolean
  /** The dedupe's input: the result's indexes refer to it. */
  readonly customers: ReadonlyArray<Customer>
  /** The dedupe's result with its clusters as the run decided them against the stored ones. */
  readonly result: DedupeResult
  readonly clusters: ReadonlyArray<IdentifiedCluster>
  readonly mergeRequests: ReadonlyArray<CreatedMergeRequest>
  /** After the decisions: no decided pair, none listed by an earlier run. */
  readonly review: ReadonlyArray<ReviewPair>
  readonly decisions: { readonly rejectedNotProposed: number; readonly acceptedBecameRequests: number }
  readonly reconciled: Reconciled
}

interface Decided {
  readonly output: Omit<DedupeRunOutput, "mergeRequests">
  readonly estimated: boolean
  readonly fingerprints: ReadonlyArray<readonly [number, string]>
  readonly counts: Record<string, number>
}

/** Customers read per page. */
const pageSize = 10_000

/**
 * The dedupe of the staging state as it stands: the active customers, the model and clusters of the runs
 * before, the decisions people made. Incremental unless `full`: the last model is reused and only customers
 * whose fingerprint is new or changed are compared (against everyone).
 */
const decide = Effect.fnUntraced(function*(runId: string, parameters: DedupeParameters, step: string) {
  const progress = yield* Progress
  const total = yield* countActiveCustomers
  // Reading is the share of the step the bar can measure; the dedupe itself follows as its last stretch.
  const customers = yield* readAllActiveCustomers(pageSize, (done) =>
    progress.update({ step, unit: "customers", done, fraction: total === 0 ? 1 : 0.5 * (done / total) }))
  const active = new Set(customers.map((customer) => customer.customerNumber))
  const state = yield* readDedupeState(active)
  const saved = yield* readLatestModel
  const stored = yield* readFingerprints
  const activity = yield* activityCounts

  const prints = customers.map(fingerprint)
  const incremental = !parameters.full && saved !== undefined && modelFits(saved, defaultComparisons())
  const fresh = new Set<number>()
  customers.forEach((customer, i) => {
    if (stored.get(customer.customerNumber) !== prints[i]) fresh.add(customer.customerNumber)
  })
  const settings = { ...defaultDedupeSettings, autoMerge: parameters.autoMerge, review: parameters.review }
  const result = dedupe({
    customers,
    settings,
    activity,
    ...(incremental ? { model: saved, changed: (customer: Customer) => fresh.has(customer.customerNumber) } : {})
  })
  const reconciled = reconcileClusters({ customers, result, state, autoMerge: parameters.autoMerge, activity, changed: fresh })

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
      customers,
      result: { ...result, clusters: decidedClusters },
      clusters: reconciled.clusters,
      review: reconciled.review,
      decisions: {
        rejectedNotProposed: reconciled.counts["rejected-not-proposed"],
        acceptedBecameRequests: reconciled.counts["accepted-already-requests"]
      },
      reconciled
    },
    estimated: !result.modelReused,
    fingerprints: customers.flatMap((customer, i) => fresh.has(customer.customerNumber) ? [[customer.customerNumber, prints[i]!] as const] : []),
    counts
  } satisfies Decided
})

export type DedupeError = DatabaseError | ListenerError | CheckpointError
export type DedupeRequirements = AppSettings | Database

/**
 * The dedupe step (DUP-1..DUP-6, issue 14 point 9): reads the active customers a page at a time, runs the
 * dedupe, and writes everything it decided — clusters with stable IDs, merge requests (SAVED), review pairs,
 * the model and the fingerprints — in one committed chunk. The dedupe is a function of the staging state,
 * which nothing changes until that chunk commits: a restarted step that had not committed decides again from
 * the same state and writes the same; one that had committed has nothing left to do.
 *
 * `afterCommit` hears what was decided, once committed (e.g. to write the Duplicate Customer Report).
 */
export const dedupeStep = (
  parameters: DedupeParameters,
  afterCommit: (output: DedupeRunOutput) => Effect.Effect<void, never, DedupeRequirements> = () => Effect.void,
  name = "dedupe"
): Step<DedupeError, DedupeRequirements> => {
  let decided: DedupeRunOutput | undefined
  return chunkStep<Decided, Decided, typeof DedupeCheckpoint.Type, DatabaseError, DedupeRequirements>({
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
          customers: output.customers,
          fingerprints: items.fingerprints
        })
        decided = {
          ...output,
          mergeRequests: output.reconciled.requests.map((request, i) => ({ id: ids[i]!, ...request }))
        }
        return {
          read: output.customers.length,
          written: ids.length,
          rejected: 0,
          failed: 0,
          outcomes: { ...items.counts, "requests-withdrawn": withdrawn }
        } satisfies StepCounts
      }),
    afterCommit: () => decided === undefined ? Effect.void : afterCommit(decided)
  })
}
