import { Console, Effect } from "effect"
import { Command, Flag } from "effect/cli"
import { syncDryRun } from "../../../pipelines/dry-run.ts"
import { printDryRun } from "../dry-run-summary.ts"
import { syncJob } from "../../../pipelines/sync.ts"
import { startJob } from "../../batch/job.ts"
import { printRunSummary } from "../run-summary.ts"
import { settingsFlags } from "../settings-flags.ts"
import { orceFlags, resolveRunSettings, runLayer, withStepProgress } from "../run-flags.ts"

const runSync = Effect.gen(function*() {
  const result = yield* withStepProgress(startJob(syncJob, {}))
  if (result._tag === "NotRun") return yield* Console.log(result.reason)
  yield* printRunSummary(result.runId)
})

export const syncCommand = Command.make(
  "sync",
  {
    dryRun: Flag.Boolean("dry-run").pipe(
      Flag.withDescription("decide each flagged customer's ORCE match, writing nothing"),
      Flag.withDefault(false)
    ),
    ...orceFlags,
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveRunSettings(flags)
    yield* (flags.dryRun ? Effect.flatMap(syncDryRun(), printDryRun) : runSync).pipe(Effect.provide(runLayer(settings)))
  })
).pipe(
  Command.withDescription("SYNCRDB: send every customer flagged for ORCE (sync flag Y) and write back the Relate IDs"),
  Command.withExamples([{ command: "orce-sync sync", description: "synchronize the flagged customers" }])
)
