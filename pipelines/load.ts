import { Effect } from "effect"
import { AppSettings } from "../src/config/app-settings.ts"
import { describeSettings } from "../src/config/load-settings.ts"
import { inRun } from "../src/runs/in-run.ts"
import { startRun } from "../src/runs/run-ledger.ts"
import { emptyCounts } from "../src/stages/load/load-counts.ts"
import { type LoadProgress, loadStep, type LoadStepCounts } from "../src/stages/load/load-step.ts"
import { type LoadInput, openLoadSources } from "../src/stages/load/open-sources.ts"

export type { LoadInput, SourceSpec } from "../src/stages/load/open-sources.ts"
export type { LoadProgress } from "../src/stages/load/load-step.ts"

/** The load job: open the exports (VAL-2) → load customers and profile data in committed chunks. */
export const loadJob = Effect.fn("loadJob")(function*(input: LoadInput, onProgress?: (progress: LoadProgress) => void) {
  const settings = yield* AppSettings
  const sources = yield* openLoadSources(input)
  const inputs = yield* Effect.forEach([sources.customers, ...(sources.profiles ? [sources.profiles] : [])], (source) =>
    source.describe)
  const runId = yield* startRun("load", describeSettings(settings), inputs)
  yield* Effect.logInfo("load started").pipe(Effect.annotateLogs({ runId, inputs: inputs.map((input) => input.source) }))

  const current: { counts: LoadStepCounts } = { counts: { customers: emptyCounts, profiles: emptyCounts } }
  const counts = yield* inRun(runId, loadStep(sources, runId, { onProgress, current }), () => loadTotals(current.counts))
  yield* Effect.logInfo("load completed").pipe(Effect.annotateLogs({ runId, ...loadTotals(counts) }))
  return { runId, ...counts, ignoredColumns: sources.customers.header.ignored }
}, Effect.scoped)

export const loadTotals = (counts: LoadStepCounts) => ({
  customers: counts.customers.records,
  loaded: counts.customers.loaded,
  rejected: counts.customers.rejected,
  profileRows: counts.profiles.records,
  profilesLoaded: counts.profiles.loaded,
  profilesRejected: counts.profiles.rejected
})
