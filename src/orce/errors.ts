import { Schema } from "effect"

/**
 * What can go wrong talking to ORCE, one tagged error per way the pipelines react differently. Messages carry
 * ORCE's wording and the operation, never credentials or request bodies (REL-4, SYNC-13).
 */

/** Timeouts, connection errors, 5xx and unreadable answers: retried, then the customer is deferred (SYNC-8). */
export class OrceUnavailable extends Schema.TaggedError<OrceUnavailable>()("OrceUnavailable", {
  operation: Schema.String,
  reason: Schema.Literals(["timeout", "connection", "server", "invalid-response"]),
  status: Schema.optional(Schema.Number),
  message: Schema.String
}) {}

/** A 4xx other than the ones below: ORCE refused the request and says why. Never retried. */
export class OrceRejected extends Schema.TaggedError<OrceRejected>()("OrceRejected", {
  operation: Schema.String,
  status: Schema.Number,
  code: Schema.String,
  message: Schema.String
}) {}

/** Missing or wrong credentials or security user (401). */
export class OrceUnauthorized extends Schema.TaggedError<OrceUnauthorized>()("OrceUnauthorized", {
  operation: Schema.String,
  message: Schema.String
}) {}

/** SYNC-10: ORCE answered with asterisk-masked values; the security user lacks read/write. */
export class OrceMaskedResponse extends Schema.TaggedError<OrceMaskedResponse>()("OrceMaskedResponse", {
  operation: Schema.String,
  customerIds: Schema.Array(Schema.String),
  message: Schema.String
}) {}

/** SYNC-11: "Maximum search results exceeded, please refine your search". */
export class OrceLookupLimit extends Schema.TaggedError<OrceLookupLimit>()("OrceLookupLimit", {
  operation: Schema.String,
  message: Schema.String
}) {}

export class OrceNotFound extends Schema.TaggedError<OrceNotFound>()("OrceNotFound", {
  operation: Schema.String,
  message: Schema.String
}) {}

export type OrceError =
  | OrceUnavailable
  | OrceRejected
  | OrceUnauthorized
  | OrceMaskedResponse
  | OrceLookupLimit
  | OrceNotFound

export const isRetryable = (error: OrceError): boolean => error._tag === "OrceUnavailable"

/** A request that may or may not have been carried out: ORCE's answer never arrived. */
export const isUncertain = (error: OrceError): boolean =>
  error._tag === "OrceUnavailable" && (error.reason === "timeout" || error.reason === "connection")
