import { Effect, Exit, Redacted, Schema } from "effect"
import type { OrceCustomerMessage } from "../domain/orce-customer.ts"
import {
  AddOrUpdateResponse,
  ErrorBody,
  GetCustomerResponse,
  MergeResponse,
  type SearchRequest,
  SearchResponse,
  securityUserHeader
} from "./contract.ts"
import { type OrceError, OrceLookupLimit, OrceNotFound, OrceRejected, OrceUnauthorized, OrceUnavailable } from "./errors.ts"
import type { Fetch, OrceTransport } from "./transport.ts"

/** The JSON-over-HTTP transport of the contract in mock-orce/README.md. */

export interface HttpJsonTransportConfig {
  readonly baseUrl: string
  readonly token: Redacted.Redacted<string>
  readonly securityUserId: string
  readonly fetch: Fetch
}

const decodeErrorBody = Schema.decodeUnknownExit(ErrorBody)

type Decoder<A> = (input: unknown) => Exit.Exit<A, unknown>

const errorFor = (operation: string, status: number, body: unknown): OrceError => {
  const decoded = decodeErrorBody(body)
  const code = Exit.isSuccess(decoded) ? decoded.value.error.code : "UNKNOWN"
  const message = Exit.isSuccess(decoded) ? decoded.value.error.message : `ORCE answered HTTP ${status}`
  if (status >= 500) return new OrceUnavailable({ operation, reason: "server", status, message })
  if (status === 401) return new OrceUnauthorized({ operation, message })
  if (status === 404) return new OrceNotFound({ operation, message })
  if (code === "LOOKUP_LIMIT") return new OrceLookupLimit({ operation, message })
  return new OrceRejected({ operation, status, code, message })
}

const connectionError = (operation: string) => (cause: unknown) =>
  new OrceUnavailable({
    operation,
    reason: "connection",
    message: `Connection to ORCE failed: ${cause instanceof Error ? cause.message : String(cause)}`
  })

export const makeHttpJsonTransport = (config: HttpJsonTransportConfig): OrceTransport => {
  const base = config.baseUrl.replace(/\/+$/, "")
  // Built once: the token is unwrapped here and nowhere else, and never logged.
  const headers: Record<string, string> = {
    authorization: `Bearer ${Redacted.value(config.token)}`,
    [securityUserHeader]: config.securityUserId,
    accept: "application/json",
    "content-type": "application/json"
  }
  const fetch = config.fetch

  const call = <A, M = never>(
    operation: string,
    method: string,
    path: string,
    body: unknown,
    decode: Decoder<A>,
    onNotFound?: () => M
  ): Effect.Effect<A | M, OrceError> =>
    Effect.gen(function*() {
      const started = performance.now()
      yield* Effect.logDebug("ORCE request", { operation, method, path, body })
      const { status, json } = yield* Effect.tryPromise({
        try: async (signal) => {
          const response = await fetch(base + path, {
            method,
            headers,
            signal,
            ...(body === undefined ? {} : { body: JSON.stringify(body) })
          })
          const text = await response.text()
          let json: unknown = undefined
          try {
            json = text === "" ? undefined : JSON.parse(text)
          } catch {
            json = text
          }
          return { status: response.status, json }
        },
        catch: connectionError(operation)
      })
      yield* Effect.logDebug("ORCE response", { operation, status, durationMs: performance.now() - started, body: json })
      if (status === 404 && onNotFound !== undefined) return onNotFound()
      if (status !== 200) return yield* Effect.fail(errorFor(operation, status, json))
      const decoded = decode(json)
      if (Exit.isFailure(decoded)) {
        return yield* new OrceUnavailable({
          operation,
          reason: "invalid-response",
          status,
          message: "ORCE answered with a body that does not match the contract"
        })
      }
      return decoded.value
    })

  const decodeAddOrUpdate = Schema.decodeUnknownExit(AddOrUpdateResponse)
  const decodeGet = Schema.decodeUnknownExit(GetCustomerResponse)
  const decodeSearch = Schema.decodeUnknownExit(SearchResponse)
  const decodeMerge = Schema.decodeUnknownExit(MergeResponse)

  return {
    addOrUpdateCustomer: (customer: OrceCustomerMessage) =>
      call("addOrUpdateCustomer", "POST", "/customers", { customer }, decodeAddOrUpdate),
    // Built as an error, a 404 would cost a captured stack for every customer whose Relate ID ORCE lacks.
    findCustomer: (customerId: string) =>
      call("getCustomer", "GET", `/customers/${encodeURIComponent(customerId)}`, undefined, decodeGet, () => undefined),
    searchCustomers: (query: SearchRequest) => call("searchCustomers", "POST", "/customers/search", query, decodeSearch),
    mergeCustomers: (fromCustomerId: string, intoCustomerId: string) =>
      call(
        "mergeCustomers",
        "POST",
        `/customers/${encodeURIComponent(fromCustomerId)}/merge`,
        { intoCustomerId },
        decodeMerge
      )
  }
}
