import { Console, Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { join } from "node:path"
import { loadJob } from "../../../pipelines/load.ts"
import { readRejects } from "../../runs/run-ledger.ts"
import { writeRejectsCsv } from "../../report/write-rejects.ts"
import { appLayer } from "../app-layer.ts"
import { count, plural } from "../format.ts"
import { progressBar } from "../progress.ts"
import { resolveSettings, settingsFlags } from "../settings-flags.ts"

const shownRejects = 10

export const loadCommand = Command.make(
  "load",
  {
    file: Argument.String("file").pipe(Argument.withDescription("customer export (CSV with a header row)")),
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

const load = Effect.fnUntraced(function*(flags: { readonly file: string; readonly profile: Option.Option<string> }) {
    const bar = progressBar("loading", "rows")
    const result = yield* loadJob(
      { customers: flags.file, profiles: Option.getOrUndefined(flags.profile) },
      ({ counts, fraction }) => bar.update(counts.records, fraction)
    ).pipe(Effect.ensuring(Effect.sync(bar.finish)))

    const { customers, profiles, runId } = result
    const rejectsPath = join("reports", runId, "rejects.csv")
    yield* Console.log(
      `Loaded ${count(customers.loaded)} of ${plural(customers.records, "customer record")} from ${flags.file}; ` +
        `${count(customers.rejected)} rejected.`
    )
    if (Option.isSome(flags.profile)) {
      yield* Console.log(
        `Loaded ${count(profiles.loaded)} of ${plural(profiles.records, "profile record")} from ${flags.profile.value}; ` +
          `${count(profiles.rejected)} rejected.`
      )
    }
    if (result.ignoredColumns.length > 0) {
      yield* Console.log(`Ignored columns: ${result.ignoredColumns.join(", ")} (map them with the COLUMNS setting).`)
    }
    if (customers.rejected + profiles.rejected > 0) {
      const rejects = yield* readRejects(runId, shownRejects)
      for (const reject of rejects) {
        yield* Console.log(`  ${reject.source}:${reject.line} ${reject.field}: ${reject.reason} (${reject.rule})`)
      }
      yield* writeRejectsCsv(runId, rejectsPath)
      yield* Console.log(`All rejects: ${rejectsPath}`)
    }
    yield* Console.log(`Run ${runId} completed.`)
})
