import { Console, Effect, Layer } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { type ExportProgress, initialExportJob } from "../../../pipelines/initial-export.ts"
import type { Settings } from "../../domain/settings.ts"
import { orceRunLayer } from "../../orce/run-layer.ts"
import type { LoadInput } from "../../stages/load/open-sources.ts"
import { exportDryRun } from "../../../pipelines/dry-run.ts"
import { appLayer, settingsLayer } from "../app-layer.ts"
import { printDryRun } from "../dry-run-summary.ts"
import { progressBar } from "../progress.ts"
import { printRunSummary } from "../run-summary.ts"
import { resolveSettings, settingsFlags } from "../settings-flags.ts"
import { sourceOf } from "../source-flags.ts"
import { UsageError } from "../usage-error.ts"

/** Flags of the commands that talk to ORCE. */
export const orceFlags = {
  orceUrl: Flag.String("orce-url").pipe(
    Flag.withDescription("ORCE endpoint (default: the in-process mock ORCE); token from ORCE_SYNC_ORCE_TOKEN"),
    Flag.optional
  ),
  chunkSize: Flag.Int("chunk-size").pipe(Flag.withDescription("customers per committed chunk (default 1000)"), Flag.optional),
  concurrency: Flag.Int("concurrency").pipe(Flag.withDescription("customers sent to ORCE at once (default 8)"), Flag.optional)
} as const

/** Staging database, logger and the ORCE of the run. */
export const runLayer = (settings: Settings) => orceRunLayer(settings).pipe(Layer.provideMerge(appLayer(settings)))

/** The progress bar of export, sync and resume. */
export const exportProgress = () => {
  const bar = progressBar("synchronizing", "customers")
  return {
    update: (progress: ExportProgress) =>
      progress.phase === "load"
        ? bar.update(progress.load?.counts.records ?? 0, progress.load?.fraction)
        : bar.update(progress.customers),
    finish: bar.finish
  }
}

const runExport = Effect.fnUntraced(function*(input: LoadInput) {
  const bar = exportProgress()
  const result = yield* initialExportJob(input, bar.update).pipe(Effect.ensuring(Effect.sync(bar.finish)))
  if (result._tag === "IntegrationOff") return yield* Console.log(result.reason)
  yield* printRunSummary(result.runId)
})

export const exportCommand = Command.make(
  "export",
  {
    file: Argument.String("file").pipe(Argument.withDescription("customer export (CSV); leave out with --table"), Argument.optional),
    table: Flag.String("table").pipe(Flag.withDescription("read customers from this PostgreSQL export table"), Flag.optional),
    profile: Flag.String("profile").pipe(Flag.withDescription("profile data export (CSV)"), Flag.optional),
    profileTable: Flag.String("profile-table").pipe(Flag.withDescription("profile data export table"), Flag.optional),
    maxRejects: Flag.Int("max-rejects").pipe(Flag.withDescription("fail when more records are rejected"), Flag.optional),
    dryRun: Flag.Boolean("dry-run").pipe(
      Flag.withDescription("validate and decide each customer's ORCE match, writing nothing anywhere"),
      Flag.withDefault(false)
    ),
    ...orceFlags,
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveSettings(flags, {
      ORCE_URL: flags.orceUrl,
      CHUNK_SIZE: flags.chunkSize,
      SYNC_CONCURRENCY: flags.concurrency,
      MAX_REJECTS: flags.maxRejects
    })
    const customers = yield* sourceOf(flags.file, flags.table, "customers")
    if (customers === undefined) {
      return yield* new UsageError({ message: "Name the customer export: orce-sync export <file>, or --table <name>." })
    }
    const profiles = yield* sourceOf(flags.profile, flags.profileTable, "profile data")
    if (flags.dryRun) {
      if (!("file" in customers)) {
        return yield* new UsageError({
          message: "export --dry-run reads a file; for a table, load it and run orce-sync sync --dry-run."
        })
      }
      const counts = yield* exportDryRun(customers.file).pipe(
        Effect.provide(orceRunLayer(settings).pipe(Layer.provideMerge(settingsLayer(settings))))
      )
      return yield* printDryRun(counts)
    }
    yield* runExport({ customers, profiles }).pipe(Effect.provide(runLayer(settings)))
  })
).pipe(
  Command.withDescription("Initial bulk export: load an export, flag every customer and send them all to ORCE"),
  Command.withExamples([
    { command: "orce-sync export data/sample/customers.csv", description: "export the sample to the in-process mock ORCE" },
    {
      command: "orce-sync export data/sample/customers.csv --orce-url http://127.0.0.1:7300",
      description: "export to the standalone mock (orce-sync mock-orce) or a real ORCE"
    }
  ])
)
