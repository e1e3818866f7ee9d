import { Effect, Layer } from "effect"
import { TestClock } from "effect/testing"
import { loadJob } from "../support/jobs.ts"
import { Database } from "../../src/db/database.ts"
import type { OrceCustomer, OrceCustomerMessage } from "../../src/domain/orce-customer.ts"
import type { OrcePolicy } from "../../src/orce/client.ts"
import { layerInProcessMock, MockOrceService } from "../../mock-orce/in-process-layer.ts"
import { OrceTarget } from "../../src/orce/target.ts"
import type { MockOrceOptions } from "../../mock-orce/mock-orce.ts"
import type { TrafficEntry } from "../../mock-orce/traffic.ts"
import { cleanRow, customersCsv } from "../support/customers-csv.ts"
import { tempFile, tempPath } from "../support/files.ts"
import { testSettingsLayer } from "../support/settings.ts"

/** Retries come back at once: a deferred customer costs milliseconds, not the default back-off's seconds. */
export const policy: OrcePolicy = { timeoutMs: 2_000, retries: 2, concurrency: 8, retryBaseDelayMs: 1, retryMaxDelayMs: 2 }

/** Settings of a test run: no mock state file, and the run reports kept out of the working tree. */
export const testFlags = (flags: Record<string, string> = {}) => ({
  MOCK_ORCE_STATE: "-",
  REPORTS_DIR: tempPath("reports"),
  ...flags
})

/**
 * What a pipeline runs with in these tests: settings (by key, as on the command line), and a fresh in-process
 * mock ORCE of its own, whose store the test prepares through MockOrceService. The database comes from
 * forEachDialect.
 */
export const pipelineLayer = (flags: Record<string, string> = {}, mock: Partial<MockOrceOptions> = {}) =>
  Layer.mergeAll(
    testSettingsLayer(testFlags(flags)),
    Layer.merge(layerInProcessMock({ policy, ...mock }), Layer.succeed(OrceTarget, { description: "the in-process mock ORCE of this test" }))
  )

/**
 * Runs a test body on the real clock: the pipelines retry with real sleeps and order runs by their start
 * time, which the TestClock of `it.effect` would freeze at 0.
 */
export const live = TestClock.withLive

/** Loads customers into staging through the load job (rows from cleanRow, with their overrides). */
export const loadCustomers = (rows: ReadonlyArray<Record<string, string>>) =>
  loadJob({ customers: { file: tempFile(customersCsv(rows)) }, profiles: undefined }).pipe(
    Effect.tap((result) =>
      result.customers.rejected === 0 ? Effect.void : Effect.die(new Error(`test rows were rejected: ${JSON.stringify(result)}`))
    )
  )

export { cleanRow }

export const stagingRows = Effect.gen(function*() {
  const { query } = yield* Database
  return yield* query("read customers", (db) => db.selectFrom("customers").selectAll().orderBy("customerNumber").execute())
})

/** Relate ID, sync flag and e-commerce ID of each staged customer: what the write-back changes. */
export const syncState = Effect.gen(function*() {
  const rows = yield* stagingRows
  return Object.fromEntries(
    rows.map((row) => [row.customerNumber, { relateId: row.relateId, syncFlag: row.syncFlag, ecommerceId: row.ecommerceId }])
  )
})

export const outcomesOf = (runId: string) =>
  Effect.gen(function*() {
    const { query } = yield* Database
    const rows = yield* query("read outcomes", (db) =>
      db.selectFrom("syncOutcomes").selectAll().where("runId", "=", runId).orderBy("customerNumber").execute())
    return Object.fromEntries(rows.map((row) => [row.customerNumber, row]))
  })

export const runsTable = Effect.gen(function*() {
  const { query } = yield* Database
  return yield* query("read runs", (db) => db.selectFrom("runs").selectAll().orderBy("startedAt").execute())
})

/** Puts a customer into the mock's ORCE directly (no request, no journal entry) and answers its ID. */
export const orceHas = (message: OrceCustomerMessage) =>
  Effect.gen(function*() {
    const mock = yield* MockOrceService
    const result = mock.store.addOrUpdate(message)
    if (!result.ok) return yield* Effect.die(new Error(`cannot prepare ORCE: ${result.message}`))
    return result.value.customerId
  })

/** The IDs an email search answers, in the order ORCE returns them (SYNC-5 takes the first that fits). */
export const orceEmailSearch = (email: string) =>
  Effect.gen(function*() {
    const mock = yield* MockOrceService
    const result = mock.store.search({ email })
    if (!result.ok) return yield* Effect.die(new Error(`cannot search ORCE: ${result.message}`))
    return result.value.map((customer) => customer.customerId)
  })

/** The mock's customer now (merges resolved). */
export const orceCustomer = (customerId: string) =>
  Effect.gen(function*() {
    const mock = yield* MockOrceService
    const result = mock.store.get(customerId)
    if (!result.ok) return yield* Effect.die(new Error(`ORCE does not have ${customerId}`))
    return result.value.customer
  })

/** The mock's customers, by customer ID. */
export const orceCustomers = Effect.gen(function*() {
  const mock = yield* MockOrceService
  return mock.store.exportSnapshot().customers
})

/** The ORCE customer holding the OROMS alt key of an OACS customer number. */
export const orceCustomerOf = (customerNumber: number, altIdOroms = "OROMS_ID") =>
  Effect.gen(function*() {
    const mock = yield* MockOrceService
    const id = mock.store.findByAlternateKey({ type: altIdOroms, value: String(customerNumber) })
    return id === undefined ? undefined : yield* orceCustomer(id)
  })

export const journal = Effect.gen(function*() {
  const mock = yield* MockOrceService
  return mock.traffic.journal() as ReadonlyArray<TrafficEntry>
})

/** The add-or-update requests the mock received, with the message each carried. */
export const addOrUpdates = Effect.map(journal, (entries) =>
  entries.filter((entry) => entry.operation === "addOrUpdateCustomer").map((entry) => ({
    entry,
    message: (entry.requestBody as { customer: OrceCustomerMessage }).customer
  })))

export const hasOromsKey = (customer: OrceCustomer, customerNumber: number) =>
  (customer.alternateKeys ?? []).some((key) => key.type === "OROMS_ID" && key.value === String(customerNumber))

/** An ORCE customer as another channel (web shop, store) created it. */
export const orceMessage = (overrides: Partial<OrceCustomerMessage> = {}): OrceCustomerMessage => ({
  firstName: "GRACE",
  lastName: "HOPPER",
  addresses: [{ type: "HOME", primary: true, address1: "1 NAVY YARD", city: "ARLINGTON", state: "VA", postalCode: "22202", country: "US" }],
  emails: [{ type: "HOME", primary: true, address: "grace@example.com" }],
  phones: [{ type: "HOME", primary: true, number: "7035550100" }],
  source: "Web",
  createUser: "WEBSHOP",
  updateUser: "WEBSHOP",
  ...overrides
})

/** Where the sync step of a run is, as its step execution holds it: committed chunks and last customer. */
export const syncCheckpointOf = (runId: string) =>
  Effect.gen(function*() {
    const { query } = yield* Database
    const step = yield* query("read sync step", (db) =>
      db.selectFrom("stepExecutions").select(["chunks", "checkpoint"]).where("runId", "=", runId).where("step", "=", "sync")
        .executeTakeFirst())
    return step === undefined
      ? undefined
      : { chunk: step.chunks, lastCustomerNumber: (step.checkpoint as { lastCustomerNumber?: number } | null)?.lastCustomerNumber ?? 0 }
  })
