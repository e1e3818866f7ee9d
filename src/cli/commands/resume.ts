import { Console, Effect, Layer } from "effect"
import { Argument, Command } from "effect/cli"
import { resumeJob } from "../../../pipelines/resume.ts"
import { chunkPreparerLayer } from "../../stages/load/chunk-preparer.ts"
import { printRunSummary } from "../run-summary.ts"
import { settingsFlags } from "../settings-flags.ts"
import { exportProgress, orceFlags, resolveRunSettings, runLayer } from "../run-flags.ts"

const runResume = Effect.fnUntraced(function*(runId: string) {
  const bar = exportProgress()
  const result = yield* resumeJob(runId, bar.update).pipe(Effect.ensuring(Effect.sync(bar.finish)))
  switch (result._tag) {
    case "IntegrationOff":
      return yield* Console.log(result.reason)
    case "NothingToResume":
      return yield* Console.log(`Run ${runId} has already completed; there is nothing to resume.`)
    case "Resumed":
      return yield* printRunSummary(runId)
  }
})

export const resumeCommand = Command.make(
  "resume",
  {
    runId: Argument.String("run-id").pipe(Argument.withDescription("the interrupted run, as printed when it started")),
    ...orceFlags,
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveRunSettings(flags)
    // A run that stopped while loading loads again.
    yield* runResume(flags.runId).pipe(Effect.provide(Layer.merge(runLayer(settings), chunkPreparerLayer)))
  })
).pipe(
  Command.withDescription("Continue an interrupted export or sync after its last committed chunk"),
  Command.withExamples([{ command: "orce-sync resume initial-export-20261124T101500Z-3f9a", description: "resume a run" }])
)
