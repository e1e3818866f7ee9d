import { existsSync } from "node:fs"
import { Console, Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { mergeJob } from "../../../pipelines/merge.ts"
import { mergeSubmitJob } from "../../../pipelines/merge-submit.ts"
import { startJob } from "../../batch/job.ts"
import { noCounts } from "../../batch/step-counts.ts"
import { AppSettings } from "../../config/app-settings.ts"
import { Database } from "../../db/database.ts"
import { MergePriority } from "../../domain/merge-request.ts"
import { type LineKey, type MergeLine, mergeLineCells, mergeLineColumns, readMergeLines } from "../../report/merge-lines.ts"
import { mergeReportFiles } from "../../report/merge-report.ts"
import { pagedCursor } from "../../report/paged-cursor.ts"
import { visibleText } from "../../report/visible-text.ts"
import { reportDirectory, reportFiles } from "../../report/write-run-report.ts"
import { readRejects } from "../../runs/run-ledger.ts"
import { resubmitRequest } from "../../stages/merge/submit-requests.ts"
import { appLayer } from "../app-layer.ts"
import { count, plural } from "../format.ts"
import { orceFlags, resolveRunSettings, runLayer, withStepProgress } from "../run-flags.ts"
import { resolveSettings, settingsFlags } from "../settings-flags.ts"
import { UsageError } from "../usage-error.ts"

const shown = 10

/** Submits a requests file as a run (merge-submit) and says what became of it. */
const submitFile = Effect.fnUntraced(function*(file: string) {
  const result = yield* withStepProgress(startJob(mergeSubmitJob, { file }))
  if (result._tag === "NotRun") return yield* Console.log(result.reason)
  const { query } = yield* Database
  const counts = result.steps.find((step) => step.step === "submit")?.counts ?? noCounts
  const saved = counts.outcomes["requestsSaved"] ?? 0
  const rejected = counts.outcomes["requestsRejected"] ?? 0
  const unreadable = counts.outcomes["rowsNotRead"] ?? 0
  const settings = yield* AppSettings
  yield* Console.log(
    `Submitted ${plural(saved + rejected, "merge request")} from ${file}: ${count(saved)} SAVED, ` +
      `${count(rejected)} REJECTED; ${plural(unreadable, "row")} not read.\n` +
      `  Run ${result.runId} (merge-submit), report: ${reportFiles(reportDirectory(settings.reportsDir, result.runId)).html}`
  )
  const refused = yield* query("read the rejected requests", (db) =>
    db.selectFrom("mergeRequests").select(["id", "errorMessage"]).where("createdByRun", "=", result.runId)
      .where("processFlag", "=", "REJECTED").orderBy("id").limit(shown).execute())
  for (const request of refused) yield* Console.log(visibleText(`  request ${request.id} REJECTED: ${request.errorMessage ?? ""}`))
  for (const reject of yield* readRejects(result.runId, shown)) {
    yield* Console.log(visibleText(`  ${reject.source}:${reject.line} ${reject.field}: ${reject.reason} (${reject.rule})`))
  }
  if (saved > 0) yield* Console.log("Run them with: orce-sync merge run")
})

const submitCommand = Command.make(
  "submit",
  {
    file: Argument.String("requests").pipe(Argument.withDescription(
      "merge requests CSV: from_customer, to_customer, reason, priority [, request, operating_unit, after_merge, create_same_site, from_site, to_site, location]"
    )),
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveSettings(flags)
    if (!existsSync(flags.file)) return yield* new UsageError({ message: `The requests file ${flags.file} does not exist; check the path.` })
    yield* submitFile(flags.file).pipe(Effect.provide(appLayer(settings)))
  })
).pipe(
  Command.withDescription("Submit merge requests from a CSV file: each is SAVED, or REJECTED with the rule it breaks (MRG-1..MRG-10)"),
  Command.withExamples([{ command: "orce-sync merge submit requests.csv", description: "submit a file of merge requests" }])
)

const runMerge = Effect.fnUntraced(function*(priority: MergePriority | undefined) {
  const settings = yield* AppSettings
  const result = yield* withStepProgress(startJob(mergeJob, { commitSize: settings.mergeCommitSize, priority }))
  if (result._tag === "NotRun") return yield* Console.log(result.reason)
  const counts = result.steps.find((step) => step.step === "merge")?.counts ?? noCounts
  const directory = reportDirectory(settings.reportsDir, result.runId)
  yield* Console.log(
    `Run ${result.runId} (merge) completed: merged ${count(counts.written)} of ${plural(counts.read, "merge request")} in ` +
      `${plural(counts.outcomes["sets"] ?? 0, "merge set")}; ${count(counts.failed)} FAILED.\n` +
      `  Customer Merge Execution Report: ${mergeReportFiles(directory).html}\n  Run report: ${reportFiles(directory).html}`
  )
})

