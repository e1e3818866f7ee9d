import { Effect, Schema } from "effect"
import type { JobDefinition } from "../src/batch/job.ts"
import type { Step } from "../src/batch/step.ts"
import { AppSettings } from "../src/config/app-settings.ts"
import { nightReport } from "../src/report/night-report.ts"
import { DedupeParameters, type DedupeError, type DedupeRequirements, dedupeStep } from "../src/stages/dedupe/dedupe-step.ts"
import { type LoadError, type LoadRequirements, loadSteps } from "../src/stages/load/load-step.ts"
import { describeSources, ignoredColumns, LoadInput, openLoadSources, opened, type OpeningSources, openWhenStarted } from "../src/stages/load/open-sources.ts"
import { type MergeError, type MergeRequirements, mergeStep } from "../src/stages/merge/merge-step.ts"
import { integrationOff } from "../src/stages/sync/integration-check.ts"
import { type SyncError, type SyncRequirements, syncStep } from "../src/stages/sync/sync-step.ts"
import { writeDedupeFiles } from "./dedupe.ts"

export const NightlyParameters = Schema.Struct({
  exports: LoadInput,
  /** Dedupe: re-estimate the model and compare everyone (--full), and its thresholds. */
  dedupe: DedupeParameters,
  /** MRG-9: merge requests per merge set (MERGE_COMMIT_SIZE, or --commit-size). */
  commitSize: Schema.Int
})
export type NightlyParameters = typeof NightlyParameters.Type

export type NightlyError = LoadError | DedupeError | MergeError | SyncError
export type NightlyRequirements = LoadRequirements | DedupeRequirements | MergeRequirements | SyncRequirements

const nightSteps = (sources: OpeningSources, parameters: NightlyParameters) =>
  Effect.map(Effect.service(AppSettings), (settings): Array<Step<NightlyError, NightlyRequirements>> => [
    // Only new and changed rows are written; the customers among them are flagged for ORCE.
    ...loadSteps(sources, settings, { flagForSync: true, onlyChanged: true }),
    dedupeStep(parameters.dedupe, writeDedupeFiles),
    mergeStep({ commitSize: parameters.commitSize, priority: undefined }),
    // SYNCRDB: the changed customers of the night and the merges' survivors (MRG-11).
    syncStep()
  ])

/**
 * The nightly dedupe-and-merge run (issue 16): load the night's exports, full or delta, writing only new and
 * changed rows → find duplicates (incremental unless --full) → run the merge batch → send every flagged customer
 * to ORCE. One run, a checkpoint per stage and chunk: `orce-sync resume` continues where it stopped. A night
 * over the exports an earlier night loaded changes nothing.
 */
export const nightlyJob: JobDefinition<NightlyParameters, NightlyError, NightlyRequirements> = {
  name: "nightly",
  parameters: NightlyParameters,
  talksToOrce: true,
  precondition: integrationOff,
  build: Effect.fnUntraced(function*(parameters: NightlyParameters, resuming: boolean) {
    if (resuming) return { name: "nightly", inputs: [], steps: yield* nightSteps(openWhenStarted(parameters.exports), parameters), listeners: [nightReport] }
    const sources = yield* openLoadSources(parameters.exports)
    return {
      name: "nightly",
      inputs: yield* describeSources(sources),
      notices: ignoredColumns(sources),
      steps: yield* nightSteps(opened(sources), parameters),
      listeners: [nightReport]
    }
  })
}
