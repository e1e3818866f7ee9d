import { Console, Effect } from "effect"
import { AppSettings } from "../config/app-settings.ts"
import type { JobListener } from "../batch/listeners.ts"
import type { Database } from "../db/database.ts"
import { reportDirectory, writeRunReport } from "./write-run-report.ts"

/**
 * Writes the run's report once its job has ended, however it ended (RPT-1): report.json, report.html and
 * outcomes.csv in REPORTS_DIR/<run-id>/, marked partial unless the run completed.
 */
export const runReport: JobListener<AppSettings | Database> = {
  afterJob: ({ runId, status }) =>
    Effect.gen(function*() {
      const settings = yield* AppSettings
      const directory = reportDirectory(settings.reportsDir, runId)
      yield* writeRunReport(runId, directory)
      if (status !== "completed") yield* Console.error(`Partial report of run ${runId}: ${directory}/report.html`)
    }).pipe(
      Effect.catch((error) =>
        Effect.logError("the run's report could not be written").pipe(Effect.annotateLogs({ runId, error: error.message }))
      )
    )
}
