import { Effect } from "effect"
import { sql } from "kysely"
import { mergeJob } from "../../pipelines/merge.ts"
import { startJob } from "../../src/batch/job.ts"
import { Database } from "../../src/db/database.ts"
import type { SiteUseType } from "../../src/domain/site.ts"
import { submitRequests } from "../../src/stages/merge/submit-requests.ts"
import type { SubmittedRequest } from "../../src/stages/merge/request-file.ts"
import { cleanRow, loadCustomers } from "../sync/harness.ts"

/** A customer with its sites, each site with its uses and activity per use. */
export interface CustomerSpec {
  readonly number: number
  readonly partyType?: "I" | "O"
  readonly relateId?: string
  readonly sites: ReadonlyArray<{
    readonly id: number
    readonly ou?: string
    readonly state?: string
    readonly status?: "A" | "I"
    readonly uses: ReadonlyArray<{
      readonly id: number
      readonly type: SiteUseType
      readonly location?: string
      readonly activity?: number
      readonly primary?: boolean
      readonly status?: "A" | "I"
    }>
  }>
}

/** Loads the customers through the load job, then their sites, uses and activity. */
export const given = (customers: ReadonlyArray<CustomerSpec>) =>
  Effect.gen(function*() {
    yield* loadCustomers(customers.map((customer) =>
      cleanRow(customer.number, { party_type: customer.partyType ?? "I", relate_id: customer.relateId ?? "", last_name: `NAME${customer.number}` })))
    const { query } = yield* Database
    const sites = customers.flatMap((customer) => customer.sites.map((site) => ({ customer, site })))
    if (sites.length === 0) return
    yield* query("sites", (db) =>
      db.insertInto("sites").values(sites.map(({ customer, site }) => ({
        siteId: site.id,
        customerNumber: customer.number,
        operatingUnit: site.ou ?? "OU1",
        street: `${site.id} MARKET ST`,
        city: "SPRINGFIELD",
        state: site.state ?? "IL",
        postalCode: "62701",
        country: "US",
        status: site.status ?? "A"
      }))).execute())
    const uses = sites.flatMap(({ customer, site }) => site.uses.map((use) => ({ customer, site, use })))
    if (uses.length === 0) return
    yield* query("uses", (db) =>
      db.insertInto("siteUses").values(uses.map(({ customer, site, use }) => ({
        siteUseId: use.id,
        siteId: site.id,
        customerNumber: customer.number,
        operatingUnit: site.ou ?? "OU1",
        useType: use.type,
        location: use.location ?? `LOC${use.id}`,
        isPrimary: use.primary ?? false,
        status: use.status ?? "A"
      }))).execute())
    const activity = uses.flatMap(({ use }) =>
      Array.from({ length: use.activity ?? 0 }, (_, index) => ({
        activityId: use.id * 100 + index,
        kind: (["order", "invoice", "receipt", "credit", "adjustment"] as const)[index % 5]!,
        originUseId: use.id,
        document: `DOC${use.id}-${index}`,
        amount: "10.00"
      })))
    if (activity.length === 0) return
    yield* query("activity", (db) => db.insertInto("activityRows").values(activity).execute())
    const origins = [...new Set(activity.map((row) => row.originUseId))]
    yield* query("activity origins", (db) =>
      db.insertInto("activityOrigins").values(origins.map((use) => ({ originUseId: use, siteUseId: use }))).execute())
  })

/** A request as the requests file gives it, with defaults for what a test is not about. */
export const request = (fromCustomer: number, toCustomer: number, overrides: Partial<SubmittedRequest> = {}): SubmittedRequest => ({
  line: 2,
  fromCustomer,
  toCustomer,
  reason: "Merger",
  priority: "P2",
  operatingUnit: null,
  afterMerge: "inactivate",
  createSameSite: false,
  mappings: [],
  ...overrides
})

export const submit = (...requests: ReadonlyArray<SubmittedRequest>) => submitRequests(requests, null)

export const runBatch = (commitSize = 1000, priority?: "P1" | "P2" | "P3") =>
  startJob(mergeJob, { commitSize, priority }).pipe(Effect.map((result) => {
    if (result._tag === "NotRun") throw new Error(result.reason)
    const step = result.steps.find((execution) => execution.step === "merge")!
    return { runId: result.runId, counts: step.counts, sets: step.chunks }
  }))

export const requests = Effect.gen(function*() {
  const { query } = yield* Database
  return yield* query("requests", (db) =>
    db.selectFrom("mergeRequests").select(["id", "fromCustomer", "toCustomer", "processFlag", "errorMessage", "batchRunId"]).orderBy("id").execute())
})

/** Activity by site use: where each row is now. */
export const activityOf = (customer: number) =>
  Effect.gen(function*() {
    const { query } = yield* Database
    const rows = yield* query("activity", (db) =>
      db.selectFrom("activity").select(["activityId", "siteUseId"]).where("customerNumber", "=", customer).orderBy("activityId").execute())
    return rows.map((row) => ({ activityId: Number(row.activityId), siteUseId: Number(row.siteUseId) }))
  })

export const customerRow = (customer: number) =>
  Effect.gen(function*() {
    const { query } = yield* Database
    return yield* query("customer", (db) =>
      db.selectFrom("customers").select(["customerNumber", "status", "syncFlag", "street", "email"]).where("customerNumber", "=", customer).executeTakeFirst())
  })

export const usesOf = (customer: number) =>
  Effect.gen(function*() {
    const { query } = yield* Database
    const rows = yield* query("uses", (db) =>
      db.selectFrom("siteUses").select(["siteUseId", "siteId", "useType", "location", "status"]).where("customerNumber", "=", customer).orderBy("siteUseId").execute())
    return rows.map((row) => ({ ...row, siteUseId: Number(row.siteUseId), siteId: Number(row.siteId) }))
  })

/** The business tables as a merge leaves them, for comparing two batches' ends. */
export const mergedState = Effect.gen(function*() {
  const { query } = yield* Database
  return yield* query("merged state", async (db) => ({
    customers: (await sql`SELECT customer_number, status, sync_flag FROM customers ORDER BY 1`.execute(db)).rows,
    sites: (await sql`SELECT site_id::text, customer_number, status FROM sites ORDER BY 1`.execute(db)).rows,
    uses: (await sql`SELECT site_use_id::text, site_id::text, customer_number, location, status FROM site_uses ORDER BY 1`.execute(db)).rows,
    activity: (await sql`SELECT activity_id::text, customer_number, site_use_id::text FROM activity ORDER BY 1`.execute(db)).rows,
    requests: (await sql`SELECT id, process_flag, error_message FROM merge_requests ORDER BY 1`.execute(db)).rows
  }))
})
