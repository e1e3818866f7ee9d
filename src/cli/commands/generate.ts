import { Console, Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { writeExportCsv } from "../../generate/write-export-csv.ts"
import { settingsLayer } from "../app-layer.ts"
import { UsageError } from "../usage-error.ts"
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
    sitesOut: Flag.String("sites-out").pipe(Flag.withDescription("sites CSV to write: 2 to 4 per customer (with --site-uses-out and --activity-out)"), Flag.optional),
    siteUsesOut: Flag.String("site-uses-out").pipe(Flag.withDescription("site uses CSV to write"), Flag.optional),
    activityOut: Flag.String("activity-out").pipe(Flag.withDescription("activity CSV to write"), Flag.optional),
    activityPerCustomer: Flag.Int("activity-per-customer").pipe(Flag.withDescription("activity rows per customer (default 20)"), Flag.optional),
    requestsOut: Flag.String("requests-out").pipe(
      Flag.withDescription("merge requests CSV to write: each duplicate into its original, for orce-sync merge submit"),
      Flag.optional
    ),
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveSettings(flags)
    const siteFiles = [flags.sitesOut, flags.siteUsesOut, flags.activityOut].filter(Option.isSome).length
    if (siteFiles !== 0 && siteFiles !== 3) {
      return yield* new UsageError({ message: "Give --sites-out, --site-uses-out and --activity-out together: each file names rows of the one before." })
    }
    const bar = progressBar("generating", "customers")
    const summary = yield* writeExportCsv({
      customers: flags.customers,
      seed: flags.seed,
      duplicateRate: flags.duplicateRate,
      ...(Option.isSome(flags.dirtyRate) ? { dirtyRate: flags.dirtyRate.value } : {}),
      out: flags.out,
      profileOut: Option.getOrUndefined(flags.profileOut),
      truthOut: Option.getOrUndefined(flags.truthOut),
      sitesOut: Option.getOrUndefined(flags.sitesOut),
      siteUsesOut: Option.getOrUndefined(flags.siteUsesOut),
      activityOut: Option.getOrUndefined(flags.activityOut),
      activityPerCustomer: Option.getOrUndefined(flags.activityPerCustomer),
      requestsOut: Option.getOrUndefined(flags.requestsOut),
      onProgress: (written) => bar.update(written, written / Math.max(flags.customers, 1))
    }).pipe(Effect.ensuring(Effect.sync(bar.finish)), Effect.provide(settingsLayer(settings)))
    yield* Console.log(
      `Wrote ${plural(summary.customers, "customer")} to ${flags.out}: ${count(summary.duplicates)} duplicates, ` +
        `${count(summary.dirtyRows)} dirty rows (${count(summary.rejectableRows)} that validation rejects).`
    )
    if (Option.isSome(flags.sitesOut)) {
      yield* Console.log(`Wrote ${plural(summary.sites, "site")} and ${plural(summary.activity, "activity row")} to ${flags.sitesOut.value} and beside it.`)
    }
    if (Option.isSome(flags.requestsOut)) {
      yield* Console.log(`Wrote ${plural(summary.requests, "merge request")} to ${flags.requestsOut.value}.`)
    }
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
