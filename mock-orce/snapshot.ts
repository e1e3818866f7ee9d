import { Schema } from "effect"
import { OrceCustomer } from "../src/domain/orce-customer.ts"

/**
 * MOCK-2: the whole state of the mock as a JSON dataset. Customers are listed in creation order, which is
 * also the order searches answer in, so a snapshot reloads into a store that behaves identically.
 */
export const OrceSnapshot = Schema.Struct({
  format: Schema.Literal("mock-orce-snapshot/1"),
  seed: Schema.String,
  /** The number the next created customer's ID is formatted from. */
  nextIdNumber: Schema.Number.check(Schema.isInt()),
  typeCodes: Schema.Struct({
    address: Schema.Array(Schema.String),
    email: Schema.Array(Schema.String),
    phone: Schema.Array(Schema.String)
  }),
  customers: Schema.Array(OrceCustomer),
  /** Merged-away customer ID → the customer it was merged into. */
  redirects: Schema.Record(Schema.String, Schema.String)
})
export type OrceSnapshot = typeof OrceSnapshot.Type

export const decodeSnapshot = Schema.decodeUnknownExit(OrceSnapshot)
export const OrceSnapshotFromJson = Schema.fromJsonString(OrceSnapshot)
