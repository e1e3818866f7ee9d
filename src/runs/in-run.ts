import { Console, Effect, Exit } from "effect"
import { join } from "node:path"
import { AppSettings } from "../config/app-settings.ts"
import { writeRunReport } from "../report/write-run-report.ts"
import { finishRun } from "./run-ledger.ts"

/** Where a run's report goes: REPORTS_DIR/<run-id>/. */
export const reportDirectory = (reportsDir: string, runId: string) => join(reportsDir, runId)

/**
 * Runs a job's work as run `runId`. Whatever way it ends — done, failed, interrupted (REL-2) — the ledger
 * records it with the counts so far and the run writes its report, marked partial unless it completed
 * (RPT-1); both uninterruptibly.
 */
export const inRun = <A, E, R>(runId: string, work: Effect.Effect<A, E, R>, counts: () => Record<string, number>) =>
  Effect.gen(function*() {
    const settings = yield* AppSettings
    const directory = reportDirectory(settings.reportsDir, runId)
    return yield* work.pipe(
      Effect.tapError((error) =>
        Effect.logError("run failed").pipe(
          Effect.annotateLogs({
            runId,
            error: typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error)
          })
        )
      ),
      Effect.onExit((exit) =>
        Effect.gen(function*() {
          yield* finishRun(
            runId,
            Exit.isSuccess(exit) ? "completed" : Exit.hasInterrupts(exit) ? "interrupted" : "failed",
            counts()
          )
          yield* writeRunReport(runId, directory)
          if (Exit.isFailure(exit)) yield* Console.error(`Partial report of run ${runId}: ${directory}/report.html`)
        }).pipe(
          Effect.catch((error) => Effect.logError("the run's report could not be written").pipe(
            Effect.annotateLogs({ runId, error: error.message })
          ))
        )
      )
    )
  })
