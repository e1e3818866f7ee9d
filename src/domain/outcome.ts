import { Schema } from "effect"

/**
 * What a sync run did with one customer (RPT-3). `deferred`: ORCE could not be reached after the
 * retries, the sync flag stays Y and the next run tries again (SYNC-8). `failed`: ORCE or the mapping
 * refused the customer (masked response, lookup limit, a 4xx); the flag stays Y too. `skipped` is never
 * produced (with the integration off a run ends before any customer, SYNC-1, and a dry run records nothing);
 * it stays only so that report.json (orce-sync-report/1) keeps its keys, as a count that is always 0.
 */
export const Outcome = Schema.Literals(["created", "updated", "relate-id-changed", "deferred", "failed", "skipped"])
export type Outcome = typeof Outcome.Type
export const outcomes = Outcome.literals

/** How the ORCE customer was found (SYNC-3..SYNC-6, SYNC-12). */
export const MatchKind = Schema.Literals([
  "relate-id",
  "ecommerce-id",
  "email",
  "email-with-oroms-key",
  "oroms-alt-key",
  "new",
  "none"
])
export type MatchKind = typeof MatchKind.Type

export const SyncOutcome = Schema.Struct({
  customerNumber: Schema.Int,
  chunk: Schema.Int,
  outcome: Outcome,
  match: MatchKind,
  relateIdBefore: Schema.String,
  relateIdAfter: Schema.String,
  reason: Schema.String,
  requests: Schema.Int
})
export type SyncOutcome = typeof SyncOutcome.Type
