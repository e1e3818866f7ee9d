import { Console, Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { mapDryRun } from "../../../pipelines/map-dry-run.ts"
import { settingsLayer } from "../app-layer.ts"
import { count, plural } from "../format.ts"
import { progressBar } from "../progress.ts"
import { resolveSettings, settingsFlags } from "../settings-flags.ts"

const beside = (out: string, suffix: string) => `${out.replace(/\.ndjson$/, "")}.${suffix}`

export const mapCommand = Command.make(
  "map",
  {
    file: Argument.String("file").pipe(Argument.withDescription("customer export (CSV with a header row)")),
    out: Flag.String("out").pipe(Flag.withDescription("NDJSON file: one ORCE message per valid customer")),
    profile: Flag.String("profile").pipe(
      Flag.withDescription("profile data export, sent as ORCE attributes when L51=Y"),
      Flag.optional
    ),
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveSettings(flags)
    const truncationsOut = beside(flags.out, "truncations.csv")
    const rejectsOut = beside(flags.out, "rejects.csv")
    const bar = progressBar("mapping", "rows")
    const result = yield* mapDryRun(
      { customers: flags.file, profiles: Option.getOrUndefined(flags.profile), out: flags.out, truncationsOut, rejectsOut },
      (done, fraction) => bar.update(done, fraction)
    ).pipe(Effect.ensuring(Effect.sync(bar.finish)), Effect.provide(settingsLayer(settings)))
    yield* Console.log(
      `Mapped ${count(result.mapped)} of ${plural(result.records, "customer record")} to ${flags.out}; ` +
        `${count(result.rejected)} rejected, ${plural(result.truncations, "value")} truncated.`
    )
    yield* Console.log(`Truncations: ${truncationsOut}`)
    yield* Console.log(`Rejects: ${rejectsOut}`)
  })
).pipe(
  Command.withDescription("Dry run: write the ORCE message each customer of an export would produce"),
  Command.withExamples([
    { command: "orce-sync map data/sample/customers.csv --out reports/sample.ndjson", description: "map the sample" }
  ])
)
