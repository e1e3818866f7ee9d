import type { Effect } from "effect"
import type { OrceCustomerMessage } from "../domain/orce-customer.ts"
import type { AddOrUpdateResponse, GetCustomerResponse, MergeResponse, SearchRequest, SearchResponse } from "./contract.ts"
import type { OrceError } from "./errors.ts"

/**
 * One attempt at one ORCE operation, whatever the wire: Customer Services v3.1 over SOAP (soap-transport.ts).
 * Retries, timeouts and limits belong to the client.
 */
export interface OrceTransport {
  readonly addOrUpdateCustomer: (message: OrceCustomerMessage) => Effect.Effect<AddOrUpdateResponse, OrceError>
  /** Undefined when ORCE does not know the ID: a lookup of an unknown ID gets an answer, not an error. */
  readonly findCustomer: (customerId: string) => Effect.Effect<GetCustomerResponse | undefined, OrceError>
  readonly searchCustomers: (query: SearchRequest) => Effect.Effect<SearchResponse, OrceError>
  readonly mergeCustomers: (fromCustomerId: string, intoCustomerId: string) => Effect.Effect<MergeResponse, OrceError>
}

/** The part of `fetch` a transport uses; injectable so the in-process mock can answer without a network. */
export type Fetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>
