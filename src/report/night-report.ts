import { existsSync } from "node:fs"
import { basename } from "node:path"
import { Console, Effect } from "effect"
import type { JobListener } from "../batch/listeners.ts"
import { AppSettings } from "../config/app-settings.ts"
import type { Database } from "../db/database.ts"
import { duplicateReportFiles } from "./duplicates/write-duplicate-report.ts"
import { writeMergeReport } from "./merge-report.ts"
import { nightPageFile, renderNightPage } from "./night-page.ts"
import { buildNightSummary } from "./night-summary.ts"
import { reportDirectory, writeRunReport } from "./write-run-report.ts"
import { writeTextFile } from "./write-text-file.ts"

/**
 * The report of a night, however it ended (RPT-1): report.json with the night's totals and stage times,
 * report.html (the sync report), the Customer Merge Execution Report, and night.html linking them with the
 * Duplicate Customer Report the dedupe step wrote, all in REPORTS_DIR/<run-id>/.
 */
export const nightReport: JobListener<AppSettings | Database> = {
  afterJob: ({ runId, status }) =>
    Effect.gen(function*() {
      const settings = yield* AppSettings
      const directory = reportDirectory(settings.reportsDir, runId)
      const night = yield* buildNightSummary(runId)
      const { files } = yield* writeRunReport(runId, directory, { night })
      const merges = yield* writeMergeReport(runId, directory)
      const duplicates = duplicateReportFiles(directory).html
      yield* writeTextFile(nightPageFile(directory), renderNightPage(runId, status, night, {
        duplicates: existsSync(duplicates) ? basename(duplicates) : undefined,
        merges: basename(merges.files.html),
        sync: basename(files.html)
      }))
      if (status !== "completed") yield* Console.error(`Partial report of run ${runId}: ${nightPageFile(directory)}`)
    }).pipe(
      Effect.catch((error) =>
        Effect.logError("the night's report could not be written").pipe(Effect.annotateLogs({ runId, error: error.message }))
      )
    )
}
