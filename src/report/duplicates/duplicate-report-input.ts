import type { Customer } from "../../domain/customer.ts"
import type { SurvivorshipChoice } from "../../domain/merge-request.ts"
import type { IdentifiedCluster } from "../../stages/dedupe/cluster-ids.ts"
import type { DedupeResult, ReviewPair } from "../../stages/dedupe/dedupe.ts"

/** A merge request the dedupe run created (DUP-3, flag SAVED), as the report shows it. */
export interface CreatedMergeRequest {
  readonly id: number
  readonly fromCustomer: number
  readonly toCustomer: number
  readonly probability: number | null
  readonly clusterId: number | null
  readonly survivorship: ReadonlyArray<SurvivorshipChoice> | null
}

/** Everything the Duplicate Customer Report is drawn from (DUP-7); nothing else, so the same input gives the same files. */
export interface DuplicateReportInput {
  readonly runId: string
  /** A full run, or incremental. */
  readonly full: boolean
  /** The dedupe's input; DedupeResult indexes refer to it. */
  readonly customers: ReadonlyArray<Customer>
  readonly result: DedupeResult
  /** Stable IDs from assignClusterIds (members are customer numbers). */
  readonly clusters: ReadonlyArray<IdentifiedCluster>
  readonly mergeRequests: ReadonlyArray<CreatedMergeRequest>
  /** After remembered review decisions. */
  readonly review: ReadonlyArray<ReviewPair>
  readonly decisions: { readonly rejectedNotProposed: number; readonly acceptedBecameRequests: number }
}
