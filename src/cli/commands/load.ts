import { Console, Effect, Layer } from "effect"
import { Command, Flag } from "effect/cli"
import { loadJob } from "../../../pipelines/load.ts"
import { AppSettings } from "../../config/app-settings.ts"
import { visibleText } from "../../report/visible-text.ts"
import { reportFiles } from "../../report/write-run-report.ts"
import { chunkPreparerLayer } from "../../stages/load/chunk-preparer.ts"
import { reportDirectory } from "../../runs/in-run.ts"
import { describeSource, loadInputOf, sourceFlags, type SourceFlagValues } from "../source-flags.ts"
import { readRejects } from "../../runs/run-ledger.ts"
import { appLayer } from "../app-layer.ts"
import { count, plural } from "../format.ts"
import { progressBar } from "../progress.ts"
import { resolveSettings, settingsFlags } from "../settings-flags.ts"

const shownRejects = 10

export const loadCommand = Command.make(
  "load",
  {
    ...sourceFlags,
    chunkSize: Flag.Int("chunk-size").pipe(Flag.withDescription("rows per committed chunk (default 5000)"), Flag.optional),
    maxRejects: Flag.Int("max-rejects").pipe(
      Flag.withDescription("fail the run when more records than this are rejected (default: no limit)"),
      Flag.optional
    ),
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveSettings(flags, { LOAD_CHUNK_SIZE: flags.chunkSize, MAX_REJECTS: flags.maxRejects })
    yield* load(flags).pipe(Effect.provide(Layer.merge(appLayer(settings), chunkPreparerLayer)))
  })
).pipe(
  Command.withDescription("Load a customer export (and its profile data) into the staging database"),
  Command.withExamples([
    { command: "orce-sync load data/sample/customers.csv --profile data/sample/profiles.csv", description: "load the sample" }
  ])
)

const load = Effect.fnUntraced(function*(flags: SourceFlagValues) {
  const { customers, profiles } = yield* loadInputOf("load", flags)
  const bar = progressBar("loading", "rows")
  const result = yield* loadJob(
    { customers, profiles },
    ({ counts, fraction }) => bar.update(counts.records, fraction)
  ).pipe(Effect.ensuring(Effect.sync(bar.finish)))

  const { customers: loaded, runId } = result
  yield* Console.log(
    `Loaded ${count(loaded.loaded)} of ${plural(loaded.records, "customer record")} from ${describeSource(customers)}; ` +
      `${count(loaded.rejected)} rejected.`
  )
  if (profiles !== undefined) {
    yield* Console.log(
      `Loaded ${count(result.profiles.loaded)} of ${plural(result.profiles.records, "profile record")} from ` +
        `${describeSource(profiles)}; ${count(result.profiles.rejected)} rejected.`
    )
  }
  if (result.ignoredColumns.length > 0) {
    yield* Console.log(`Ignored columns: ${result.ignoredColumns.join(", ")} (map them with the COLUMNS setting).`)
  }
  if (loaded.rejected + result.profiles.rejected > 0) {
    const rejects = yield* readRejects(runId, shownRejects)
    for (const reject of rejects) {
      yield* Console.log(visibleText(`  ${reject.source}:${reject.line} ${reject.field}: ${reject.reason} (${reject.rule})`))
    }
  }
  const settings = yield* AppSettings
  yield* Console.log(`Run ${runId} completed. Report: ${reportFiles(reportDirectory(settings.reportsDir, runId)).html}`)
})
