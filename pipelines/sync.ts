import { Effect } from "effect"
import { AppSettings } from "../src/config/app-settings.ts"
import { describeSettings } from "../src/config/load-settings.ts"
import { inRun } from "../src/runs/in-run.ts"
import { lastSyncUnfinished, startRun } from "../src/runs/run-ledger.ts"
import { integrationOff } from "../src/stages/sync/integration-check.ts"
import { noOutcomes, type OutcomeCounts } from "../src/stages/sync/sync-counts.ts"
import { syncStep } from "../src/stages/sync/sync-step.ts"

export interface SyncProgress {
  readonly customers: number
  readonly total: number
  readonly counts: OutcomeCounts
}

/**
 * SYNCRDB, the periodic synchronization: check the integration is on (SYNC-1) → send every flagged
 * customer to ORCE in committed chunks: match, map, add-or-update, write back (SYNC-2..SYNC-13).
 */
export const syncJob = Effect.fn("syncJob")(function*(onProgress?: (progress: SyncProgress) => void) {
  const off = yield* integrationOff
  if (off !== undefined) return { _tag: "IntegrationOff", reason: off } as const
  const settings = yield* AppSettings
  const runId = yield* startRun("sync", describeSettings(settings), [])
  const progress = { customers: 0, total: 0, counts: noOutcomes }
  const mayHaveReachedOrce = (yield* lastSyncUnfinished(runId)) ? "every-chunk" : "no"
  const result = yield* inRun(
    runId,
    syncStep({
      runId,
      from: { chunk: 0, lastCustomerNumber: 0 },
      mayHaveReachedOrce,
      onChunk: (counts, customers, total) => {
        Object.assign(progress, { counts, customers, total })
        onProgress?.(progress)
      }
    }),
    () => ({ customers: progress.customers, ...progress.counts })
  )
  return { _tag: "Synced", runId, ...result } as const
})
