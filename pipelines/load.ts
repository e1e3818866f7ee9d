import { Effect } from "effect"
import type { JobDefinition } from "../src/batch/job.ts"
import { AppSettings } from "../src/config/app-settings.ts"
import { runReport } from "../src/report/report-listener.ts"
import { type LoadError, type LoadRequirements, loadSteps } from "../src/stages/load/load-step.ts"
import { describeSources, ignoredColumns, LoadInput, openLoadSources, opened, openWhenStarted } from "../src/stages/load/open-sources.ts"

/** The load job: open the exports (VAL-2) → load customers → load profile data, in committed chunks. */
export const loadJob: JobDefinition<LoadInput, LoadError, LoadRequirements> = {
  name: "load",
  parameters: LoadInput,
  talksToOrce: false,
  build: Effect.fnUntraced(function*(input: LoadInput, resuming: boolean) {
    const settings = yield* AppSettings
    if (resuming) return { name: "load", inputs: [], steps: loadSteps(openWhenStarted(input), settings, { flagForSync: false }), listeners: [runReport] }
    const sources = yield* openLoadSources(input)
    return {
      name: "load",
      inputs: yield* describeSources(sources),
      notices: ignoredColumns(sources),
      steps: loadSteps(opened(sources), settings, { flagForSync: false }),
      listeners: [runReport]
    }
  })
}
