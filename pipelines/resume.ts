import { Effect, Option, Schema } from "effect"
import { Database } from "../src/db/database.ts"
import { inRun } from "../src/runs/in-run.ts"
import { getRun, reopenRun } from "../src/runs/run-ledger.ts"
import type { SourceSpec } from "../src/stages/load/open-sources.ts"
import { openLoadSources } from "../src/stages/load/open-sources.ts"
import { integrationOff } from "../src/stages/sync/integration-check.ts"
import { noOutcomes, type OutcomeCounts } from "../src/stages/sync/sync-counts.ts"
import { syncStep } from "../src/stages/sync/sync-step.ts"
import { ExportCheckpoint, type ExportProgress, exportPhases } from "./initial-export.ts"

export class ResumeError extends Schema.TaggedError<ResumeError>()("ResumeError", {
  runId: Schema.String,
  message: Schema.String
}) {}

const decodeCheckpoint = Schema.decodeUnknownOption(ExportCheckpoint)
const RunInputs = Schema.Array(Schema.Struct({ source: Schema.String }))

const specOf = (source: string): SourceSpec =>
  source.startsWith("table ") ? { table: source.slice("table ".length) } : { file: source }

/** A crash inside the load phase: forget what this run had loaded, so loading again is not a duplicate (VAL-3). */
const forgetPartialLoad = (runId: string) =>
  Effect.gen(function*() {
    const database = yield* Database
    yield* database.transaction("forget partial load", (query) =>
      Effect.gen(function*() {
        yield* query("forget rejects", (db) => db.deleteFrom("rejects").where("runId", "=", runId).execute())
        yield* query("forget loaded customers", (db) =>
          db.updateTable("customers").set({ loadRunId: "" }).where("loadRunId", "=", runId).execute())
        yield* query("forget loaded profiles", (db) =>
          db.updateTable("customerProfiles").set({ loadRunId: "" }).where("loadRunId", "=", runId).execute())
      })
    )
  })

/**
 * `orce-sync resume <run-id>`: continues an interrupted export or sync after its last committed chunk.
 * The chunk that was in flight is redone; its customers are first looked up by their OROMS alt key, so
 * none is created twice (SYNC-12, REL-1).
 */
export const resumeJob = Effect.fn("resumeJob")(function*(runId: string, onProgress?: (progress: ExportProgress) => void) {
  const run = yield* getRun(runId)
  if (run === undefined) {
    return yield* new ResumeError({ runId, message: `There is no run ${runId} in the run ledger; check the run ID.` })
  }
  if (run.status === "completed") return { _tag: "NothingToResume", runId } as const
  if (run.pipeline !== "initial-export" && run.pipeline !== "sync") {
    return yield* new ResumeError({
      runId,
      message: `Run ${runId} is a ${run.pipeline}, which is not resumed; run it again instead.`
    })
  }
  const off = yield* integrationOff
  if (off !== undefined) return { _tag: "IntegrationOff", reason: off } as const
  yield* reopenRun(runId)
  yield* Effect.logInfo("run resumed").pipe(Effect.annotateLogs({ runId, checkpoint: run.checkpoint }))

  const checkpoint = decodeCheckpoint(run.checkpoint)
  if (run.pipeline === "initial-export" && Option.isNone(checkpoint)) {
    const inputs = Schema.decodeUnknownSync(RunInputs)(run.inputs)
    yield* forgetPartialLoad(runId)
    const sources = yield* openLoadSources({
      customers: specOf(inputs[0]!.source),
      profiles: inputs[1] === undefined ? undefined : specOf(inputs[1].source)
    })
    const result = yield* exportPhases(runId, sources, onProgress)
    return { _tag: "Resumed", runId, ...result.synced } as const
  }

  const from = Option.getOrElse(checkpoint, () => ({ phase: "sync" as const, chunk: 0, lastCustomerNumber: 0 }))
  const progress: { customers: number; counts: OutcomeCounts } = { customers: 0, counts: noOutcomes }
  const synced = yield* inRun(
    runId,
    syncStep({
      runId,
      from,
      mayHaveReachedOrce: "chunks-in-flight",
      onChunk: (counts, customers, total) => {
        Object.assign(progress, { counts, customers })
        onProgress?.({ phase: "sync", load: undefined, customers, total, counts })
      }
    }),
    () => ({ customers: progress.customers, ...progress.counts })
  )
  return { _tag: "Resumed", runId, ...synced } as const
}, Effect.scoped)
