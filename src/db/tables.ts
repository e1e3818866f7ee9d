import type { ColumnType, Generated } from "kysely"
import type { Customer, ProfileData } from "../domain/customer.ts"
import type { MergeRequest, ProcessFlag, SurvivorshipChoice } from "../domain/merge-request.ts"
import type { SyncOutcome } from "../domain/outcome.ts"
import type { OrceCall, OrderDecision } from "../domain/order-decision.ts"
import type { Reject } from "../domain/reject.ts"
import type { Activity, Site, SiteUse } from "../domain/site.ts"
import type { Truncation } from "../domain/truncation.ts"

/**
 * Kysely's view of the staging database. Row types come from the domain Schemas; CamelCasePlugin maps
 * them to the snake_case columns of the migrations.
 */

type Json<T> = ColumnType<T, string, string>
type Timestamp = ColumnType<Date, Date | string, Date | string>

export interface CustomerTable extends Customer {
  /** The load run that last wrote the row: a second row with the same number in one load is a duplicate (VAL-3). */
  readonly loadRunId: string
}

export interface CustomerProfileTable extends ProfileData {
  readonly loadRunId: string
}

export const runStatuses = ["running", "completed", "failed", "interrupted"] as const
export type RunStatus = (typeof runStatuses)[number]

export interface RunTable {
  readonly runId: string
  readonly pipeline: string
  readonly status: RunStatus
  readonly settings: Json<Record<string, unknown>>
  readonly inputs: Json<ReadonlyArray<unknown>>
  readonly counts: Json<Record<string, number>>
  /** Written only by earlier versions: step executions hold the checkpoints now. */
  readonly checkpoint: Json<unknown> | null
  readonly startedAt: Timestamp
  readonly endedAt: Timestamp | null
  /** What the job was started with, to build it again on resume; null in runs of earlier versions. */
  readonly parameters: Json<unknown> | null
  /** The ORCE the run synchronizes with (an URL, or "in-process mock"); null when it does not talk to ORCE. */
  readonly orceTarget: string | null
  /** Why a run ended as it did, when it could not say so itself: e.g. a batch found dead by the next one. */
  readonly endReason: ColumnType<string | null, string | null | undefined, string | null>
}

export interface StepExecutionTable {
  readonly runId: string
  readonly step: string
  readonly position: number
  readonly status: RunStatus
  readonly chunks: Generated<number>
  readonly readCount: Generated<number>
  readonly writeCount: Generated<number>
  readonly rejectCount: Generated<number>
  readonly failCount: Generated<number>
  readonly outcomes: ColumnType<Record<string, number>, string | undefined, string>
  readonly checkpoint: Json<unknown> | null
  readonly startedAt: Timestamp
  readonly endedAt: Timestamp | null
}

export interface OrceBindingTable {
  readonly onlyRow: Generated<boolean>
  readonly orceTarget: string
  readonly boundAt: Timestamp
  /** The run that bound it, or "staging rebind". */
  readonly boundBy: string
}

export interface RejectTable extends Reject {
  readonly id: Generated<number>
  readonly runId: string
}

export interface SyncOutcomeTable extends SyncOutcome {
  readonly runId: string
}

export interface RunChunkTable {
  readonly runId: string
  readonly chunk: number
  readonly lastCustomerNumber: number
  readonly customers: number
  readonly committedAt: Timestamp
}

export interface TruncationTable extends Omit<Truncation, "relateId" | "customerNumber"> {
  readonly runId: string
  readonly customerNumber: number
}

export interface MergeRequestTable extends Omit<MergeRequest, "survivorship"> {
  readonly id: Generated<number>
  readonly survivorship: Json<ReadonlyArray<SurvivorshipChoice>> | null
  readonly processFlag: ColumnType<ProcessFlag, ProcessFlag | undefined, ProcessFlag>
  readonly errorMessage: string | null
  readonly createdByRun: string | null
  readonly batchRunId: string | null
  readonly createdAt: Timestamp
  readonly updatedAt: Timestamp
  readonly processedAt: Timestamp | null
}

export const clusterStatuses = ["active", "absorbed", "dissolved", "merged"] as const
export type ClusterStatus = (typeof clusterStatuses)[number]

export interface DedupeModelTable {
  readonly id: Generated<number>
  readonly runId: string
  /** ModelParametersJson of the dedupe stage. */
  readonly model: Json<unknown>
  /** false when the run reused the model before it. */
  readonly estimated: boolean
  readonly savedAt: Timestamp
}

export interface DedupeClusterTable {
  readonly id: number
  readonly status: ClusterStatus
  readonly survivor: number
  readonly survivorReason: string
  readonly createdByRun: string
  readonly updatedByRun: string
  readonly absorbedInto: number | null
  readonly absorbedByRun: string | null
}

export interface DedupeClusterMemberTable {
  readonly clusterId: number
  readonly customerNumber: number
  readonly probability: number
  readonly addedByRun: string
}

