import { Schema } from "effect"

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/** The Duplicate Customer Report's counts, for report.json (RPT-2): what the page's totals show. */
export const DuplicateCounts = Schema.Struct({
  /** Clusters with a stable ID, by how tonight changed them. */
  clusters: Count,
  /** merged: earlier clusters whose members a completed merge took into the survivor. */
  clustersByChange: Schema.Struct({ new: Count, grown: Count, joined: Count, unchanged: Count, merged: Count }),
  /** Earlier clusters that joined another one tonight and no longer exist. */
  absorbedClusters: Count,
  /** Customers in those clusters, survivors included. */
  members: Count,
  mergeRequests: Count,
  reviewPairs: Count,
  /** DUP-1: distinct pairs compared, and how many each blocking rule produced (also those an earlier rule had). */
  candidatePairs: Count,
  candidatePairsPerRule: Schema.Record(Schema.String, Count),
  cappedBlocks: Count,
  /** Customers left out of dedupe, by reason. */
  skipped: Schema.Record(Schema.String, Count),
  /** Customers kept whose data weakens matching. */
  placeholderEmails: Count,
  noAddress: Count,
  /** Review decisions remembered from earlier runs. */
  rejectedNotProposed: Count,
  acceptedBecameRequests: Count,
  modelReused: Schema.Boolean
})
export type DuplicateCounts = typeof DuplicateCounts.Type

export interface DuplicateReportFiles {
  readonly html: string
  readonly pairs: string
  readonly clusters: string
}

/** What writeDuplicateReport wrote: the files' paths, and the counts to put in report.json. */
export interface DuplicateReportSummary {
  readonly files: DuplicateReportFiles
  readonly counts: DuplicateCounts
}
