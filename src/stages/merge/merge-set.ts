import { Effect } from "effect"
import { sql } from "kysely"
import { anyOf } from "../../db/any-of.ts"
import { Database, type DatabaseError } from "../../db/database.ts"
import type { MergeRequestTable } from "../../db/tables.ts"
import type { SurvivorshipChoice } from "../../domain/merge-request.ts"
import { applyMerges, type PlannedMerge, writeResults } from "./apply-merges.ts"
import { lockCustomers, type MergeState, readMergeState } from "./merge-state.ts"
import { planMerge, type PlanSettings, type RequestToPlan } from "./plan-merge.ts"

/** A request as a merge set takes it: what planning needs and the survivorship it carries. */
export interface SetRequest {
  readonly request: RequestToPlan
  readonly survivorship: ReadonlyArray<SurvivorshipChoice> | null
}

/** The site mappings of requests, by request. */
export const readSiteMappings = Effect.fnUntraced(function*(requestIds: ReadonlyArray<number>) {
  const { query } = yield* Database
  const mappings = new Map<number, Array<RequestToPlan["mappings"][number]>>()
  if (requestIds.length === 0) return mappings
  const rows = yield* query("read the site mappings", (db) =>
    db.selectFrom("mergeRequestSites").selectAll().where(anyOf("request_id", requestIds)).orderBy("requestId").orderBy("fromSite").execute())
  for (const row of rows) {
    const mapping = { fromSite: Number(row.fromSite), toSite: row.toSite === null ? null : Number(row.toSite), location: row.location }
    mappings.set(row.requestId, [...(mappings.get(row.requestId) ?? []), mapping])
  }
  return mappings
})

type RequestRow = Pick<
  MergeRequestTable,
  "fromCustomer" | "toCustomer" | "operatingUnit" | "afterMerge" | "createSameSite"
> & { readonly id: number; readonly survivorship: ReadonlyArray<SurvivorshipChoice> | null }

/** Requests as read from merge_requests, with their mappings. */
export const setRequestsOf = Effect.fnUntraced(function*(rows: ReadonlyArray<RequestRow>) {
  const mappings = yield* readSiteMappings(rows.map((row) => row.id))
  return rows.map((row): SetRequest => ({
    request: {
      id: row.id,
      fromCustomer: row.fromCustomer,
      toCustomer: row.toCustomer,
      operatingUnit: row.operatingUnit,
      afterMerge: row.afterMerge,
      createSameSite: row.createSameSite,
      mappings: mappings.get(row.id) ?? []
    },
    survivorship: row.survivorship
  }))
})

/**
 * Splits a set's requests, in order, into rounds whose requests do not get in each other's way: a request
 * goes one round after the last earlier request whose from-customer it touches, or that touches its
 * from-customer, so chains (A into B, then B into C) run in order, each on what the round before left.
 * Requests that only share their survivor go together: nearly every set is one round.
 */
export const mergeRounds = <A extends SetRequest>(requests: ReadonlyArray<A>): Array<Array<A>> => {
  const lastTouched = new Map<number, number>()
  const lastFrom = new Map<number, number>()
  const rounds: Array<Array<A>> = []
  for (const item of requests) {
    const { fromCustomer, toCustomer } = item.request
    const round = Math.max(lastTouched.get(fromCustomer) ?? -1, lastFrom.get(toCustomer) ?? -1) + 1
    for (const customer of [fromCustomer, toCustomer]) lastTouched.set(customer, Math.max(lastTouched.get(customer) ?? -1, round))
    lastFrom.set(fromCustomer, round)
    ;(rounds[round] ??= []).push(item)
  }
  return rounds
}

export interface SetOutcome {
  readonly completed: number
  readonly failed: number
}

type Failure = { readonly item: SetRequest; readonly reason: string; readonly names: { from: string; to: string } }

/** Marks requests FAILED with their reasons, and writes their report lines. */
const failRequests = Effect.fnUntraced(function*(
  runId: string,
  failures: ReadonlyArray<Failure>,
  now: Date
) {
  if (failures.length === 0) return
  const { query } = yield* Database
  yield* query("fail the requests", (db) =>
    sql`
      UPDATE merge_requests r SET process_flag = 'FAILED', error_message = f.reason, processed_at = ${now}, updated_at = ${now}
      FROM json_to_recordset(${JSON.stringify(failures.map((failure) => ({ id: failure.item.request.id, reason: failure.reason })))}::json)
        AS f(id integer, reason text)
      WHERE r.id = f.id`.execute(db))
  yield* writeResults(runId, failures.map(({ item, names, reason }) => ({
    request_id: item.request.id,
    line: 1,
    old_customer: item.request.fromCustomer,
    old_name: names.from,
    new_customer: item.request.toCustomer,
    new_name: names.to,
    old_address: null,
    new_address: null,
    old_location: null,
    new_location: null,
    site_use: null,
    is_primary: null,
    status: null,
    error_message: reason,
    orce_merge: null,
    old_relate_id: null,
    new_relate_id: null
  })))
})

