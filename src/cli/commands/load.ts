import { Console, Effect, Layer } from "effect"
import { Command, Flag } from "effect/cli"
import { loadJob } from "../../../pipelines/load.ts"
import { AppSettings } from "../../config/app-settings.ts"
import { visibleText } from "../../report/visible-text.ts"
import { reportFiles } from "../../report/write-run-report.ts"
import { chunkPreparerLayer } from "../../stages/load/chunk-preparer.ts"
import { reportDirectory } from "../../report/write-run-report.ts"
import { describeSource, loadInputOf, siteFlags, sourceFlags } from "../source-flags.ts"
import { type LoadInput, siteExports } from "../../stages/load/open-sources.ts"
import { readRejects } from "../../runs/run-ledger.ts"
import { appLayer } from "../app-layer.ts"
import { count, plural } from "../format.ts"
import { withStepProgress } from "../run-flags.ts"
import { startJob } from "../../batch/job.ts"
import { noCounts } from "../../batch/step-counts.ts"
import { resolveSettings, settingsFlags } from "../settings-flags.ts"

const shownRejects = 10

export const loadCommand = Command.make(
  "load",
  {
    ...sourceFlags,
    ...siteFlags,
    chunkSize: Flag.Int("chunk-size").pipe(Flag.withDescription("rows per committed chunk (default 5000)"), Flag.optional),
    maxRejects: Flag.Int("max-rejects").pipe(
      Flag.withDescription("fail the run when more records than this are rejected (default: no limit)"),
      Flag.optional
    ),
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveSettings(flags, { LOAD_CHUNK_SIZE: flags.chunkSize, MAX_REJECTS: flags.maxRejects })
    // The inputs are checked before the staging database opens (exit 2 for a missing file).
    const input = yield* loadInputOf("load", flags)
    yield* load(input).pipe(Effect.provide(Layer.merge(appLayer(settings), chunkPreparerLayer)))
  })
).pipe(
  Command.withDescription("Load a customer export (and its profile data) into the staging database"),
  Command.withExamples([
    { command: "orce-sync load data/sample/customers.csv --profile data/sample/profiles.csv", description: "load the sample" }
  ])
)

const load = Effect.fnUntraced(function*(input: LoadInput) {
  const { customers, profiles } = input
  const result = yield* withStepProgress(startJob(loadJob, input))
  if (result._tag === "NotRun") return yield* Console.log(result.reason)
  const { runId } = result
  const counts = (step: string) => result.steps.find((execution) => execution.step === step)?.counts ?? noCounts
  const loaded = counts("load-customers")
  yield* Console.log(
    `Loaded ${count(loaded.written)} of ${plural(loaded.read, "customer record")} from ${describeSource(customers)}; ` +
      `${count(loaded.rejected)} rejected.`
  )
  const profileCounts = counts("load-profiles")
  if (profiles !== undefined) {
    yield* Console.log(
      `Loaded ${count(profileCounts.written)} of ${plural(profileCounts.read, "profile record")} from ` +
        `${describeSource(profiles)}; ${count(profileCounts.rejected)} rejected.`
    )
  }
  let siteRejects = 0
  for (const { input: name, table } of siteExports) {
    const spec = input[name]
    if (spec === undefined) continue
    const tableCounts = counts(`load-${table.table.replace("_", "-")}`)
    siteRejects += tableCounts.rejected
    yield* Console.log(
      `Loaded ${count(tableCounts.written)} of ${plural(tableCounts.read, `${table.record} record`)} from ${describeSource(spec)}; ` +
        `${count(tableCounts.rejected)} rejected.`
    )
  }
  for (const notice of result.notices) yield* Console.log(notice)
  if (loaded.rejected + profileCounts.rejected + siteRejects > 0) {
    const rejects = yield* readRejects(runId, shownRejects)
    for (const reject of rejects) {
      yield* Console.log(visibleText(`  ${reject.source}:${reject.line} ${reject.field}: ${reject.reason} (${reject.rule})`))
    }
  }
  const settings = yield* AppSettings
  yield* Console.log(`Run ${runId} completed. Report: ${reportFiles(reportDirectory(settings.reportsDir, runId)).html}`)
})
