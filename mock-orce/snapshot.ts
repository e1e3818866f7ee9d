import { Schema } from "effect"
import { OrceCustomer } from "../src/domain/orce-customer.ts"

/**
 * MOCK-2: the whole state of the mock as a JSON dataset, listed by customer ID (the order searches answer in)
 * so that the same state always writes the same text. It reloads into a store that behaves identically.
 * Snapshots written before IDs came from the request's content also hold `nextIdNumber`; they still load,
 * and the number is ignored.
 */
export const OrceSnapshot = Schema.Struct({
  format: Schema.Literal("mock-orce-snapshot/1"),
  seed: Schema.String,
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
