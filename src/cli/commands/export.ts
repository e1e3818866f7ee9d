import { Console, Effect, Layer } from "effect"
import { Command, Flag } from "effect/cli"
import { initialExportJob } from "../../../pipelines/initial-export.ts"
import { startJob } from "../../batch/job.ts"
import { chunkPreparerLayer } from "../../stages/load/chunk-preparer.ts"
import type { LoadInput } from "../../stages/load/open-sources.ts"
import { exportDryRun } from "../../../pipelines/dry-run.ts"
import { settingsLayer } from "../app-layer.ts"
import { printDryRun } from "../dry-run-summary.ts"
import { printRunSummary } from "../run-summary.ts"
import { orceFlags, orceLayer, resolveRunSettings, runLayer, withStepProgress } from "../run-flags.ts"
import { settingsFlags } from "../settings-flags.ts"
import { loadInputOf, sourceFlags } from "../source-flags.ts"
import { UsageError } from "../usage-error.ts"

const runExport = Effect.fnUntraced(function*(input: LoadInput) {
  const result = yield* withStepProgress(startJob(initialExportJob, input))
  if (result._tag === "NotRun") return yield* Console.log(result.reason)
  yield* printRunSummary(result.runId)
})

export const exportCommand = Command.make(
  "export",
  {
    ...sourceFlags,
    maxRejects: Flag.Int("max-rejects").pipe(Flag.withDescription("fail when more records are rejected"), Flag.optional),
    dryRun: Flag.Boolean("dry-run").pipe(
      Flag.withDescription("validate and decide each customer's ORCE match, writing nothing anywhere"),
      Flag.withDefault(false)
    ),
    ...orceFlags,
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveRunSettings(flags, { MAX_REJECTS: flags.maxRejects })
    const { customers, profiles } = yield* loadInputOf("export", flags)
    if (flags.dryRun) {
      if (!("file" in customers)) {
        return yield* new UsageError({
          message: "export --dry-run reads a file; for a table, load it and run orce-sync sync --dry-run."
        })
      }
      const counts = yield* exportDryRun(customers.file).pipe(
        Effect.provide(orceLayer(settings).pipe(Layer.provideMerge(settingsLayer(settings))))
      )
      return yield* printDryRun(counts)
    }
    yield* runExport({ customers, profiles }).pipe(Effect.provide(Layer.merge(runLayer(settings), chunkPreparerLayer)))
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
