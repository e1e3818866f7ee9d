import { Console, Effect, Layer, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { getRun, listRuns } from "../../runs/run-ledger.ts"
import { printNightSummary } from "./nightly.ts"
import { UsageError } from "../usage-error.ts"
import { jobs } from "../../../pipelines/jobs.ts"
import { resumeRun } from "../../batch/resume.ts"
import { chunkPreparerLayer } from "../../stages/load/chunk-preparer.ts"
import { printRunSummary } from "../run-summary.ts"
import { settingsFlags } from "../settings-flags.ts"
import { orceFlags, resolveRunSettings, runLayer, withStepProgress } from "../run-flags.ts"

const runResume = Effect.fnUntraced(function*(runId: string) {
  const result = yield* withStepProgress(resumeRun(runId, jobs))
  switch (result._tag) {
    case "NotRun":
      return yield* Console.log(result.reason)
    case "NothingToResume":
      return yield* Console.log(`Run ${runId} has already completed; there is nothing to resume.`)
    case "Ran":
      return yield* ((yield* getRun(runId))?.pipeline === "nightly" ? printNightSummary(runId) : printRunSummary(runId))
  }
})

/** The run named, or with --last the newest that did not complete. */
const whichRun = Effect.fnUntraced(function*(named: Option.Option<string>, last: boolean) {
  if (Option.isSome(named) && last) return yield* new UsageError({ message: "Give a run ID or --last, not both." })
  if (Option.isSome(named)) return named.value
  if (!last) return yield* new UsageError({ message: "Say which run to resume: its run ID, or --last for the newest that did not complete." })
  const [newest] = yield* listRuns({ unfinished: true, limit: 1 })
  if (newest === undefined) return yield* new UsageError({ message: "Every run in this staging database has completed; there is nothing to resume." })
  return newest.runId
})

export const resumeCommand = Command.make(
  "resume",
  {
    runId: Argument.String("run-id").pipe(
      Argument.withDescription("the interrupted run, as printed when it started (orce-sync runs lists them)"),
      Argument.optional
    ),
    last: Flag.Boolean("last").pipe(Flag.withDescription("resume the newest run that did not complete"), Flag.withDefault(false)),
    ...orceFlags,
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveRunSettings(flags)
    yield* Effect.gen(function*() {
      const runId = yield* whichRun(flags.runId, flags.last)
      yield* runResume(runId)
    }).pipe(Effect.provide(Layer.merge(runLayer(settings), chunkPreparerLayer)))
  })
).pipe(
  Command.withDescription("Continue an interrupted run (load, export or sync) after its last committed chunk"),
  Command.withExamples([
    { command: "orce-sync resume initial-export-20261124T101500Z-3f9a", description: "resume a run" },
    { command: "orce-sync resume --last", description: "resume the newest run that did not complete" }
  ])
)
