import { Effect } from "effect"
import type { JobDefinition } from "../src/batch/job.ts"
import { AppSettings } from "../src/config/app-settings.ts"
import { runReport } from "../src/report/report-listener.ts"
import { type LoadError, type LoadRequirements, loadSteps } from "../src/stages/load/load-step.ts"
import { describeSources, ignoredColumns, LoadInput, openLoadSources, opened, openWhenStarted } from "../src/stages/load/open-sources.ts"
import { integrationOff } from "../src/stages/sync/integration-check.ts"
import { type SyncError, type SyncRequirements, syncStep } from "../src/stages/sync/sync-step.ts"

/**
 * The initial bulk export, when the integration is on (SYNC-1): open the exports (VAL-2) → load customers,
 * each flagged for ORCE (SYNC-2) → load profile data → synchronize every flagged customer with ORCE.
 */
export const initialExportJob: JobDefinition<LoadInput, LoadError | SyncError, LoadRequirements | SyncRequirements> = {
  name: "initial-export",
  parameters: LoadInput,
  talksToOrce: true,
  precondition: integrationOff,
  build: Effect.fnUntraced(function*(input: LoadInput, resuming: boolean) {
    const settings = yield* AppSettings
    if (resuming) return { name: "initial-export", inputs: [], steps: [...loadSteps(openWhenStarted(input), settings, { flagForSync: true }), syncStep()], listeners: [runReport] }
    const sources = yield* openLoadSources(input)
    return {
      name: "initial-export",
      inputs: yield* describeSources(sources),
      notices: ignoredColumns(sources),
      steps: [...loadSteps(opened(sources), settings, { flagForSync: true }), syncStep()],
      listeners: [runReport]
    }
  })
}
