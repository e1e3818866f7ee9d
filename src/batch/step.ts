import type { Effect } from "effect"
import type { StepCounts } from "./step-counts.ts"
import type { StepExecution } from "./step-execution.ts"

/** What a step is given when it starts: its run, and its execution as an earlier attempt left it. */
export interface StepRun {
  readonly runId: string
  readonly step: string
  /** The step's execution before this start: set when a resumed run restarts an unfinished step. */
  readonly previous: StepExecution | undefined
}

/**
 * A step of a job. It answers its counts; a chunk step (chunk-step.ts) also commits a checkpoint with each
 * chunk, from which a restart continues.
 */
export interface Step<E = never, R = never> {
  readonly name: string
  readonly execute: (run: StepRun) => Effect.Effect<StepCounts, E, R>
}
