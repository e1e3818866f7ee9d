import { Effect } from "effect"
import { AppSettings } from "../../config/app-settings.ts"
import { Database } from "../../db/database.ts"
import type { ProcessFlag } from "../../domain/merge-request.ts"
import { readMergeState } from "./merge-state.ts"
import { planMerge } from "./plan-merge.ts"
import type { SubmittedRequest } from "./request-file.ts"

/** Rows per INSERT. */
const insertRows = 2000

export interface Submitted {
  readonly request: SubmittedRequest
  readonly id: number
  readonly flag: Extract<ProcessFlag, "SAVED" | "REJECTED">
  readonly reason: string | null
}

/** Whether `to` leads back to `from` through merges still to run: A into B and B into A is a cycle. */
const cycleThrough = (edges: ReadonlyMap<number, ReadonlyArray<number>>, from: number, to: number) => {
  const seen = new Set<number>()
  const stack = [to]
  while (stack.length > 0) {
    const customer = stack.pop()!
    if (customer === from) return true
    if (seen.has(customer)) continue
    seen.add(customer)
    stack.push(...(edges.get(customer) ?? []))
  }
  return false
}

/**
 * Submits merge requests (MRG-1): each is checked against the staging database as it is now and saved
 * SAVED, or REJECTED with the rule and reason it breaks (MRG-2..MRG-6, MRG-10, unknown customers and sites,
 * from equal to, customers already merged away, a cycle with a request still to run, a pair already open).
 * One transaction: the file is submitted whole or not at all.
 */
export const submitRequests = Effect.fnUntraced(function*(requests: ReadonlyArray<SubmittedRequest>, createdByRun: string | null) {
  const database = yield* Database
  const settings = yield* AppSettings
  return yield* database.transaction("submit merge requests", Effect.gen(function*() {
    const { query } = database
    const state = yield* readMergeState(requests.flatMap((request) => [request.fromCustomer, request.toCustomer]))
    const open = yield* query("read the open merge requests", (db) =>
      db.selectFrom("mergeRequests").select(["id", "fromCustomer", "toCustomer"])
        .where("processFlag", "in", ["SAVED", "PROCESSING", "IN_PROGRESS"]).execute())
    const edges = new Map<number, Array<number>>()
    const pairs = new Map<string, string>()
    const addEdge = (from: number, to: number, name: string) => {
      pairs.set(`${from}>${to}`, name)
      if (from !== to) edges.set(from, [...(edges.get(from) ?? []), to])
    }
    for (const row of open) addEdge(row.fromCustomer, row.toCustomer, `request ${row.id}`)

    const decided = requests.map((request) => {
      const planned = planMerge({ ...request, id: 0 }, state, settings)
      const openPair = pairs.get(`${request.fromCustomer}>${request.toCustomer}`)
      const reason = planned._tag === "Refused"
        ? `${planned.rule}: ${planned.reason}`
        : openPair !== undefined
        ? `MRG-1: ${openPair} already merges customer ${request.fromCustomer} into ${request.toCustomer} and has not run yet; a pair has one open request at a time`
        : request.fromCustomer !== request.toCustomer && cycleThrough(edges, request.fromCustomer, request.toCustomer)
        ? `MRG-8: customer ${request.toCustomer} is itself to be merged into customer ${request.fromCustomer} by a request still to run; merging both ways is a cycle`
        : null
      if (reason === null) addEdge(request.fromCustomer, request.toCustomer, `the request on line ${request.line}`)
      return { request, flag: reason === null ? "SAVED" as const : "REJECTED" as const, reason }
    })
    if (decided.length === 0) return []
    const now = new Date()
    // A statement takes at most 65,535 parameters: the rows go in pieces well below that.
    const pieces = Array.from({ length: Math.ceil(decided.length / insertRows) }, (_, index) => decided.slice(index * insertRows, (index + 1) * insertRows))
    const ids = (yield* Effect.forEach(pieces, (piece) => query("save the merge requests", (db) =>
      db.insertInto("mergeRequests").values(piece.map(({ flag, reason, request }) => ({
        fromCustomer: request.fromCustomer,
        toCustomer: request.toCustomer,
        reason: request.reason,
        priority: request.priority,
        operatingUnit: request.operatingUnit,
        afterMerge: request.afterMerge,
        createSameSite: request.createSameSite,
        probability: null,
        clusterId: null,
        survivorship: null,
        processFlag: flag,
        errorMessage: reason,
        createdByRun,
        batchRunId: null,
        createdAt: now,
        updatedAt: now,
        processedAt: null
      }))).returning("id").execute()))).flat()
    // RETURNING gives the rows in the order of VALUES: the identity is drawn in that order too.
    const submitted = decided.map((decision, index): Submitted => ({ ...decision, id: ids[index]!.id }))
    const mappings = submitted.flatMap(({ id, request }) => {
      // A from-site named twice was refused (MRG-5); the mappings keep its first.
      const seen = new Set<number>()
      return request.mappings.filter((mapping) => !seen.has(mapping.fromSite) && seen.add(mapping.fromSite))
        .map((mapping) => ({ requestId: id, ...mapping }))
    })
    if (mappings.length > 0) {
      for (let at = 0; at < mappings.length; at += insertRows) {
        yield* query("save the requests' site mappings", (db) => db.insertInto("mergeRequestSites").values(mappings.slice(at, at + insertRows)).execute())
      }
    }
    return submitted
  }))
})

/** MRG-8: a FAILED request, once corrected, goes back to SAVED for the next batch. */
export const resubmitRequest = Effect.fnUntraced(function*(id: number) {
  const { query } = yield* Database
  const now = new Date()
  const row = yield* query("read the request", (db) =>
    db.selectFrom("mergeRequests").select(["processFlag"]).where("id", "=", id).executeTakeFirst())
  if (row === undefined) return { _tag: "Unknown" as const }
  if (row.processFlag !== "FAILED") return { _tag: "NotFailed" as const, flag: row.processFlag }
  yield* query("put the request back to SAVED", (db) =>
    db.updateTable("mergeRequests").set({ processFlag: "SAVED", errorMessage: null, batchRunId: null, processedAt: null, updatedAt: now })
      .where("id", "=", id).where("processFlag", "=", "FAILED").execute())
  return { _tag: "Saved" as const }
})