export interface DedupeFingerprintTable {
  readonly customerNumber: number
  readonly fingerprint: string
  readonly runId: string
  /** Hashes of the customer's blocking keys (block-keys.ts). */
  readonly blockKeys: ColumnType<ReadonlyArray<number>, ReadonlyArray<number> | undefined, ReadonlyArray<number>>
  /** [comparison name, value] of each term-frequency value it holds. */
  readonly terms: ColumnType<ReadonlyArray<readonly [string, string]>, string | undefined, string>
}

/** One row per blocking-key hash of each customer a run has seen. */
export interface DedupeBlockKeyTable {
  readonly hash: number
  readonly customerNumber: number
}

export interface DedupeTermCountTable {
  readonly comparison: string
  /** '' holds the comparison's total. */
  readonly value: string
  readonly count: number
}

/** What an export row held when a load last took it (the nightly run's unchanged rows). */
export interface ExportFingerprintTable {
  readonly export: string
  readonly key: number
  readonly fingerprint: string
  readonly loadRunId: string
}

export interface DedupeReviewPairTable {
  readonly id: Generated<number>
  readonly runId: string
  readonly customerA: number
  readonly customerB: number
  readonly probability: number
  readonly reason: string
}

export const reviewDecisions = ["accept", "reject"] as const
export type ReviewDecision = (typeof reviewDecisions)[number]

export interface DedupeDecisionTable {
  readonly customerA: number
  readonly customerB: number
  readonly decision: ReviewDecision
  readonly decidedAt: Timestamp
  readonly sourceFile: string
  readonly sourceLine: number
  readonly mergeRequestId: number | null
}

export type SiteTable = Site
export type SiteUseTable = SiteUse

/**
 * The `activity` view: each row where it is now (migration 0015). numeric comes back as text, so amounts keep
 * their cents exactly. `originUseId` is the site use the row was loaded on, never moved.
 */
export type ActivityTable = Activity & { readonly originUseId: number }

/** Activity as loaded, which a merge never writes: activity_origins says where its origin's activity is now. */
export type ActivityRowTable = Omit<ActivityTable, "customerNumber" | "siteUseId">

export interface ActivityOriginTable {
  readonly originUseId: number
  readonly siteUseId: number
}

export interface MergeRequestSiteTable {
  readonly requestId: number
  readonly fromSite: number
  readonly toSite: number | null
  readonly location: string | null
}

export interface MergeBatchTable {
  readonly runId: string
  readonly priority: string | null
  readonly commitSize: number
  readonly host: string
  readonly pid: number
  readonly heartbeatAt: Timestamp
}

export interface MergeSetTable {
  readonly runId: string
  readonly setNumber: number
  readonly requests: number
  readonly completed: number
  readonly failed: number
  readonly committedAt: Timestamp
}

export interface MergeResultTable {
  readonly runId: string
  readonly requestId: number
  readonly line: number
  readonly oldCustomer: number
  readonly oldName: string
  readonly newCustomer: number
  readonly newName: string
  readonly oldAddress: string | null
  readonly newAddress: string | null
  readonly oldLocation: string | null
  readonly newLocation: string | null
  readonly siteUse: string | null
  readonly isPrimary: boolean | null
  readonly status: "Inactive" | "Delete" | null
  readonly errorMessage: string | null
  readonly orceMerge: string | null
  readonly oldRelateId: string | null
  readonly newRelateId: string | null
}

export interface OrderDecisionTable extends Omit<OrderDecision, "orceCalls"> {
  readonly runId: string
  readonly orceCalls: ColumnType<ReadonlyArray<OrceCall>, string, string>
}

export interface Tables {
  readonly customers: CustomerTable
  readonly customerProfiles: CustomerProfileTable
  readonly runs: RunTable
  readonly stepExecutions: StepExecutionTable
  readonly orceBinding: OrceBindingTable
  readonly rejects: RejectTable
  readonly syncOutcomes: SyncOutcomeTable
  readonly runChunks: RunChunkTable
  readonly truncations: TruncationTable
  readonly mergeRequests: MergeRequestTable
  readonly dedupeModels: DedupeModelTable
  readonly dedupeClusters: DedupeClusterTable
  readonly dedupeClusterMembers: DedupeClusterMemberTable
  readonly dedupeFingerprints: DedupeFingerprintTable
  readonly dedupeTermCounts: DedupeTermCountTable
  readonly dedupeBlockKeys: DedupeBlockKeyTable
  readonly dedupeReviewPairs: DedupeReviewPairTable
  readonly dedupeDecisions: DedupeDecisionTable
  readonly sites: SiteTable
  readonly siteUses: SiteUseTable
  readonly activity: ActivityTable
  readonly activityRows: ActivityRowTable
  readonly activityOrigins: ActivityOriginTable
  readonly mergeRequestSites: MergeRequestSiteTable
  readonly mergeBatches: MergeBatchTable
  readonly mergeSets: MergeSetTable
  readonly mergeResults: MergeResultTable
  readonly orderDecisions: OrderDecisionTable
  readonly exportFingerprints: ExportFingerprintTable
}
