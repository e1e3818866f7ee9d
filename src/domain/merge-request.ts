import { Schema } from "effect"

/** MRG-1: why two customers are merged. */
export const MergeReason = Schema.Literals(["De-duplication", "Merger"])
export type MergeReason = typeof MergeReason.Type

/** MRG-9: P1 runs first. */
export const MergePriority = Schema.Literals(["P1", "P2", "P3"])
export type MergePriority = typeof MergePriority.Type

/** MRG-8: SAVED → PROCESSING (queued) → IN_PROGRESS → COMPLETED | FAILED; REJECTED at submission. */
export const ProcessFlag = Schema.Literals(["SAVED", "PROCESSING", "IN_PROGRESS", "COMPLETED", "FAILED", "REJECTED"])
export type ProcessFlag = typeof ProcessFlag.Type

/** MRG-5: what happens to the from-customer's site uses (and the customer) after the merge. */
export const AfterMerge = Schema.Literals(["inactivate", "delete"])
export type AfterMerge = typeof AfterMerge.Type

/** DUP-5: one golden-record field group the survivor takes, and the member it came from. */
export const SurvivorshipChoice = Schema.Struct({
  /** The field group, e.g. "address" (see fieldGroups in the dedupe stage's survivorship). */
  group: Schema.String,
  /** Customer number of the member the values come from. */
  from: Schema.Int,
  /** The rule that chose it, e.g. "most recent non-blank". */
  rule: Schema.String,
  /** Customer fields and their values, a whole group at once (an address is taken whole). */
  values: Schema.Record(Schema.String, Schema.Union([Schema.String, Schema.Number, Schema.Null]))
})
export type SurvivorshipChoice = typeof SurvivorshipChoice.Type

/**
 * A merge request (MRG-1), from a file a person submits or from duplicate detection (DUP-3). Site
 * mappings, when a request names them, are rows of their own (see the merge engine's migration).
 */
export const MergeRequest = Schema.Struct({
  fromCustomer: Schema.Int,
  toCustomer: Schema.Int,
  reason: MergeReason,
  priority: MergePriority,
  /** null: every operating unit. */
  operatingUnit: Schema.NullOr(Schema.String),
  afterMerge: AfterMerge,
  /** MRG-3: copy a from-site use with no same-type use on the to-customer instead of failing. */
  createSameSite: Schema.Boolean,
  /** DUP-3: the match probability of the pair (null for a request a person submitted). */
  probability: Schema.NullOr(Schema.Number),
  /** DUP-3/DUP-4: the duplicate cluster it came from (null for a request a person submitted). */
  clusterId: Schema.NullOr(Schema.Int),
  /** DUP-5: the golden-record values the survivor takes, by field group (null: keep the survivor's). */
  survivorship: Schema.NullOr(Schema.Array(SurvivorshipChoice))
})
export type MergeRequest = typeof MergeRequest.Type

/**
 * How duplicate detection asks for a merge (DUP-3), from the dedupe run or from a person's accepted review pair.
 * No rule orders one duplicate before another: the middle priority, below a person's urgent merges. A duplicate
 * is one person twice, so an address only the duplicate has is copied to the survivor (MRG-3 create same site)
 * rather than failing the whole merge: a night that merges duplicates must not lose their addresses.
 */
export const deduplicationRequest = {
  reason: "De-duplication",
  priority: "P2",
  operatingUnit: null,
  afterMerge: "inactivate",
  createSameSite: true
} as const satisfies Pick<MergeRequest, "reason" | "priority" | "operatingUnit" | "afterMerge" | "createSameSite">
