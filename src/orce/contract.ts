import { Schema } from "effect"
import { AlternateKey, OrceCustomer, OrceCustomerMessage } from "../domain/orce-customer.ts"

/**
 * The JSON-over-HTTP contract between orce-sync and ORCE (mock-orce/README.md documents it with examples).
 * Both sides decode with these schemas, so the mock and the client cannot drift apart.
 */

export const AddOrUpdateRequest = Schema.Struct({ customer: OrceCustomerMessage })
export type AddOrUpdateRequest = typeof AddOrUpdateRequest.Type

/**
 * `created` only where the wire says so: SOAP's addOrUpdateCustomer answers the customer ID alone (doc 3.1).
 */
export const AddOrUpdateResponse = Schema.Struct({ customerId: Schema.String, created: Schema.optional(Schema.Boolean) })
export type AddOrUpdateResponse = typeof AddOrUpdateResponse.Type

export const GetCustomerResponse = Schema.Struct({
  customer: OrceCustomer,
  /** Present when the requested ID was merged away: the ID asked for, while `customer` is its survivor. */
  resolvedFrom: Schema.optional(Schema.String)
})
export type GetCustomerResponse = typeof GetCustomerResponse.Type

export const SearchByEmail = Schema.Struct({ email: Schema.String })
export const SearchByAlternateKey = Schema.Struct({ alternateKey: AlternateKey })
export const SearchByNameAndPostalCode = Schema.Struct({ lastName: Schema.String, postalCode: Schema.String })
export const SearchRequest = Schema.Union([SearchByEmail, SearchByAlternateKey, SearchByNameAndPostalCode])
export type SearchRequest = typeof SearchRequest.Type

export const SearchResponse = Schema.Struct({ customers: Schema.Array(OrceCustomer) })
export type SearchResponse = typeof SearchResponse.Type

export const MergeRequest = Schema.Struct({ intoCustomerId: Schema.String })
export type MergeRequest = typeof MergeRequest.Type

export const MergeResponse = Schema.Struct({ customerId: Schema.String })
export type MergeResponse = typeof MergeResponse.Type

export const ErrorCode = Schema.Literals([
  "UNAUTHORIZED",
  "NOT_FOUND",
  "LOOKUP_LIMIT",
  "BAD_REQUEST",
  "CONFLICT",
  "INTERNAL_ERROR",
  "UNAVAILABLE"
])
export type ErrorCode = typeof ErrorCode.Type

export const ErrorBody = Schema.Struct({
  error: Schema.Struct({ code: Schema.String, message: Schema.String })
})
export type ErrorBody = typeof ErrorBody.Type

/** ORCE's own wording of the lookup-limit error (SYNC-11). */
export const lookupLimitMessage = "Maximum search results exceeded, please refine your search"

export const securityUserHeader = "x-orce-security-user"
