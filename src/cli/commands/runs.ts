import { Console, Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { runStatuses } from "../../db/tables.ts"
import { listRuns } from "../../runs/run-ledger.ts"
import { appLayer } from "../app-layer.ts"
import { resolveSettings, settingsFlags } from "../settings-flags.ts"

const time = (value: Date | string | null) =>
  value === null ? "-" : new Date(value).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z")

/** A run's counts in a line: the reads and outcomes of its steps, by `step.count`. */
const countsLine = (counts: Record<string, number>) =>
  Object.entries(counts).filter(([key, value]) => value > 0 && !key.endsWith(".orce-requests"))
    .sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => `${key}=${value}`).join(" ")

export const runsCommand = Command.make(
  "runs",
  {
    status: Flag.Literals("status", runStatuses).pipe(Flag.withDescription("only runs in this state"), Flag.optional),
    limit: Flag.Int("limit").pipe(Flag.withDescription("at most this many runs, newest first (default 20)"), Flag.withDefault(20)),
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveSettings(flags)
    yield* Effect.gen(function*() {
      const runs = yield* listRuns({ status: Option.getOrUndefined(flags.status), limit: flags.limit })
      if (runs.length === 0) return yield* Console.log("No runs.")
      for (const run of runs) {
        yield* Console.log(
          [run.runId, run.status, time(run.startedAt), time(run.endedAt), countsLine(run.counts), ...(run.endReason === null ? [] : [run.endReason])]
            .join("\t")
        )
      }
    }).pipe(Effect.provide(appLayer(settings)))
  })
).pipe(
  Command.withDescription("List the runs of the staging database, newest first: ID, status, start, end and counts"),
  Command.withExamples([{ command: "orce-sync runs --status interrupted", description: "the runs to resume" }])
)
