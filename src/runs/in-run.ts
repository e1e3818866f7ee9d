import { Effect, Exit } from "effect"
import { finishRun } from "./run-ledger.ts"

/**
 * Runs a job's work as run `runId`: whatever way it ends — done, failed, interrupted (REL-2) — the ledger
 * records it with the counts so far, uninterruptibly.
 */
export const inRun = <A, E, R>(runId: string, work: Effect.Effect<A, E, R>, counts: () => Record<string, number>) =>
  work.pipe(
    Effect.tapError((error) =>
      Effect.logError("run failed").pipe(
        Effect.annotateLogs({ runId, error: typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error) })
      )
    ),
    Effect.onExit((exit) =>
      finishRun(
        runId,
        Exit.isSuccess(exit) ? "completed" : Exit.hasInterrupts(exit) ? "interrupted" : "failed",
        counts()
      ).pipe(Effect.ignore)
    )
  )
