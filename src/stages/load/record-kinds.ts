import { type Effect, Schema } from "effect"
import type { Written } from "../../db/copy-or-merge.ts"
import { customerCopyLines, profileCopyLine, profileKey, writeCustomers, writeProfiles } from "../../db/customers.ts"
import type { Copy, DatabaseError, Query } from "../../db/database.ts"
import type { Customer, ProfileData } from "../../domain/customer.ts"
import type { Reject } from "../../domain/reject.ts"
import {
  type RawRow,
  type ReferenceData,
  type RowPosition,
  type Validated,
  validateCustomerRow,
  validateProfileRow
} from "../validate/index.ts"

/**
 * The kind of records a load reads, with what it stamps on them: plain data, so that the thread that
 * reads a source can build the kind's rules for itself.
 */
export const RecordKind = Schema.Union([
  Schema.Struct({
    kind: Schema.Literal("customers"),
    runId: Schema.String,
    /** SYNC-2: the initial bulk export flags every customer it loads. */
    flagForSync: Schema.Boolean
  }),
  Schema.Struct({ kind: Schema.Literal("profiles"), runId: Schema.String })
])
export type RecordKind = typeof RecordKind.Type

type Refusal = Omit<Reject, "source" | "line">

/** How records of a kind are checked and encoded; runs on whichever thread prepares them. */
export interface RecordRules<A> {
  validate(values: RawRow, at: RowPosition): Validated<A>
  /** Records with the same key in one load are duplicates: the later one is rejected (VAL-3). */
  key(value: A): string
  copyLine(value: A): string
}

/** How prepared records of a kind are gathered into chunks, and written on the thread that holds the database. */
export interface RecordWriter {
  /** Why a record whose key an earlier record of its chunk has is refused (VAL-3). */
  duplicate(key: string, firstLine: number): Refusal
  /** Writes a chunk's COPY text in the caller's transaction; says which rows it wrote, so the rest can be rejected. */
  write(query: Query, copy: Copy, rows: Uint8Array): Effect.Effect<Written, DatabaseError>
  /** Why a record that `write` did not take was refused (an earlier chunk had it, or its customer is unknown). */
  notWritten(key: string): Refusal
}

const customerRules = (reference: ReferenceData, stamp: { runId: string; flagForSync: boolean }): RecordRules<Customer> => ({
  validate: (values, at) => validateCustomerRow(values, at, reference),
  key: (customer) => String(customer.customerNumber),
  copyLine: customerCopyLines(stamp)
})

const profileRules = (runId: string): RecordRules<ProfileData> => ({
  validate: validateProfileRow,
  key: (row) => profileKey(row.customerNumber, row.profileDescription),
  copyLine: (row) => profileCopyLine(runId, row)
})

/** A kind's rules; what its records hold matters only between its own functions. */
export const rulesOf = (kind: RecordKind, reference: ReferenceData): RecordRules<unknown> =>
  kind.kind === "customers" ? customerRules(reference, kind) : profileRules(kind.runId)

const customerWriter: RecordWriter = {
  duplicate: (customerNumber, firstLine) => ({
    customerNumber,
    field: "customer_number",
    rule: "VAL-3",
    reason: `customer number ${customerNumber} already appears on line ${firstLine}; a later duplicate is rejected`
  }),
  write: writeCustomers,
  notWritten: (customerNumber) => ({
    customerNumber,
    field: "customer_number",
    rule: "VAL-3",
    reason: `customer number ${customerNumber} already appears earlier in this load; a later duplicate is rejected`
  })
}

/** A profile row's key is its customer number and profile description (see profileKey). */
const profileOf = (key: string) => {
  const space = key.indexOf(" ")
  return { customerNumber: key.slice(0, space), profileDescription: key.slice(space + 1) }
}

const profileWriter: RecordWriter = {
  duplicate: (key, firstLine) => {
    const { customerNumber, profileDescription } = profileOf(key)
    return {
      customerNumber,
      field: "profile_description",
      rule: "VAL-3",
      reason: `profile ${profileDescription} of customer ${customerNumber} already appears on line ${firstLine}`
    }
  },
  write: writeProfiles,
  notWritten: (key) => {
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

export const writerOf = (kind: RecordKind): RecordWriter => kind.kind === "customers" ? customerWriter : profileWriter
