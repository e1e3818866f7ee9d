import { Schema } from "effect"
import { AlternateKey, OrceCustomer } from "../domain/orce-customer.ts"

/**
 * What the client's operations take and answer, whatever the wire (Customer Services v3.1 over SOAP:
 * soap-transport.ts); the mock's store answers in the same terms.
 */

/** addOrUpdateCustomer answers the customer ID alone: no "created" flag (doc 3.1). */
export const AddOrUpdateResponse = Schema.Struct({ customerId: Schema.String })
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

/** The lookup-limit error's wording (SYNC-11), as the mock answers it; unconfirmed for a real ORCE (doc 7.1). */
export const lookupLimitMessage = "Maximum search results exceeded, please refine your search"
