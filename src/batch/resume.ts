import { Console, Effect, Schema } from "effect"
import { bindOrce, checkOrceBinding } from "../runs/orce-binding.ts"
import { getRun, reopenRun } from "../runs/run-ledger.ts"
import { type JobDefinition, type NotRun, orceTargetOf, type Ran, runJob } from "./job.ts"
import { legacyParameters } from "./legacy-run.ts"

export class ResumeError extends Schema.TaggedError<ResumeError>()("ResumeError", {
  runId: Schema.String,
  message: Schema.String
}) {}

export interface NothingToResume {
  readonly _tag: "NothingToResume"
  readonly runId: string
}

/**
 * `orce-sync resume <run-id>` for any job: builds the run's job again from the parameters the ledger kept,
 * skips the steps that completed, and restarts the first unfinished one from its last committed checkpoint.
 * A run is resumed against the ORCE it started with, and only on a staging database bound to that ORCE.
 */
export const resumeRun = Effect.fn("resumeRun")(function*<E, R>(runId: string, jobs: ReadonlyArray<JobDefinition<any, E, R>>) {
  const run = yield* getRun(runId)
  if (run === undefined) {
    return yield* new ResumeError({ runId, message: `There is no run ${runId} in the run ledger; list the runs with orce-sync runs.` })
  }
  if (run.status === "completed") return { _tag: "NothingToResume", runId } satisfies NothingToResume
  const definition = jobs.find((job) => job.name === run.pipeline)
  if (definition === undefined) {
    return yield* new ResumeError({
      runId,
      message: `Run ${runId} is a ${run.pipeline}, which orce-sync does not resume; run it again instead.`
    })
  }
  const reason = definition.precondition === undefined ? undefined : yield* definition.precondition
  if (reason !== undefined) return { _tag: "NotRun", reason } satisfies NotRun
  const orceTarget = yield* orceTargetOf(definition)
  if (orceTarget !== undefined && run.orceTarget !== null && run.orceTarget !== orceTarget) {
    return yield* new ResumeError({
      runId,
      message: `Run ${runId} synchronizes with ${run.orceTarget}, not ${orceTarget}; resume it against the same ORCE ` +
        `(its --orce-url, or none for the in-process mock).`
    })
  }
  if (orceTarget !== undefined) yield* checkOrceBinding(orceTarget)
  const stored = run.parameters ?? (yield* legacyParameters(run))
  const parameters = yield* Schema.decodeUnknownEffect(definition.parameters)(stored).pipe(
    Effect.mapError(() =>
      new ResumeError({ runId, message: `The parameters recorded for run ${runId} are not readable; run the job again instead.` })
    )
  )
  const job = yield* definition.build(parameters, true)
  yield* reopenRun(runId)
  if (orceTarget !== undefined) yield* bindOrce(orceTarget, runId)
  yield* Console.error(`Run ${runId} resumed.`)
  yield* Effect.logInfo("run resumed").pipe(Effect.annotateLogs({ runId }))
  return { _tag: "Ran", notices: job.notices ?? [], ...yield* runJob(job, runId) } satisfies Ran
}, Effect.scoped)
