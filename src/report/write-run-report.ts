import { join } from "node:path"
import { Effect, Schema } from "effect"
import type { NightSummary } from "./night-summary.ts"
import { renderReportHtml } from "./render-html.ts"
import { buildRunReport, RunReport } from "./run-report.ts"
import { writeOutcomesCsv } from "./write-outcomes.ts"
import { writeRejectsCsv } from "./write-rejects.ts"
import { makeReportDirectory, writeTextFile } from "./write-text-file.ts"
import { jsonWithEscapedControls } from "./visible-text.ts"

export interface RunReportFiles {
  readonly directory: string
  readonly json: string
  readonly html: string
  readonly outcomes: string
  readonly rejects: string
}

/** Where a run's report goes: REPORTS_DIR/<run-id>/. */
export const reportDirectory = (reportsDir: string, runId: string) => join(reportsDir, runId)

/** The report's files in `directory` (by convention reports/<run-id>/). */
export const reportFiles = (directory: string): RunReportFiles => ({
  directory,
  json: join(directory, "report.json"),
  html: join(directory, "report.html"),
  outcomes: join(directory, "outcomes.csv"),
  rejects: join(directory, "rejects.csv")
})

const encodeReport = Schema.encodeSync(RunReport)

/**
 * Writes report.json, outcomes.csv, rejects.csv and report.html of a run into `directory` (RPT-1..RPT-3)
 * and returns the report with the paths. The JSON and HTML hold only bounded lists; the CSV files are
 * streamed from the database, so the size of the run never decides the memory used.
 */
export const writeRunReport = Effect.fn("writeRunReport")(function*(
  runId: string,
  directory: string,
  options: { readonly listLimit?: number; readonly night?: NightSummary | undefined } = {}
) {
  const built: RunReport = yield* buildRunReport(runId, options)
  const report: RunReport = options.night === undefined ? built : { ...built, night: options.night }
  const files = reportFiles(directory)
  yield* makeReportDirectory(directory)
  yield* writeOutcomesCsv(runId, files.outcomes)
  yield* writeRejectsCsv(runId, files.rejects)
  // Encoding checks the report against its Schema and puts the keys in the Schema's order, so two reports
  // compare line by line (RPT-4).
  yield* writeTextFile(files.json, jsonWithEscapedControls(JSON.stringify(encodeReport(report), null, 2)) + "\n")
  yield* writeTextFile(files.html, renderReportHtml(report))
  return { report, files }
})
