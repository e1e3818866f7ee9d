import { Console, Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { loadJob, type SourceSpec } from "../../../pipelines/load.ts"
import { AppSettings } from "../../config/app-settings.ts"
import { reportFiles } from "../../report/write-run-report.ts"
import { reportDirectory } from "../../runs/in-run.ts"
import { sourceOf } from "../source-flags.ts"
import { UsageError } from "../usage-error.ts"
import { readRejects } from "../../runs/run-ledger.ts"
import { appLayer } from "../app-layer.ts"
import { count, plural } from "../format.ts"
import { progressBar } from "../progress.ts"
import { resolveSettings, settingsFlags } from "../settings-flags.ts"

const shownRejects = 10

const describe = (spec: SourceSpec) => "file" in spec ? spec.file : `table ${spec.table}`

export const loadCommand = Command.make(
  "load",
  {
    file: Argument.String("file").pipe(
      Argument.withDescription("customer export (CSV with a header row); leave out with --table"),
      Argument.optional
    ),
    table: Flag.String("table").pipe(
      Flag.withDescription("read customers from this PostgreSQL export table instead of a file (SOURCE_DATABASE_URL)"),
      Flag.optional
    ),
    profileTable: Flag.String("profile-table").pipe(
      Flag.withDescription("read profile data from this PostgreSQL export table"),
      Flag.optional
    ),
    profile: Flag.String("profile").pipe(
      Flag.withDescription("profile data export (customer_number, profile_description, value)"),
      Flag.optional
    ),
    chunkSize: Flag.Int("chunk-size").pipe(Flag.withDescription("rows per committed chunk (default 1000)"), Flag.optional),
    maxRejects: Flag.Int("max-rejects").pipe(
      Flag.withDescription("fail the run when more records than this are rejected (default: no limit)"),
      Flag.optional
    ),
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveSettings(flags, { CHUNK_SIZE: flags.chunkSize, MAX_REJECTS: flags.maxRejects })
    yield* load(flags).pipe(Effect.provide(appLayer(settings)))
  })
).pipe(
  Command.withDescription("Load a customer export (and its profile data) into the staging database"),
  Command.withExamples([
    { command: "orce-sync load data/sample/customers.csv --profile data/sample/profiles.csv", description: "load the sample" }
  ])
)

interface LoadFlags {
  readonly file: Option.Option<string>
  readonly table: Option.Option<string>
  readonly profile: Option.Option<string>
  readonly profileTable: Option.Option<string>
}

const load = Effect.fnUntraced(function*(flags: LoadFlags) {
  const customers = yield* sourceOf(flags.file, flags.table, "customers")
  if (customers === undefined) {
    return yield* new UsageError({ message: "Name the customer export: orce-sync load <file>, or --table <name>." })
  }
  const profiles = yield* sourceOf(flags.profile, flags.profileTable, "profile data")
  const bar = progressBar("loading", "rows")
  const result = yield* loadJob(
    { customers, profiles },
    ({ counts, fraction }) => bar.update(counts.records, fraction)
  ).pipe(Effect.ensuring(Effect.sync(bar.finish)))

  const { customers: loaded, runId } = result
  yield* Console.log(
    `Loaded ${count(loaded.loaded)} of ${plural(loaded.records, "customer record")} from ${describe(customers)}; ` +
      `${count(loaded.rejected)} rejected.`
  )
  if (profiles !== undefined) {
    yield* Console.log(
      `Loaded ${count(result.profiles.loaded)} of ${plural(result.profiles.records, "profile record")} from ` +
        `${describe(profiles)}; ${count(result.profiles.rejected)} rejected.`
    )
  }
  if (result.ignoredColumns.length > 0) {
    yield* Console.log(`Ignored columns: ${result.ignoredColumns.join(", ")} (map them with the COLUMNS setting).`)
  }
  if (loaded.rejected + result.profiles.rejected > 0) {
    const rejects = yield* readRejects(runId, shownRejects)
    for (const reject of rejects) {
      yield* Console.log(`  ${reject.source}:${reject.line} ${reject.field}: ${reject.reason} (${reject.rule})`)
    }
  }
  const settings = yield* AppSettings
  yield* Console.log(`Run ${runId} completed. Report: ${reportFiles(reportDirectory(settings.reportsDir, runId)).html}`)
})
