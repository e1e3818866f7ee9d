import type { DedupeRunOutput } from "../../stages/dedupe/dedupe-step.ts"

/** A merge request the dedupe run created (DUP-3, flag SAVED), as the report shows it. */
export type { CreatedMergeRequest } from "../../stages/dedupe/dedupe-step.ts"

/**
 * Everything the Duplicate Customer Report is drawn from (DUP-7): what the dedupe run decided, without its
 * bookkeeping; nothing else, so the same input gives the same files.
 */
export type DuplicateReportInput = Omit<DedupeRunOutput, "reconciled">
