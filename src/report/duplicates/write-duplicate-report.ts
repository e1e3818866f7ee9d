import { join } from "node:path"
import { Effect } from "effect"
import { makeReportDirectory, writeTextFile } from "../write-text-file.ts"
import type { DuplicateReportInput } from "./duplicate-report-input.ts"
import type { DuplicateCounts, DuplicateReportFiles, DuplicateReportSummary } from "./duplicate-report-summary.ts"
import { duplicateViews, type DuplicateViews } from "./duplicate-views.ts"
import { defaultDuplicatePageLimits, type DuplicatePageLimits, renderDuplicatesHtml } from "./render-duplicates-html.ts"
import { writeDuplicateClustersCsv } from "./write-duplicate-clusters.ts"
import { writeDuplicatePairsCsv } from "./write-duplicate-pairs.ts"

export type { CreatedMergeRequest, DuplicateReportInput } from "./duplicate-report-input.ts"
export type { DuplicateCounts, DuplicateReportFiles, DuplicateReportSummary } from "./duplicate-report-summary.ts"

/** The Duplicate Customer Report's files in a run's report directory. */
export const duplicateReportFiles = (directory: string): DuplicateReportFiles => ({
  html: join(directory, "duplicates.html"),
  pairs: join(directory, "duplicate-pairs.csv"),
  clusters: join(directory, "duplicate-clusters.csv")
})

const duplicateCounts = (input: DuplicateReportInput, views: DuplicateViews): DuplicateCounts => {
  const byChange = { new: 0, grown: 0, joined: 0, unchanged: 0, merged: input.merged.length }
  for (const cluster of input.clusters) byChange[cluster.change]++
  const { result } = input
  return {
    clusters: views.clusters.length,
    clustersByChange: byChange,
    absorbedClusters: input.clusters.reduce((sum, cluster) => sum + cluster.absorbed.length, 0),
    members: views.clusters.reduce((sum, cluster) => sum + cluster.members.length, 0),
    mergeRequests: input.mergeRequests.length,
    reviewPairs: input.review.length,
    candidatePairs: result.candidatePairs,
    candidatePairsPerRule: Object.fromEntries(result.blocking.rules.map((rule) => [rule.rule, rule.pairs])),
    cappedBlocks: result.blocking.rules.reduce((sum, rule) => sum + rule.cappedBlocks, 0),
    skipped: { ...result.skipped },
    placeholderEmails: result.notes.placeholderEmail,
    noAddress: result.notes.noAddress,
    rejectedNotProposed: input.decisions.rejectedNotProposed,
    acceptedBecameRequests: input.decisions.acceptedBecameRequests,
    modelReused: result.modelReused
  }
}

/**
 * Writes the Duplicate Customer Report (DUP-7) into `directory`: duplicates.html for a person, and
 * duplicate-pairs.csv (every proposed and review pair with its field weights, DUP-2; a review decisions
 * file once a person fills in `decision`) and duplicate-clusters.csv (every member of every cluster). The
 * CSV files are streamed; the page shows bounded lists. Returns the paths and the counts for report.json.
 * The same input gives the same bytes (RPT-4): nothing here reads a clock.
 */
export const writeDuplicateReport = Effect.fn("writeDuplicateReport")(function*(
  directory: string,
  input: DuplicateReportInput,
  limits: DuplicatePageLimits = defaultDuplicatePageLimits
) {
  const files = duplicateReportFiles(directory)
  yield* makeReportDirectory(directory)
  const views = duplicateViews(input)
  const counts = duplicateCounts(input, views)
  yield* writeDuplicatePairsCsv(files.pairs, views, input.result.scorer.comparisons)
  yield* writeDuplicateClustersCsv(files.clusters, views.clusters)
  yield* writeTextFile(files.html, renderDuplicatesHtml(input, views, counts, limits))
  return { files, counts } satisfies DuplicateReportSummary
})
