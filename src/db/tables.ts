import type { ColumnType, Generated } from "kysely"
import type { Customer, ProfileData } from "../domain/customer.ts"
import type { Reject } from "../domain/reject.ts"

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
  readonly checkpoint: Json<unknown> | null
  readonly startedAt: Timestamp
  readonly endedAt: Timestamp | null
}

export interface RejectTable extends Reject {
  readonly id: Generated<number>
  readonly runId: string
}

export interface Tables {
  readonly customers: CustomerTable
  readonly customerProfiles: CustomerProfileTable
  readonly runs: RunTable
  readonly rejects: RejectTable
}
