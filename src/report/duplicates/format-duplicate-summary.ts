import { formatCount, formatCountOf } from "../html-text.ts"
import { visibleText } from "../visible-text.ts"
import type { DuplicateReportSummary } from "./duplicate-report-summary.ts"

/**
 * The plain-text summary a dedupe run prints on the terminal (RPT-2): what it found and what it created, in
 * a few lines, ending with where a person decides the review pairs and where the full report is.
 */
export const formatDuplicateSummary = (runId: string, full: boolean, summary: DuplicateReportSummary): string => {
  const { counts, files } = summary
  const changes = counts.clustersByChange
  const skipped = Object.entries(counts.skipped).filter(([, count]) => count > 0)
  const lines = [
    `Dedupe ${runId} (${full ? "full" : "incremental"}): ${formatCountOf(counts.candidatePairs, "pair")} compared, model ${counts.modelReused ? "reused" : "estimated"}.`,
    `  ${formatCountOf(counts.clusters, "cluster")} (${formatCount(changes.new)} new, ${formatCount(changes.grown)} grown, ${formatCount(changes.joined)} joined, ` +
    `${formatCount(changes.unchanged)} unchanged) of ${formatCountOf(counts.members, "customer")}; ${formatCountOf(counts.mergeRequests, "merge request")} saved; ` +
    `${formatCountOf(counts.reviewPairs, "pair")} for review.`
  ]
  if (!full && changes.new + changes.grown + changes.joined === 0) lines.push("  Nothing changed since the last run.")
  if (skipped.length > 0) lines.push(`  Skipped: ${skipped.map(([reason, count]) => `${formatCount(count)} ${reason}`).join(", ")}.`)
  if (counts.reviewPairs > 0) lines.push(`  Review: fill in the decision column of ${files.pairs} and run orce-sync dedupe review with it.`)
  lines.push(`  Report: ${files.html}`)
  return lines.map((line) => visibleText(line)).join("\n")
}
