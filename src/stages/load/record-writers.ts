import type { Effect } from "effect"
import type { Refused } from "../../db/copy-or-merge.ts"
import { writeCustomers, writeProfiles } from "../../db/customers.ts"
import type { Database, DatabaseError } from "../../db/database.ts"
import { profileOf, type RecordKind, type RejectReason } from "./record-rules.ts"

/** How a kind's prepared chunks are written; runs on the thread that holds the database. */
export interface RecordWriter {
  /** Writes a chunk's COPY text in the chunk's transaction; returns the keys of the rows it refused, to be rejected. */
  write(rows: Uint8Array): Effect.Effect<Refused, DatabaseError, Database>
  /** Why a record that `write` did not take is rejected (an earlier chunk had it, or its customer is unknown). */
  rejectReason(key: string): RejectReason
}

const customerWriter: RecordWriter = {
  write: writeCustomers,
  rejectReason: (customerNumber) => ({
    customerNumber,
    field: "customer_number",
    rule: "VAL-3",
    reason: `customer number ${customerNumber} already appears earlier in this load; a later duplicate is rejected`
  })
}

const profileWriter: RecordWriter = {
  write: writeProfiles,
  rejectReason: (key) => {
    const { customerNumber, profileDescription } = profileOf(key)
    return {
      customerNumber,
      field: "customer_number",
      rule: "VAL-1",
      reason: `customer ${customerNumber} is not in the staging database, or its profile ` +
        `${profileDescription} already appears earlier in this load`
    }
  }
}

export const writerOf = (kind: RecordKind["kind"]): RecordWriter => kind === "customers" ? customerWriter : profileWriter
