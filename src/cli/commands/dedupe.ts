import { Console, Effect } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { dedupeJob, reviewFile } from "../../../pipelines/dedupe.ts"
import { startJob } from "../../batch/job.ts"
import { noCounts } from "../../batch/step-counts.ts"
import { AppSettings } from "../../config/app-settings.ts"
import { readCustomersByNumber } from "../../db/dedupe-state.ts"
import { survivorshipRules } from "../../domain/survivorship-rules.ts"
import { recordDecisions } from "../../db/record-decisions.ts"
import { formatDedupeSummary } from "../../report/dedupe-summary.ts"
import { duplicateReportFiles } from "../../report/duplicates/write-duplicate-report.ts"
import { buildRunReport } from "../../report/run-report.ts"
import { reportDirectory, reportFiles } from "../../report/write-run-report.ts"
import { readCsv } from "../../sources/csv/read-csv.ts"
import { activityCounts } from "../../stages/dedupe/activity-counts.ts"
import { checkDecisions, collectRecords, decisionColumns, namedCustomers } from "../../stages/dedupe/review-decisions.ts"
import { visibleText } from "../../report/visible-text.ts"
import { appLayer } from "../app-layer.ts"
import { count, plural } from "../format.ts"
import { withStepProgress } from "../run-flags.ts"
import { resolveSettings, settingsFlags } from "../settings-flags.ts"
import { expectFile } from "../source-flags.ts"

const runDedupe = Effect.fnUntraced(function*(full: boolean) {
  const settings = yield* AppSettings
  const result = yield* withStepProgress(startJob(dedupeJob, { full, autoMerge: settings.dedupeAutoMerge, review: settings.dedupeReview }))
  if (result._tag === "NotRun") return yield* Console.log(result.reason)
  const report = yield* buildRunReport(result.runId)
  yield* Console.log(formatDedupeSummary({
    runId: result.runId,
    status: report.status,
    durationSeconds: report.durationSeconds,
    counts: result.steps.find((step) => step.step === "dedupe")?.counts ?? noCounts,
    reviewFile: reviewFile(settings.reportsDir, result.runId),
    duplicatesFile: duplicateReportFiles(reportDirectory(settings.reportsDir, result.runId)).html,
    reportFile: reportFiles(reportDirectory(settings.reportsDir, result.runId)).html
  }))
})

/** Refused rows shown on the terminal; the command lists them all, since a person fixes each. */
const recordReview = Effect.fnUntraced(function*(file: string) {
  const source = yield* readCsv(file, { knownColumns: decisionColumns, requiredColumns: decisionColumns })
  const records = yield* collectRecords(source.records)
  const known = yield* readCustomersByNumber(namedCustomers(records))
  const checked = checkDecisions(records, known)
  const rules = survivorshipRules((yield* AppSettings).dedupeSurvivorship)
  const recorded = yield* recordDecisions(file, checked.decisions, known, yield* activityCounts, rules)
  yield* Console.log(
    `Recorded ${plural(checked.decisions.length, "decision")} from ${file}: ${count(recorded.accepted)} accepted ` +
      `(${plural(recorded.requestsCreated, "merge request")} created, ${count(recorded.alreadyRequested)} already requested, ` +
      `${count(recorded.held)} held while one of the two is being merged), ${count(recorded.rejected)} rejected ` +
      `(never proposed again; ${plural(recorded.withdrawn, "saved merge request")} withdrawn).`
  )
  if (checked.undecided > 0) yield* Console.log(`  ${plural(checked.undecided, "row")} left undecided (decision blank): recorded when decided.`)
  if (checked.refused.length > 0) {
    yield* Console.log(`  ${plural(checked.refused.length, "row")} refused; correct and give the file again:`)
    for (const row of checked.refused) yield* Console.log(visibleText(`  ${file}:${row.line}: ${row.reason}`))
  }
})

const reviewCommand = Command.make(
  "review",
  {
    file: Argument.String("decisions.csv").pipe(
      Argument.withDescription("customer_a,customer_b,decision (accept or reject) per line: a run's duplicate-pairs.csv once decided")
    ),
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveSettings(flags)
    yield* expectFile({ file: flags.file }, "decisions file")
    yield* recordReview(flags.file).pipe(Effect.provide(appLayer(settings)))
  })
).pipe(
  Command.withDescription(
    "Record a person's decisions on review pairs: an accepted pair becomes a merge request, a rejected one is never proposed again"
  ),
  Command.withExamples([
    { command: "orce-sync dedupe review reports/dedupe-20261204T020000Z-1a2b/duplicate-pairs.csv", description: "record the decisions filled in" }
  ])
)

/** The dedupe's thresholds and --full, for `dedupe` and for the nightly run that dedupes. */
export const dedupeFlags = {
  autoMerge: Flag.String("auto-merge").pipe(
    Flag.withDescription("match probability at or above which a pair is merged (DEDUPE_AUTO_MERGE, default 0.99)"),
    Flag.optional
  ),
  review: Flag.String("review").pipe(
    Flag.withDescription("match probability at or above which a pair goes to review (DEDUPE_REVIEW, default 0.8)"),
    Flag.optional
  ),
  full: Flag.Boolean("full").pipe(
    Flag.withDescription("estimate the model again and compare every customer, not only the new and changed ones"),
    Flag.withDefault(false)
  )
} as const

export const dedupeCommand = Command.make(
  "dedupe",
  { ...dedupeFlags, ...settingsFlags },
  Effect.fn(function*(flags) {
    const settings = yield* resolveSettings(flags, { DEDUPE_AUTO_MERGE: flags.autoMerge, DEDUPE_REVIEW: flags.review })
    yield* runDedupe(flags.full).pipe(Effect.provide(appLayer(settings)))
  })
).pipe(
  Command.withDescription(
    "Find duplicate customers in the staging database: merge requests (SAVED) above the auto-merge threshold, pairs for review below it"
  ),
  Command.withExamples([
    { command: "orce-sync dedupe", description: "the nightly incremental run" },
    { command: "orce-sync dedupe --full --auto-merge 0.995", description: "re-estimate the model and compare everyone" }
  ]),
  Command.withSubcommands([reviewCommand])
)
