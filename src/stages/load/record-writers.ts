import { Effect } from "effect"
import type { Refused } from "../../db/copy-or-merge.ts"
import { writeChangedCustomers, writeChangedProfiles, writeCustomers, writeProfiles } from "../../db/customers.ts"
import type { Database, DatabaseError } from "../../db/database.ts"
import { profileOf, type RecordKind, type RejectReason } from "./record-rules.ts"

/** How a kind's prepared chunks are written; runs on the thread that holds the database. */
export interface RecordWriter {
  /**
   * Writes a chunk's COPY text in the chunk's transaction; returns the keys of the rows it refused, to be
   * rejected, and how many rows it left alone as an earlier load took them unchanged.
   */
  write(rows: Uint8Array): Effect.Effect<Written, DatabaseError, Database>
  /** Why a record that `write` did not take is rejected (an earlier chunk had it, or its customer is unknown). */
  rejectReason(key: string): RejectReason
}

export interface Written {
  readonly refused: Refused
  readonly unchanged: number
}

const allWritten = (refused: Refused): Written => ({ refused, unchanged: 0 })

const customerRejectReason = (customerNumber: string): RejectReason => ({
    customerNumber,
    field: "customer_number",
    rule: "VAL-3",
    reason: `customer number ${customerNumber} already appears earlier in this load; a later duplicate is rejected`
})

const customerWriter: RecordWriter = {
  write: (rows) => Effect.map(writeCustomers(rows), allWritten),
  rejectReason: customerRejectReason
}

/** The nightly run's: only new and changed customers are written (see writeChangedCustomers). */
const changedCustomerWriter: RecordWriter = { write: writeChangedCustomers, rejectReason: customerRejectReason }

const profileRejectReason = (key: string): RejectReason => {
  const { customerNumber, profileDescription } = profileOf(key)
  return {
    customerNumber,
    field: "customer_number",
    rule: "VAL-1",
    reason: `customer ${customerNumber} is not in the staging database, or its profile ` +
      `${profileDescription} already appears earlier in this load`
  }
}

const profileWriter: RecordWriter = { write: (rows) => Effect.map(writeProfiles(rows), allWritten), rejectReason: profileRejectReason }

/** The nightly run's: only new and changed profile rows are written (see writeChangedProfiles). */
const changedProfileWriter: RecordWriter = { write: writeChangedProfiles, rejectReason: profileRejectReason }

export const writerOf = (kind: RecordKind["kind"], options: { readonly onlyChanged: boolean }): RecordWriter =>
  kind === "profiles"
    ? options.onlyChanged ? changedProfileWriter : profileWriter
    : options.onlyChanged ? changedCustomerWriter : customerWriter
