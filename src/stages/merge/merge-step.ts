import { Effect, Option, Schema, Stream } from "effect"
import { type CheckpointError, chunkStep } from "../../batch/chunk-step.ts"
import type { ListenerError } from "../../batch/listeners.ts"
import type { Step } from "../../batch/step.ts"
import { AppSettings } from "../../config/app-settings.ts"
import { Database, type DatabaseError } from "../../db/database.ts"
import type { MergePriority } from "../../domain/merge-request.ts"
import type { OrceClient } from "../../orce/client.ts"
import { batchEnded, batchStarted } from "./batch-liveness.ts"
import {
  analyzeRequests,
  claimRequests,
  countQueued,
  heartbeat,
  markInProgress,
  readNextSet,
  recoverStuckRequests,
  registerBatch,
  requeueOwnRequests
} from "./merge-queue.ts"
import { prepareMergeSet, type PreparedSet, runMergeSet, type SetRequest, setRequestsOf } from "./merge-set.ts"
import { followUpInOrce } from "./orce-follow-up.ts"

/** Where a merge batch is: the sets it has committed. The queue itself says what is left. */
export const MergeCheckpoint = Schema.Struct({ sets: Schema.Int })

export interface MergeBatchOptions {
  readonly commitSize: number
  readonly priority: MergePriority | undefined
}

export type MergeError = DatabaseError | ListenerError | CheckpointError
export type MergeRequirements = Database | AppSettings | OrceClient

/**
 * The merge batch as a chunk step whose chunk is a merge set (MRG-9): the batch first puts back the requests
 * of batches that are no longer running, takes the SAVED requests (PROCESSING), then merges them set by set
 * (IN_PROGRESS, then COMPLETED or FAILED in the set's transaction, with the step's checkpoint). After each
 * set commits, ORCE follows (MRG-11). A set locks and reads its customers first (prepareMergeSet), on
 * PostgreSQL while the set before is still writing; sets write and commit one after the other. A crash loses
 * at most the open set; resuming the run, or starting another batch, finishes the rest.
 */
export const mergeStep = (options: MergeBatchOptions): Step<MergeError, MergeRequirements> => ({
  name: "merge",
  execute: (run) =>
    Effect.gen(function*() {
      const settings = yield* AppSettings
      const now = () => new Date()
      batchStarted(run.runId)
      yield* registerBatch(run.runId, options, now())
      yield* recoverStuckRequests(run.runId, now())
      if (run.previous === undefined) yield* claimRequests(run.runId, options.priority, now())
      else yield* requeueOwnRequests(run.runId, now())
      yield* analyzeRequests
      // Merges an earlier batch committed but ORCE never heard of.
      yield* followUpInOrce(undefined)
      const plan = { integration: settings.integration }
      const step = chunkStep<ReadonlyArray<SetRequest>, ReadonlyArray<SetRequest>, typeof MergeCheckpoint.Type, DatabaseError, MergeRequirements, PreparedSet>({
        name: "merge",
        unit: "merge requests",
        checkpoint: MergeCheckpoint,
        start: { sets: 0 },
        total: () => countQueued(run.runId),
        read: (from) =>
          Stream.paginate(from.sets, (sets: number) =>
            readNextSet(run.runId, options.commitSize).pipe(
              Effect.flatMap(setRequestsOf),
              Effect.map((requests) =>
                [
                  requests.length === 0 ? [] : [{ items: requests, checkpoint: { sets: sets + 1 } }],
                  requests.length === 0 ? Option.none() : Option.some(sets + 1)
                ] as const
              )
            )),
        process: (requests) => markInProgress(run.runId, requests.map((item) => item.request.id), now()).pipe(Effect.as(requests)),
        prepare: (requests) => prepareMergeSet(requests, plan),
        write: (prepared, context) =>
          Effect.gen(function*() {
            const at = now()
            const outcome = yield* runMergeSet(run.runId, prepared, plan, at)
            const requests = prepared.rounds.flat()
            const { query } = yield* Database
            yield* query("record the merge set", (db) =>
              db.insertInto("mergeSets").values({
                runId: run.runId,
                setNumber: context.chunk,
                requests: requests.length,
                completed: outcome.completed,
                failed: outcome.failed,
                committedAt: at
              }).execute())
            yield* heartbeat(run.runId, at)
            return {
              read: requests.length,
              written: outcome.completed,
              rejected: 0,
              failed: outcome.failed,
              outcomes: { completed: outcome.completed, failed: outcome.failed, sets: 1 }
            }
          }),
        afterCommit: () => followUpInOrce(run.runId).pipe(Effect.asVoid)
      })
      return yield* step.execute(run)
    }).pipe(Effect.ensuring(Effect.sync(() => batchEnded(run.runId))))
})
