import type { FaultSubject } from "./faults.ts"
import type { RouteEntry, RouteRequest } from "./routes.ts"
import type { OrceStore } from "./store.ts"

/**
 * Which customers a request is about, read from a body that may be anything (the fault plan looks before the
 * body is validated): for counting calls per customer (MOCK-5) and for failing listed customers (MOCK-4).
 */

const stringsOf = (value: unknown): Array<string> => (typeof value === "string" && value !== "" ? [value] : [])

/** IDs named in the path, the request body or the answer. */
export const customerIdsOf = (request: RouteRequest, responseBody: unknown): Array<string> => {
  const ids: Array<string> = []
  if (request.segments[0] === "customers" && request.segments.length >= 2 && request.segments[1] !== "search") {
    ids.push(request.segments[1]!)
  }
  const body = request.body as { customer?: { customerId?: unknown }; intoCustomerId?: unknown } | undefined
  if (typeof body === "object" && body !== null) {
    ids.push(...stringsOf(body.customer?.customerId), ...stringsOf(body.intoCustomerId))
  }
  const reply = responseBody as { customerId?: unknown; customer?: { customerId?: unknown } } | undefined
  if (typeof reply === "object" && reply !== null) {
    ids.push(...stringsOf(reply.customerId), ...stringsOf(reply.customer?.customerId))
  }
  return ids
}

/** What a request is about: IDs in it, plus the customers its alt keys and IDs stand for now. */
export const faultSubject = (store: OrceStore, route: RouteEntry | undefined, request: RouteRequest): FaultSubject => {
  const body = request.body as
    | { customer?: { customerId?: unknown; alternateKeys?: ReadonlyArray<{ value?: unknown }> }; intoCustomerId?: unknown; email?: unknown; alternateKey?: { value?: unknown }; lastName?: unknown }
    | undefined
  const isObject = typeof body === "object" && body !== null
  const altKeyValues = isObject
    ? [
      ...(Array.isArray(body.customer?.alternateKeys) ? body.customer.alternateKeys.flatMap((key) => stringsOf(key?.value)) : []),
      ...stringsOf(body.alternateKey?.value)
    ]
    : []
  const searchValue = isObject ? (stringsOf(body.email)[0] ?? stringsOf(body.alternateKey?.value)[0] ?? stringsOf(body.lastName)[0]) : undefined
  const named = customerIdsOf(request, undefined)
  const keys = isObject && Array.isArray(body.customer?.alternateKeys) ? body.customer.alternateKeys : []
  const owners = keys.flatMap((key) => {
    const value = (key as { type?: unknown; value?: unknown })
    return typeof value.type === "string" && typeof value.value === "string"
      ? stringsOf(store.findByAlternateKey({ type: value.type, value: value.value }))
      : []
  })
  return {
    isSearch: route?.name === "search",
    customerIds: [...named, ...named.flatMap((id) => stringsOf(store.resolve(id))), ...owners],
    altKeyValues,
    searchValue
  }
}