const messageOf = (error: DatabaseError) => error.message

/** A round of a set checked against the database as it is now: the merges to apply, the requests refused (MRG-8). */
interface PlannedRound {
  readonly state: MergeState
  readonly planned: ReadonlyArray<PlannedMerge & { readonly item: SetRequest }>
  readonly failures: ReadonlyArray<Failure>
}

/** The names of a request's two customers, as the report shows them. */
const namesIn = (state: MergeState) => (item: SetRequest) => ({
  from: state.customers.get(item.request.fromCustomer)?.name ?? "",
  to: state.customers.get(item.request.toCustomer)?.name ?? ""
})

const planRound = (round: ReadonlyArray<SetRequest>, state: MergeState, settings: PlanSettings): PlannedRound => {
  const names = namesIn(state)
  const planned: Array<PlannedMerge & { readonly item: SetRequest }> = []
  const failures: Array<Failure> = []
  // Locations the round's copies take on each survivor, so two copies never take the same one (MRG-4).
  const reserved = new Map<number, Set<string>>()
  for (const item of round) {
    const plan = planMerge(item.request, state, settings, reserved)
    if (plan._tag === "Refused") failures.push({ item, reason: `${plan.rule}: ${plan.reason}`, names: names(item) })
    else planned.push({ plan, survivorship: item.survivorship, item })
  }
  return { state, planned, failures }
}

const customersOf = (round: ReadonlyArray<SetRequest>) => round.flatMap((item) => [item.request.fromCustomer, item.request.toCustomer])

/** A merge set with its customers locked and its first round planned, in the set's transaction. */
export interface PreparedSet {
  readonly rounds: ReadonlyArray<ReadonlyArray<SetRequest>>
  readonly first: PlannedRound | undefined
}

/**
 * The reading half of a merge set (MRG-9), in the set's transaction: its customers locked, then its first round
 * planned on them as locked and on their sites and uses. Nothing is written, so it may run while the set
 * before is still being written: the locks make it wait for that set if they share a customer.
 */
export const prepareMergeSet = Effect.fnUntraced(function*(requests: ReadonlyArray<SetRequest>, settings: PlanSettings) {
  const locked = yield* lockCustomers(customersOf(requests))
  const rounds = mergeRounds(requests)
  const first = rounds[0] === undefined ? undefined : planRound(rounds[0], yield* readMergeState(customersOf(rounds[0]), locked), settings)
  return { rounds, first } satisfies PreparedSet
})

/**
 * Writes a prepared merge set in its transaction: round by round, the valid requests applied together with
 * set-based SQL inside a savepoint. Should that fail, each request of the round is applied alone in a savepoint
 * of its own, so only the request that fails is FAILED and the others are kept. A round after the first is
 * planned on the database as the rounds before left it.
 */
export const runMergeSet = Effect.fnUntraced(function*(
  runId: string,
  prepared: PreparedSet,
  settings: PlanSettings,
  now: Date
) {
  const database = yield* Database
  let completed = 0
  let failed = 0
  for (const [index, round] of prepared.rounds.entries()) {
    const { state, planned, failures: refused } = index === 0 && prepared.first !== undefined
      ? prepared.first
      : planRound(round, yield* readMergeState(customersOf(round)), settings)
    const failures = [...refused]
    const names = namesIn(state)
    const refusal = (effect: Effect.Effect<void, DatabaseError, Database>) =>
      effect.pipe(Effect.as(undefined), Effect.catchTag("DatabaseError", (error) => Effect.succeed(messageOf(error))))
    const together = yield* refusal(database.transaction("apply a round of merges", applyMerges(runId, planned, state, now)))
    if (together === undefined) {
      completed += planned.length
    } else {
      for (const merge of planned) {
        const alone = yield* refusal(database.transaction(`apply merge request ${merge.plan.request.id}`, applyMerges(runId, [merge], state, now)))
        if (alone === undefined) completed++
        else failures.push({ item: merge.item, reason: `the database refused the merge: ${alone}`, names: names(merge.item) })
      }
    }
    yield* failRequests(runId, failures, now)
    failed += failures.length
  }
  return { completed, failed } satisfies SetOutcome
})
