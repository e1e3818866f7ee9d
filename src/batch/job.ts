import { Console, Effect, Exit, Option, Schema, type Scope } from "effect"
import { AppSettings } from "../config/app-settings.ts"
import { describeSettings } from "../config/load-settings.ts"
import type { DatabaseError } from "../db/database.ts"
import { OrceTarget } from "../orce/target.ts"
import { bindOrce, checkOrceBinding } from "../runs/orce-binding.ts"
import { finishRun, type RunInput, startRun } from "../runs/run-ledger.ts"
import type { JobEnd, JobListener } from "./listeners.ts"
import type { Step } from "./step.ts"
import type { StepCounts } from "./step-counts.ts"
import { endStepExecution, readStepExecutions, type StepExecution, startStepExecution } from "./step-execution.ts"

/** A job: a named list of steps, run in order, and the listeners told when it ends. */
export interface Job<E, R> {
  readonly name: string
  readonly steps: ReadonlyArray<Step<E, R>>
  readonly listeners: ReadonlyArray<JobListener<R>>
  /** What the run's report says of the job's inputs (RPT-1). */
  readonly inputs: ReadonlyArray<RunInput>
  /** What a person should know of the inputs before the summary: e.g. columns that were ignored. */
  readonly notices?: ReadonlyArray<string> | undefined
}

/**
 * How to run a job by name, for a first start and for `orce-sync resume`: its parameters as the run ledger keeps
 * them, and how to build its steps from them. A first start opens and checks its inputs before any step runs
 * (VAL-2); a resumed run (`resuming`) leaves each input to the step that reads it, so steps that completed
 * need none of them.
 */
export interface JobDefinition<P, E, R> {
  readonly name: string
  readonly parameters: Schema.Codec<P, unknown>
  /** A reason not to run at all, checked before a run starts or resumes (e.g. SYNC-1): the run then changes nothing. */
  readonly precondition?: Effect.Effect<string | undefined, E, R> | undefined
  /** The job synchronizes with ORCE: its runs record which ORCE, and refuse one the staging database is not bound to. */
  readonly talksToOrce: boolean
  readonly build: (parameters: P, resuming: boolean) => Effect.Effect<Job<E, R>, E, R | Scope.Scope>
}


/** What a run did: its ID, how it ended, and its steps' executions in order. */
export interface JobResult {
  readonly runId: string
  readonly steps: ReadonlyArray<StepExecution>
}

/** A run's counts as the ledger's runs.counts keeps them: each step's, by `step.count`. */
export const runCounts = (steps: ReadonlyArray<StepExecution>): Record<string, number> => {
  const counts: Record<string, number> = {}
  const add = (step: string, values: StepCounts) => {
    for (const key of ["read", "written", "rejected", "failed"] as const) counts[`${step}.${key}`] = values[key]
    for (const [key, value] of Object.entries(values.outcomes)) counts[`${step}.${key}`] = value
  }
  for (const step of steps) add(step.step, step.counts)
  return counts
}

const statusOf = (exit: Exit.Exit<unknown, unknown>): JobEnd["status"] =>
  Exit.isSuccess(exit) ? "completed" : Exit.hasInterrupts(exit) ? "interrupted" : "failed"

/**
 * Runs the steps of `job` as run `runId`: a step that completed in an earlier attempt is skipped, the first
 * unfinished one restarts from its checkpoint. However the run ends (done, failed, interrupted: REL-2), the
 * ledger records it, then the job's listeners are told (the report, RPT-1), uninterruptibly.
 */
