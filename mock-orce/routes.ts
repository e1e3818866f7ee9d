import type { OrceCustomerMessage } from "../src/domain/orce-customer.ts"
import type { SearchRequest } from "../src/orce/contract.ts"
import { answer, type Answer, errorAnswer } from "./http-json.ts"
import type { OrceStore } from "./store.ts"
import type { StoreResult } from "./store-result.ts"

/**
 * The store's four operations, as functions of a request the SOAP endpoint (soap-endpoint.ts) has already
 * read and checked against the contract. Dispatch is by a map keyed on method and path shape, so a request
 * costs one lookup whatever the number of routes; the shapes name what each operation is about (the fault
 * plan and the journal read them).
 */

export interface RouteRequest {
  readonly method: string
  /** Path segments after the base URL, e.g. ["customers", "000000000001"]. */
  readonly segments: ReadonlyArray<string>
  readonly body: unknown
}

export type Route = (store: OrceStore, request: RouteRequest) => Answer

const fromStore = <A>(result: StoreResult<A>, body: (value: A) => unknown): Answer =>
  result.ok ? answer(200, body(result.value)) : errorAnswer(result.status, result.code, result.message)

const addOrUpdateCustomer: Route = (store, request) =>
  fromStore(store.addOrUpdate((request.body as { customer: OrceCustomerMessage }).customer), (value) => value)

const getCustomer: Route = (store, request) => fromStore(store.get(request.segments[1]!), (value) => value)

const searchCustomers: Route = (store, request) => fromStore(store.search(request.body as SearchRequest), (customers) => ({ customers }))

const mergeCustomers: Route = (store, request) =>
  fromStore(store.merge(request.segments[1]!, (request.body as { intoCustomerId: string }).intoCustomerId), (value) => value)

export type RouteName = "addOrUpdate" | "get" | "search" | "merge"

export interface RouteEntry {
  readonly name: RouteName
  readonly run: Route
}

const routeTable = new Map<string, RouteEntry>([
  ["POST customers", { name: "addOrUpdate", run: addOrUpdateCustomer }],
  ["POST customers search", { name: "search", run: searchCustomers }],
  ["GET customers :id", { name: "get", run: getCustomer }],
  ["POST customers :id merge", { name: "merge", run: mergeCustomers }]
])

/** The route for a method and path; "search" is a fixed word where an ID would otherwise be. */
export const findRoute = (method: string, segments: ReadonlyArray<string>): RouteEntry | undefined => {
  if (segments[0] !== "customers") return undefined
  const shape = segments.length === 1
    ? "customers"
    : segments.length === 2
    ? segments[1] === "search" ? "customers search" : "customers :id"
    : segments.length === 3 && segments[2] === "merge"
    ? "customers :id merge"
    : undefined
  return shape === undefined ? undefined : routeTable.get(`${method} ${shape}`)
}
