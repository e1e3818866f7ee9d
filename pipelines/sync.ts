import { Effect, Schema } from "effect"
import type { JobDefinition } from "../src/batch/job.ts"
import { runReport } from "../src/report/report-listener.ts"
import { integrationOff } from "../src/stages/sync/integration-check.ts"
import { type SyncError, type SyncRequirements, syncStep } from "../src/stages/sync/sync-step.ts"

/**
 * SYNCRDB, the periodic synchronization, when the integration is on (SYNC-1): send every flagged customer to
 * ORCE in committed chunks — match, map, add-or-update, write back (SYNC-2..SYNC-13).
 */
export const syncJob: JobDefinition<{}, SyncError, SyncRequirements> = {
  name: "sync",
  parameters: Schema.Struct({}),
  talksToOrce: true,
  precondition: integrationOff,
  build: () => Effect.succeed({ name: "sync", inputs: [], steps: [syncStep()], listeners: [runReport] })
}
