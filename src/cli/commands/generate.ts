import { Console, Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { writeExportCsv } from "../../generate/write-export-csv.ts"
import { settingsLayer } from "../app-layer.ts"
import { count, plural } from "../format.ts"
import { progressBar } from "../progress.ts"
import { resolveSettings, settingsFlags } from "../settings-flags.ts"

export const generateCommand = Command.make(
  "generate",
  {
    customers: Flag.Int("customers").pipe(Flag.withDescription("customer rows to write, duplicates and dirty rows included")),
    seed: Flag.Int("seed").pipe(Flag.withDescription("the same seed writes the same bytes"), Flag.withDefault(1)),
    duplicateRate: Flag.Finite("duplicate-rate").pipe(
      Flag.withDescription("share of rows that duplicate an earlier customer, 0 to 1"),
      Flag.withDefault(0.05)
    ),
    dirtyRate: Flag.Finite("dirty-rate").pipe(
      Flag.withDescription("share of rows with one deliberate fault, 0 to 1 (default 0.03)"),
      Flag.optional
    ),
    out: Flag.String("out").pipe(Flag.withDescription("customer CSV to write")),
    profileOut: Flag.String("profile-out").pipe(Flag.withDescription("profile data CSV to write"), Flag.optional),
    truthOut: Flag.String("truth-out").pipe(
      Flag.withDescription("CSV of which customer numbers duplicate which (dedupe ground truth)"),
      Flag.optional
    ),
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveSettings(flags)
    const bar = progressBar("generating", "customers")
    const summary = yield* writeExportCsv({
      customers: flags.customers,
      seed: flags.seed,
      duplicateRate: flags.duplicateRate,
      ...(Option.isSome(flags.dirtyRate) ? { dirtyRate: flags.dirtyRate.value } : {}),
      out: flags.out,
      profileOut: Option.getOrUndefined(flags.profileOut),
      truthOut: Option.getOrUndefined(flags.truthOut),
      onProgress: (written) => bar.update(written, written / Math.max(flags.customers, 1))
    }).pipe(Effect.ensuring(Effect.sync(bar.finish)), Effect.provide(settingsLayer(settings)))
    yield* Console.log(
      `Wrote ${plural(summary.customers, "customer")} to ${flags.out}: ${count(summary.duplicates)} duplicates, ` +
        `${count(summary.dirtyRows)} dirty rows (${count(summary.rejectableRows)} that validation rejects).`
    )
    if (Option.isSome(flags.profileOut)) {
      yield* Console.log(`Wrote ${plural(summary.profiles, "profile row")} to ${flags.profileOut.value}.`)
    }
  })
).pipe(
  Command.withDescription("Write a realistic synthetic customer export, deterministic from a seed"),
  Command.withExamples([
    {
      command: "orce-sync generate --customers 100000 --seed 7 --duplicate-rate 0.05 --out customers.csv",
      description: "100,000 customers, 5% of them duplicates"
    }
  ])
)
