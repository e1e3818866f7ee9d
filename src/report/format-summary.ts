import { formatCount, formatCountOf, formatDuration, formatRate } from "./html-text.ts"
import type { RunReport } from "./run-report.ts"
import { visibleText } from "./visible-text.ts"
import type { RunReportFiles } from "./write-run-report.ts"

/**
 * The plain-text summary a run prints on the terminal (RPT-2): a few lines a person reads at a glance,
 * ending with where the rejects (when there are any) and the full report are. Control characters in what
 * it quotes are shown as escapes, so none reaches the terminal.
 */
export const formatSummary = (report: RunReport, files: Pick<RunReportFiles, "html" | "rejects">): string => {
  const { counts, throughput } = report
  const ending = report.status === "completed"
    ? `completed in ${formatDuration(report.durationSeconds)}`
    : report.status === "running"
    ? "did not finish"
    : `${report.status} after ${formatDuration(report.durationSeconds)}`
  const lines = [
    `Run ${report.runId} (${report.pipeline}) ${ending}.`,
    `  ${formatCount(counts.total)} records: ${formatCount(counts.created)} created, ${formatCount(counts.updated)} updated, ` +
    `${formatCount(counts["relate-id-changed"])} relate ID changed, ${formatCount(counts.deferred)} deferred, ` +
    `${formatCount(counts.failed)} failed, ${formatCount(counts.skipped)} skipped, ${formatCount(counts.rejected)} rejected.`,
    `  Throughput: ${formatRate(throughput.customersPerSecond)} customers/s (${formatCount(throughput.customers)} customers in ` +
    `${formatCountOf(throughput.chunks, "chunk")}).`
  ]
  if (report.partial) lines.push("  The report is partial: it covers only what was done before the run stopped.")
  if (counts.deferred > 0) lines.push(`  ${formatCount(counts.deferred)} deferred customers stay flagged; the next run retries them.`)
  if (counts.rejected > 0) lines.push(`  Rejects: ${files.rejects}`)
  lines.push(`  Report: ${files.html}`)
  return lines.map((line) => visibleText(line)).join("\n")
}