const runCommand = Command.make(
  "run",
  {
    commitSize: Flag.Int("commit-size").pipe(Flag.withDescription("merge requests per merge set, one transaction each (MERGE_COMMIT_SIZE, default 1000)"), Flag.optional),
    priority: Flag.Literals("priority", MergePriority.literals).pipe(Flag.withDescription("only requests of this priority (default: all, P1 first)"), Flag.optional),
    orceUrl: orceFlags.orceUrl,
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveRunSettings({ ...flags, chunkSize: Option.none(), concurrency: Option.none() }, { MERGE_COMMIT_SIZE: flags.commitSize })
    yield* runMerge(Option.getOrUndefined(flags.priority)).pipe(Effect.provide(runLayer(settings)))
  })
).pipe(
  Command.withDescription("Run a merge batch: the SAVED merge requests by priority, then age, in merge sets of the commit size (MRG-8, MRG-9)"),
  Command.withExamples([
    { command: "orce-sync merge run", description: "merge every saved request" },
    { command: "orce-sync merge run --priority P1 --commit-size 500", description: "only the high-priority ones, 500 per set" }
  ])
)

const resubmitCommand = Command.make(
  "resubmit",
  { request: Argument.Int("request").pipe(Argument.withDescription("the ID of a FAILED merge request")), ...settingsFlags },
  Effect.fn(function*(flags) {
    const settings = yield* resolveSettings(flags)
    const result = yield* resubmitRequest(flags.request).pipe(Effect.provide(appLayer(settings)))
    switch (result._tag) {
      case "Unknown":
        return yield* new UsageError({ message: `There is no merge request ${flags.request}; see orce-sync merge review.` })
      case "NotFailed":
        return yield* new UsageError({ message: `Merge request ${flags.request} is ${result.flag}, not FAILED; only a failed request is resubmitted.` })
      case "Saved":
        return yield* Console.log(`Merge request ${flags.request} is SAVED again; the next merge batch takes it.`)
    }
  })
).pipe(Command.withDescription("Put a corrected FAILED merge request back to SAVED (MRG-8)"))

const printLines = Effect.fnUntraced(function*(filter: { readonly runId: string } | { readonly customer: number }) {
  const lines = pagedCursor((after: LineKey | undefined) => readMergeLines(filter, after), (line: MergeLine): LineKey => line)
  let printed = 0
  while (true) {
    yield* lines.fill
    const line = lines.current()
    if (line === undefined) break
    if (printed === 0) yield* Console.log(mergeLineColumns.join("\t"))
    yield* Console.log(mergeLineCells(line).map((cell) => visibleText(String(cell))).join("\t"))
    printed++
    lines.advance()
  }
  if (printed === 0) yield* Console.log("No merges.")
})

const reviewCommand = Command.make(
  "review",
  {
    customer: Flag.Int("customer").pipe(Flag.withDescription("the merges a customer took part in, as old or new customer"), Flag.optional),
    run: Flag.String("run").pipe(Flag.withDescription("every processed merge of a merge run"), Flag.optional),
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveSettings(flags)
    if (Option.isSome(flags.customer) === Option.isSome(flags.run)) {
      return yield* new UsageError({ message: "Name either --customer <number> or --run <run-id>." })
    }
    const filter = Option.isSome(flags.run) ? { runId: flags.run.value } : { customer: Option.getOrThrow(flags.customer) }
    yield* printLines(filter).pipe(Effect.provide(appLayer(settings)))
  })
).pipe(
  Command.withDescription("Review past merges, by customer or by run (MRG-13), one tab-separated line per merged site use"),
  Command.withExamples([
    { command: "orce-sync merge review --customer 100234", description: "what happened to customer 100234" },
    { command: "orce-sync merge review --run merge-20261204T190000Z-ab12", description: "every merge of a run" }
  ])
)

export const mergeCommand = Command.make("merge").pipe(
  Command.withDescription("Merge duplicate customers: submit requests, run merge batches, resubmit failures, review past merges"),
  Command.withSubcommands([submitCommand, runCommand, resubmitCommand, reviewCommand])
)
