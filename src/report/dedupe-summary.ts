import type { StepCounts } from "../batch/step-counts.ts"
import { formatCount, formatCountOf, formatDuration } from "./html-text.ts"
import { visibleText } from "./visible-text.ts"

/** Outcomes of a dedupe step that change the staging database: all 0 when the run changed nothing. */
const changes = [
  "clusters-new", "clusters-grown", "clusters-joined", "clusters-shrunk", "clusters-absorbed", "clusters-dissolved", "clusters-merged",
  "members-removed", "merge-requests", "requests-withdrawn", "review-pairs"
] as const

/** Whether a dedupe step's counts say it changed nothing: no cluster, request or review pair. */
export const changedNothing = (counts: StepCounts): boolean => changes.every((key) => (counts.outcomes[key] ?? 0) === 0)

export interface DedupeSummaryInput {
  readonly runId: string
  readonly status: string
  readonly durationSeconds: number | null
  readonly counts: StepCounts
  readonly reviewFile: string
  /** The Duplicate Customer Report's page (DUP-7). */
  readonly duplicatesFile: string
  readonly reportFile: string
}

/**
 * The plain-text summary of a dedupe run (issue 14, point 10): what was read and skipped and why, how many
 * pairs were compared, what became of the clusters, the merge requests and review pairs, or that nothing
 * changed; then where the review file and the report are.
 */
export const formatDedupeSummary = (input: DedupeSummaryInput): string => {
  const { counts } = input
  const n = (key: string) => counts.outcomes[key] ?? 0
  const mode = n("incremental") === 1
    ? `incremental: the last model reused, ${formatCountOf(n("customers-compared"), "new or changed customer")} compared with everyone`
    : `full: model estimated, every customer compared`
  const lines = [
    `Run ${input.runId} (dedupe) ${input.status === "completed" ? "completed" : input.status} in ${formatDuration(input.durationSeconds)}; ${mode}.`,
    `  ${formatCountOf(counts.read, "active customer")} read; ${formatCount(n("skipped-blank-name"))} skipped for a blank name; ` +
    `${formatCount(n("placeholder-email"))} with a placeholder email and ${formatCount(n("no-address"))} without an address compared on the rest.`,
    `  ${formatCountOf(n("candidate-pairs"), "candidate pair")} scored` +
    (n("capped-blocks") > 0 ? `; ${formatCountOf(n("capped-blocks"), "block")} too common to compare all with all, compared by neighbours.` : "."),
    `  Clusters: ${formatCount(n("clusters-new"))} new, ${formatCount(n("clusters-grown"))} grown, ${formatCount(n("clusters-joined"))} joined ` +
    `(${formatCount(n("clusters-absorbed"))} absorbed), ${formatCount(n("clusters-unchanged"))} unchanged, ${formatCount(n("clusters-shrunk"))} shrunk, ` +
    `${formatCount(n("clusters-dissolved"))} dissolved, ${formatCount(n("clusters-merged"))} merged (their members merged into the survivor).`,
    `  ${formatCountOf(n("merge-requests"), "merge request")} created (SAVED); ${formatCountOf(n("review-pairs"), "pair")} listed for review; ` +
    `${formatCountOf(n("rejected-not-proposed"), "rejected pair")} not proposed again.`
  ]
  if (n("requests-withdrawn") > 0) {
    lines.push(`  ${formatCountOf(n("requests-withdrawn"), "saved merge request")} withdrawn: the member no longer belongs to its cluster.`)
  }
  if (n("held-open-request") > 0) {
    lines.push(`  ${formatCountOf(n("held-open-request"), "member")} held back: already in a merge request not yet processed.`)
  }
  if (changedNothing(counts)) lines.push("  Nothing changed: no new cluster, merge request or review pair.")
  if (n("review-pairs") > 0) lines.push(`  Review file (fill in decision, then orce-sync dedupe review <file>): ${input.reviewFile}`)
  lines.push(`  Duplicate Customer Report: ${input.duplicatesFile}`)
  lines.push(`  Run report: ${input.reportFile}`)
  return lines.map((line) => visibleText(line)).join("\n")
}
