import { Console, Effect, Layer } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { nightlyJob } from "../../../pipelines/nightly.ts"
import { startJob } from "../../batch/job.ts"
import { AppSettings } from "../../config/app-settings.ts"
import { nightPageFile } from "../../report/night-page.ts"
import { buildNightSummary } from "../../report/night-summary.ts"
import { reportDirectory } from "../../report/write-run-report.ts"
import { chunkPreparerLayer } from "../../stages/load/chunk-preparer.ts"
import { readExportDir } from "../export-dir.ts"
import { count } from "../format.ts"
import { orceFlags, resolveRunSettings, runLayer, withStepProgress } from "../run-flags.ts"
import { settingsFlags } from "../settings-flags.ts"
import { dedupeFlags } from "./dedupe.ts"

/** The night on the terminal: what changed, or that nothing did, and where its page is. */
export const printNightSummary = Effect.fnUntraced(function*(runId: string) {
  const settings = yield* AppSettings
  const night = yield* buildNightSummary(runId)
  const page = nightPageFile(reportDirectory(settings.reportsDir, runId))
  const seconds = night.stages.map((stage) => `${stage.stage} ${stage.seconds === null ? "—" : `${stage.seconds} s`}`).join(", ")
  yield* Console.log(
    night.nothingChanged
      ? `Run ${runId} (nightly): nothing changed — ${count(night.customersUnchanged)} customers unchanged, no duplicate to merge, nothing sent to ORCE.`
      : `Run ${runId} (nightly): ${count(night.customersChanged)} new or changed customers (${count(night.customersUnchanged)} unchanged, ` +
        `${count(night.rejected)} rejected); ${count(night.mergeRequests)} merge requests, ${count(night.reviewPairs)} review pairs; ` +
        `${count(night.merged)} merged, ${count(night.mergeFailed)} failed; ${count(night.synced)} sent to ORCE, ` +
        `${count(night.deferred)} deferred, ${count(night.syncFailed)} failed.`
  )
  yield* Console.log(`  Stages: ${seconds}\n  Night report: ${page}`)
})

export const nightlyCommand = Command.make(
  "nightly",
  {
    directory: Argument.String("export-dir").pipe(Argument.withDescription(
      "the night's exports: customers.csv, and profiles.csv, sites.csv, site-uses.csv, activity.csv when there (a full export or a delta)"
    )),
    commitSize: Flag.Int("commit-size").pipe(Flag.withDescription("merge requests per merge set, one transaction each (MERGE_COMMIT_SIZE, default 1000)"), Flag.optional),
    ...dedupeFlags,
    ...orceFlags,
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveRunSettings(flags, {
      MERGE_COMMIT_SIZE: flags.commitSize,
      DEDUPE_AUTO_MERGE: flags.autoMerge,
      DEDUPE_REVIEW: flags.review
    })
    const exports = yield* readExportDir(flags.directory)
    yield* Effect.gen(function*() {
      const result = yield* withStepProgress(startJob(nightlyJob, {
        exports,
        dedupe: { full: flags.full, autoMerge: settings.dedupeAutoMerge, review: settings.dedupeReview },
        commitSize: settings.mergeCommitSize
      }))
      if (result._tag === "NotRun") return yield* Console.log(result.reason)
      for (const notice of result.notices) yield* Console.log(notice)
      yield* printNightSummary(result.runId)
    }).pipe(Effect.provide(Layer.merge(runLayer(settings), chunkPreparerLayer)))
  })
).pipe(
  Command.withDescription(
    "The nightly run: load the night's exports (new and changed rows only) → find duplicates → merge them → send every flagged customer to ORCE"
  ),
  Command.withExamples([
    { command: "orce-sync nightly exports/2026-12-04", description: "the night's run against the in-process mock ORCE" },
    { command: "orce-sync nightly exports/2026-12-04 --full --commit-size 500", description: "compare every customer, 500 merges per set" }
  ])
)
