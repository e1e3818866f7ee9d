import { Console, Effect } from "effect"
import { AppSettings } from "../config/app-settings.ts"
import { formatSummary } from "../report/format-summary.ts"
import { buildRunReport } from "../report/run-report.ts"
import { reportFiles } from "../report/write-run-report.ts"
import { reportDirectory } from "../report/write-run-report.ts"

/** The plain-text summary of a run on the terminal, with where its report is (RPT-2). */
export const printRunSummary = Effect.fnUntraced(function*(runId: string) {
  const settings = yield* AppSettings
  const report = yield* buildRunReport(runId)
  yield* Console.log(formatSummary(report, reportFiles(reportDirectory(settings.reportsDir, runId))))
})