export const runJob = <E, R>(job: Job<E, R>, runId: string) =>
  Effect.gen(function*() {
    let running: string | undefined
    /** The step executions as the run ended, read once for the ledger's counts and for the caller. */
    let steps: ReadonlyArray<StepExecution> | undefined
    const work = Effect.gen(function*() {
      const earlier = new Map((yield* readStepExecutions(runId)).map((execution) => [execution.step, execution]))
      for (const [position, step] of job.steps.entries()) {
        const previous = earlier.get(step.name)
        if (previous?.status === "completed") continue
        yield* startStepExecution(runId, step.name, position)
        yield* Effect.logDebug("step started").pipe(Effect.annotateLogs({ runId, step: step.name }))
        running = step.name
        const counts = yield* step.execute({ runId, step: step.name, previous })
        yield* endStepExecution(runId, step.name, "completed", counts)
        running = undefined
      }
    })
    const ended = (exit: Exit.Exit<unknown, unknown>) =>
      Effect.gen(function*() {
        const status = statusOf(exit)
        if (running !== undefined) yield* endStepExecution(runId, running, status === "completed" ? "failed" : status)
        steps = yield* readStepExecutions(runId)
        yield* finishRun(runId, status, runCounts(steps))
        for (const listener of job.listeners) yield* listener.afterJob({ runId, job: job.name, status })
      }).pipe(
        Effect.catch((error: DatabaseError) =>
          Effect.logError("the end of the run could not be recorded").pipe(Effect.annotateLogs({ runId, error: error.message }))
        )
      )
    yield* work.pipe(
      Effect.tapError((error) =>
        Effect.logError("run failed").pipe(
          Effect.annotateLogs({
            runId,
            error: typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error)
          })
        )
      ),
      Effect.onExit((exit) => ended(exit))
    )
    return { runId, steps: steps ?? (yield* readStepExecutions(runId)) } satisfies JobResult
  })

/** A job that did not run: its precondition gave this reason (e.g. SYNC-1), and nothing was changed. */
export interface NotRun {
  readonly _tag: "NotRun"
  readonly reason: string
}

export interface Ran extends JobResult {
  readonly _tag: "Ran"
  readonly notices: ReadonlyArray<string>
}

/** The ORCE a job that talks to ORCE synchronizes with: the layer of the run provides it. */
export const orceTargetOf = (definition: { readonly name: string; readonly talksToOrce: boolean }) =>
  definition.talksToOrce
    ? Effect.flatMap(Effect.serviceOption(OrceTarget), (target) =>
      Option.isSome(target)
        ? Effect.succeed(target.value.description)
        : Effect.die(new Error(`The ${definition.name} job talks to ORCE, but its layer gives no OrceTarget.`)))
    : Effect.succeed(undefined)

/**
 * Starts a new run of a job: checks its precondition and the ORCE the staging database is bound to, builds
 * it (its inputs checked before anything is written), records the run with its settings, inputs and
 * parameters, says its ID on standard error at once (so it can be resumed after even a `kill -9`), and runs it.
 */
export const startJob = <P, E, R>(definition: JobDefinition<P, E, R>, parameters: P) =>
  Effect.scoped(Effect.gen(function*() {
    const reason = definition.precondition === undefined ? undefined : yield* definition.precondition
    if (reason !== undefined) return { _tag: "NotRun", reason } satisfies NotRun
    const settings = yield* AppSettings
    const orceTarget = yield* orceTargetOf(definition)
    if (orceTarget !== undefined) yield* checkOrceBinding(orceTarget)
    const job = yield* definition.build(parameters, false)
    const encoded = yield* Effect.orDie(Schema.encodeEffect(definition.parameters)(parameters))
    const runId = yield* startRun({
      pipeline: definition.name,
      settings: describeSettings(settings),
      inputs: job.inputs,
      parameters: encoded,
      orceTarget
    })
    if (orceTarget !== undefined) yield* bindOrce(orceTarget, runId)
    yield* Console.error(`Run ${runId} started; if it stops, continue it with: orce-sync resume ${runId}`)
    yield* Effect.logInfo(`${definition.name} started`).pipe(Effect.annotateLogs({ runId }))
    return { _tag: "Ran", notices: job.notices ?? [], ...yield* runJob(job, runId) } satisfies Ran
  }))
