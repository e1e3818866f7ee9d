import { Schema } from "effect"
import { customerCopyLines, profileCopyLine, profileKey } from "../../db/copy-rows.ts"
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

/** Why a record is rejected; the caller adds where it was read. */
export type RejectReason = Omit<Reject, "source" | "line">

/** How records of a kind are checked, keyed and encoded; runs on the thread that reads them. */
export interface RecordRules<A> {
  validate(values: RawRow, at: RowPosition): Validated<A>
  /** Records with the same key in one load are duplicates: the later one is rejected (VAL-3). */
  key(value: A): string
  /** Why a record whose key an earlier record of its chunk has is refused (VAL-3). */
  duplicate(key: string, firstLine: number): RejectReason
  copyLine(value: A): string
}

/** A profile row's key is its customer number and profile description (see profileKey). */
export const profileOf = (key: string) => {
  const space = key.indexOf(" ")
  return { customerNumber: key.slice(0, space), profileDescription: key.slice(space + 1) }
}

const customerRules = (reference: ReferenceData, stamp: { runId: string; flagForSync: boolean }): RecordRules<Customer> => ({
  validate: (values, at) => validateCustomerRow(values, at, reference),
  key: (customer) => String(customer.customerNumber),
  duplicate: (customerNumber, firstLine) => ({
    customerNumber,
    field: "customer_number",
    rule: "VAL-3",
    reason: `customer number ${customerNumber} already appears on line ${firstLine}; a later duplicate is rejected`
  }),
  copyLine: customerCopyLines(stamp)
})

const profileRules = (runId: string): RecordRules<ProfileData> => ({
  validate: validateProfileRow,
  key: (row) => profileKey(row.customerNumber, row.profileDescription),
  duplicate: (key, firstLine) => {
    const { customerNumber, profileDescription } = profileOf(key)
    return {
      customerNumber,
      field: "profile_description",
      rule: "VAL-3",
      reason: `profile ${profileDescription} of customer ${customerNumber} already appears on line ${firstLine}`
    }
  },
  copyLine: (row) => profileCopyLine(runId, row)
})

/** A kind's rules; what its records hold matters only between its own functions. */
export const rulesOf = (kind: RecordKind, reference: ReferenceData): RecordRules<unknown> =>
  kind.kind === "customers" ? customerRules(reference, kind) : profileRules(kind.runId)
