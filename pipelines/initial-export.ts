import { Effect, Schema } from "effect"
import { AppSettings } from "../src/config/app-settings.ts"
import { describeSettings } from "../src/config/load-settings.ts"
import { Database } from "../src/db/database.ts"
import { inRun } from "../src/runs/in-run.ts"
import { lastSyncUnfinished, startRun } from "../src/runs/run-ledger.ts"
import { emptyCounts } from "../src/stages/load/load-counts.ts"
import { type LoadProgress, loadStep, type LoadStepCounts } from "../src/stages/load/load-step.ts"
import { type LoadInput, type LoadSources, openLoadSources } from "../src/stages/load/open-sources.ts"
import { integrationOff } from "../src/stages/sync/integration-check.ts"
import { noOutcomes, type OutcomeCounts } from "../src/stages/sync/sync-counts.ts"
import { syncStep } from "../src/stages/sync/sync-step.ts"

export interface ExportProgress {
  readonly phase: "load" | "sync"
  readonly load: LoadProgress | undefined
  readonly customers: number
  /** Customers the sync phase started with; 0 while loading. */
  readonly total: number
  readonly counts: OutcomeCounts
}

/** Where a run of this job is: what a resumed run continues from, checkpointed in the run ledger. */
export const ExportCheckpoint = Schema.Struct({
  phase: Schema.Literal("sync"),
  chunk: Schema.Int,
  lastCustomerNumber: Schema.Int
})

/** The sync phase starts from the first customer: the checkpoint a resumed run continues from. */
const startSync = (runId: string) =>
  Effect.gen(function*() {
    const { query } = yield* Database
    yield* query("checkpoint", (db) =>
      db.updateTable("runs")
        .set({ checkpoint: JSON.stringify({ phase: "sync", chunk: 0, lastCustomerNumber: 0 }) })
        .where("runId", "=", runId)
        .execute())
  })

/** The phases of an export run after its sources are open: load (flagging) → sync. Resume re-enters here. */
export const exportPhases = (
  runId: string,
  sources: LoadSources,
  onProgress?: (progress: ExportProgress) => void
) =>
  Effect.gen(function*() {
    const current: { counts: LoadStepCounts } = { counts: { customers: emptyCounts, profiles: emptyCounts } }
    const progress: { customers: number; counts: OutcomeCounts } = { customers: 0, counts: noOutcomes }
    const work = Effect.gen(function*() {
      const loaded = yield* loadStep(sources, runId, {
        onProgress: (load) => onProgress?.({ phase: "load", load, customers: 0, total: 0, counts: noOutcomes }),
        current,
        flagForSync: true
      })
      yield* startSync(runId)
      const synced = yield* syncStep({
        runId,
        from: { chunk: 0, lastCustomerNumber: 0 },
        mayHaveReachedOrce: (yield* lastSyncUnfinished(runId)) ? "every-chunk" : "no",
        onChunk: (counts, customers, total) => {
          Object.assign(progress, { counts, customers })
          onProgress?.({ phase: "sync", load: undefined, customers, total, counts })
        }
      })
      return { loaded, synced }
    })
    return yield* inRun(runId, work, () => ({
      records: current.counts.customers.records,
      rejected: current.counts.customers.rejected,
      customers: progress.customers,
      ...progress.counts
    }))
  })

/**
 * The initial bulk export: check the integration is on (SYNC-1) → open the exports (VAL-2) → load them
 * into staging, every customer flagged for ORCE (SYNC-2) → synchronize them with ORCE in committed chunks.
 */
export const initialExportJob = Effect.fn("initialExportJob")(function*(
  input: LoadInput,
  onProgress?: (progress: ExportProgress) => void
) {
  const off = yield* integrationOff
  if (off !== undefined) return { _tag: "IntegrationOff", reason: off } as const
  const settings = yield* AppSettings
  const sources = yield* openLoadSources(input)
  const inputs = yield* Effect.forEach([sources.customers, ...(sources.profiles ? [sources.profiles] : [])], (source) =>
    source.describe)
  const runId = yield* startRun("initial-export", describeSettings(settings), inputs)
  yield* Effect.logInfo("initial export started").pipe(Effect.annotateLogs({ runId }))
  const result = yield* exportPhases(runId, sources, onProgress)
  return { _tag: "Exported", runId, ...result } as const
}, Effect.scoped)
