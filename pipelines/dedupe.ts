import { Console, Effect } from "effect"
import type { JobDefinition } from "../src/batch/job.ts"
import { AppSettings } from "../src/config/app-settings.ts"
import { duplicateReportFiles, writeDuplicateReport } from "../src/report/duplicates/write-duplicate-report.ts"
import { runReport } from "../src/report/report-listener.ts"
import { reportDirectory } from "../src/report/write-run-report.ts"
import {
  DedupeParameters,
  type DedupeError,
  type DedupeRequirements,
  type DedupeRunOutput,
  dedupeStep
} from "../src/stages/dedupe/dedupe-step.ts"

/**
 * The review file: the Duplicate Customer Report's duplicate-pairs.csv, every proposed and review pair with
 * an empty `decision`, which `orce-sync dedupe review` reads back once a person has filled it in.
 */
export const reviewFile = (reportsDir: string, runId: string) => duplicateReportFiles(reportDirectory(reportsDir, runId)).pairs

/**
 * What the dedupe decided, as the files a person works from: the Duplicate Customer Report (DUP-7) in
 * REPORTS_DIR/<run-id>/ beside report.json, its duplicate-pairs.csv the review file — written as the dedupe
 * commits (dedupeStep).
 */
export const writeDedupeFiles = (output: DedupeRunOutput) =>
  Effect.gen(function*() {
    const settings = yield* AppSettings
    yield* writeDuplicateReport(reportDirectory(settings.reportsDir, output.runId), output)
  }).pipe(
    Effect.catch((error) =>
      Console.error(`The Duplicate Customer Report of run ${output.runId} could not be written: ${error.message}`).pipe(
        Effect.andThen(Effect.logError("the dedupe's files could not be written").pipe(Effect.annotateLogs({ runId: output.runId, error: error.message })))
      )
    )
  )

/**
 * Duplicate detection on the staging database (issue 14, DUP-1..DUP-7): one step, which reads the active
 * customers, decides and commits the clusters, merge requests (SAVED) and review pairs at once.
 */
export const dedupeJob: JobDefinition<DedupeParameters, DedupeError, DedupeRequirements> = {
  name: "dedupe",
  parameters: DedupeParameters,
  talksToOrce: false,
  build: (parameters) =>
    Effect.succeed({ name: "dedupe", inputs: [], steps: [dedupeStep(parameters, writeDedupeFiles)], listeners: [runReport] })
}
