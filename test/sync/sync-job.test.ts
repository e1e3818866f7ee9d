import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { initialExportJob } from "../support/jobs.ts"
import { resumeJob } from "../support/jobs.ts"
import { syncJob } from "../support/jobs.ts"
import { Database } from "../../src/db/database.ts"
import { loggerLayer } from "../../src/log/logger.ts"
import { MockOrceService } from "../../mock-orce/in-process-layer.ts"
import { customersCsv } from "../support/customers-csv.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { tempFile, tempPath } from "../support/files.ts"
import {
  addOrUpdates,
  cleanRow,
  journal,
  live,
  loadCustomers,
  orceCustomer,
  orceCustomerOf,
  orceCustomers,
  orceHas,
  orceMessage,
  outcomesOf,
  pipelineLayer,
  policy,
  runsTable,
  stagingRows,
  syncState
} from "./harness.ts"

/** SYNC-1, SYNC-2 and how a sync run ends a customer ORCE cannot take (SYNC-8, SYNC-10, SYNC-11); SYNC-13. */

const sync = Effect.gen(function*() {
  const result = yield* syncJob()
  if (result._tag !== "Synced") return yield* Effect.die(new Error(`sync did not run: ${result.reason}`))
  return result
})

const flagged = (count: number) => Array.from({ length: count }, (_, index) => cleanRow(index + 1, { sync_flag: "Y" }))

forEachDialect("SYNCRDB runs", (it) => {
  it.effect("SYNC-1 with L37 other than INTERACT the sync ends at once, says why, and changes nothing", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* loadCustomers(flagged(2))
      const runsBefore = yield* runsTable
      const stagedBefore = yield* stagingRows

      const result = yield* syncJob()
      assert.strictEqual(result._tag, "IntegrationOff")
      assert.include(result._tag === "IntegrationOff" ? result.reason : "", "L37")
      assert.include(result._tag === "IntegrationOff" ? result.reason : "", "\"NONE\"")
      assert.deepStrictEqual(yield* runsTable, runsBefore)
      assert.deepStrictEqual(yield* stagingRows, stagedBefore)
      assert.lengthOf(yield* journal, 0)
      assert.lengthOf(yield* orceCustomers, 0)
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("SYNC-1 with L37 other than INTERACT the initial export loads nothing and flags nothing", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* loadCustomers([cleanRow(1)])
      const runsBefore = yield* runsTable
      const stagedBefore = yield* stagingRows
      const file = tempFile(customersCsv([cleanRow(1, { city: "Chicago" }), cleanRow(2)]))

      const result = yield* initialExportJob({ customers: { file }, profiles: undefined })
      assert.strictEqual(result._tag, "IntegrationOff")
      assert.include(result._tag === "IntegrationOff" ? result.reason : "", "not INTERACT")
      assert.deepStrictEqual(yield* runsTable, runsBefore)
      assert.deepStrictEqual(yield* stagingRows, stagedBefore)
      assert.lengthOf(yield* journal, 0)
    })).pipe(Effect.provide(pipelineLayer({ L37: "" }))))

  it.effect("SYNC-1 with L37 other than INTERACT an interrupted run is not resumed", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* loadCustomers(flagged(2))
      const { query } = yield* Database
      yield* query("interrupted run", (db) =>
        db.insertInto("runs").values({
          runId: "sync-interrupted",
          pipeline: "sync",
          status: "interrupted",
          settings: "{}",
          inputs: "[]",
          counts: "{}",
          checkpoint: JSON.stringify({ phase: "sync", chunk: 1, lastCustomerNumber: 1 }),
          startedAt: new Date()
        }).execute())
      const runsBefore = yield* runsTable
      const stagedBefore = yield* stagingRows

      const result = yield* resumeJob("sync-interrupted")
      assert.strictEqual(result._tag, "IntegrationOff")
      assert.deepStrictEqual(yield* runsTable, runsBefore)
      assert.deepStrictEqual(yield* stagingRows, stagedBefore)
      assert.lengthOf(yield* journal, 0)
    })).pipe(Effect.provide(pipelineLayer({ L37: "OFF" }))))

  it.effect("SYNC-2 the initial export flags every loaded customer, then synchronizes them all", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const file = tempFile(customersCsv([cleanRow(1), cleanRow(2, { sync_flag: "N" }), cleanRow(3, { sync_flag: "Y" })]))
      const result = yield* initialExportJob({ customers: { file }, profiles: undefined })
      assert.strictEqual(result._tag, "Exported")
      if (result._tag !== "Exported") return
      assert.deepStrictEqual(result.synced.counts, { created: 3, updated: 0, "relate-id-changed": 0, deferred: 0, failed: 0, skipped: 0 })
      const outcomes = yield* outcomesOf(result.runId)
      assert.deepStrictEqual(Object.keys(outcomes), ["1", "2", "3"])
      const state = yield* syncState
      for (const customerNumber of [1, 2, 3]) {
        const inOrce = yield* orceCustomerOf(customerNumber)
        assert.deepStrictEqual(state[customerNumber], { relateId: inOrce!.customerId, syncFlag: "N", ecommerceId: "" })
      }
      assert.lengthOf(yield* orceCustomers, 3)
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("SYNC-2 the sync works only on customers whose sync flag is Y", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* loadCustomers([cleanRow(1, { sync_flag: "Y" }), cleanRow(2, { sync_flag: "N" }), cleanRow(3, { sync_flag: "Y" })])
      const before = (yield* stagingRows).find((row) => row.customerNumber === 2)
      const result = yield* sync
      assert.strictEqual(result.customers, 2)
      assert.deepStrictEqual(Object.keys(yield* outcomesOf(result.runId)), ["1", "3"])
      assert.deepStrictEqual((yield* stagingRows).find((row) => row.customerNumber === 2), before)
      assert.isUndefined(yield* orceCustomerOf(2))
      assert.isFalse((yield* journal).some((entry) => JSON.stringify(entry.requestBody).includes("ada2@example.com")))
      assert.lengthOf(yield* orceCustomers, 2)
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("SYNC-8 customers ORCE keeps failing (5xx) after the retries are deferred with the error, keep flag and e-commerce ID, and the next run synchronizes them", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const known = yield* orceHas(orceMessage())
      const mock = yield* MockOrceService
      mock.setFaults({ failAltKeyValues: ["2"], failCustomerIds: [known], failStatus: 503 })
      yield* loadCustomers([
        cleanRow(1, { sync_flag: "Y" }),
        cleanRow(2, { ecommerce_id: "w-2", sync_flag: "Y" }),
        cleanRow(3, { relate_id: known, ecommerce_id: "w-3", sync_flag: "Y" })
      ])
      const first = yield* sync
      assert.deepStrictEqual(first.counts, { created: 1, updated: 0, "relate-id-changed": 0, deferred: 2, failed: 0, skipped: 0 })
      const outcomes = yield* outcomesOf(first.runId)
      for (const customerNumber of [2, 3]) {
        assert.strictEqual(outcomes[customerNumber]?.outcome, "deferred")
        assert.include(outcomes[customerNumber]?.reason, "ORCE unavailable (server)")
      }
      let state = yield* syncState
      assert.deepStrictEqual(state[2], { relateId: "", syncFlag: "Y", ecommerceId: "w-2" })
      assert.deepStrictEqual(state[3], { relateId: known, syncFlag: "Y", ecommerceId: "w-3" })
      assert.strictEqual(state[1]?.syncFlag, "N")
      // Each failing request was tried once and retried ORCE_RETRIES times before the customer was deferred.
      const failedAdds = (yield* journal).filter((entry) => entry.fault === "failCustomer" && entry.operation === "addOrUpdateCustomer")
      assert.strictEqual(failedAdds.length, policy.retries + 1)
      assert.isUndefined(yield* orceCustomerOf(2))
      assert.strictEqual((yield* runsTable).at(-1)?.status, "completed")

      mock.setFaults({})
      const second = yield* sync
      assert.strictEqual(second.customers, 2)
      assert.deepStrictEqual(second.counts, { created: 1, updated: 1, "relate-id-changed": 0, deferred: 0, failed: 0, skipped: 0 })
      state = yield* syncState
      assert.deepStrictEqual(state[2], { relateId: (yield* orceCustomerOf(2))!.customerId, syncFlag: "N", ecommerceId: "" })
      assert.deepStrictEqual(state[3], { relateId: known, syncFlag: "N", ecommerceId: "" })
      assert.deepInclude((yield* orceCustomer(known)).alternateKeys ?? [], { type: "WEB_ID", value: "w-3" })
    })).pipe(Effect.provide(pipelineLayer())))

  for (const [fault, reason] of [[{ dropRate: 1 }, "connection"], [{ errorRate: 1 }, "server"]] as const) {
    it.effect(`SYNC-8 with every request failing (${JSON.stringify(fault)}) every customer is deferred and nothing is lost; the next run synchronizes them`, () =>
      live(Effect.gen(function*() {
        yield* resetDatabase
        const mock = yield* MockOrceService
        mock.setFaults(fault)
        yield* loadCustomers(flagged(3))
        const first = yield* sync
        assert.strictEqual(first.counts.deferred, 3)
        for (const outcome of Object.values(yield* outcomesOf(first.runId))) {
          assert.strictEqual(outcome.outcome, "deferred")
          assert.include(outcome.reason, `ORCE unavailable (${reason})`)
        }
        assert.isTrue(Object.values(yield* syncState).every((state) => state.syncFlag === "Y" && state.relateId === ""))
        assert.lengthOf(yield* orceCustomers, 0)

        mock.setFaults({})
        const second = yield* sync
        assert.strictEqual(second.counts.created, 3)
        assert.isTrue(Object.values(yield* syncState).every((state) => state.syncFlag === "N" && state.relateId !== ""))
        assert.lengthOf(yield* orceCustomers, 3)
      })).pipe(Effect.provide(pipelineLayer())))
  }

  it.effect("SYNC-10 a masked ORCE response fails the customer with the authority reason; masked values are never stored or sent", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const byRelateId = yield* orceHas(orceMessage({ emails: [] }))
      const byEmail = yield* orceHas(orceMessage({ emails: [{ type: "HOME", primary: true, address: "ada2@example.com" }] }))
      const mock = yield* MockOrceService
      mock.setFaults({ maskCustomerIds: [byRelateId, byEmail] })
      const before = { relateIdCustomer: yield* orceCustomer(byRelateId), emailCustomer: yield* orceCustomer(byEmail) }
      yield* loadCustomers([cleanRow(1, { relate_id: byRelateId, sync_flag: "Y" }), cleanRow(2, { sync_flag: "Y" }), cleanRow(3, { sync_flag: "Y" })])
      const result = yield* sync

      const outcomes = yield* outcomesOf(result.runId)
      for (const customerNumber of [1, 2]) {
        assert.strictEqual(outcomes[customerNumber]?.outcome, "failed")
        assert.include(outcomes[customerNumber]?.reason, "security user lacks read/write authority")
      }
      assert.strictEqual(outcomes[3]?.outcome, "created")
      const state = yield* syncState
      assert.deepStrictEqual(state[1], { relateId: byRelateId, syncFlag: "Y", ecommerceId: "" })
      assert.deepStrictEqual(state[2], { relateId: "", syncFlag: "Y", ecommerceId: "" })
      // The masked answers went nowhere: not into staging, not into the outcomes, not back to ORCE.
      assert.notInclude(JSON.stringify(yield* stagingRows), "*****")
      assert.notInclude(JSON.stringify(outcomes), "*****")
      const sent = yield* addOrUpdates
      assert.deepStrictEqual(sent.map(({ message }) => message.alternateKeys?.[0]?.value), ["3"])
      assert.deepStrictEqual(
        { relateIdCustomer: yield* orceCustomer(byRelateId), emailCustomer: yield* orceCustomer(byEmail) },
        before
      )
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("SYNC-11 an email search over ORCE's lookup limit fails the customer with that reason; it is not created", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const family = [{ type: "HOME", primary: true, address: "family@example.com" }]
      for (let n = 0; n < 3; n++) yield* orceHas(orceMessage({ emails: family }))
      const mock = yield* MockOrceService
      mock.setFaults({ lookupLimitValues: ["ada2@example.com"] })
      yield* loadCustomers([cleanRow(1, { email: "family@example.com", sync_flag: "Y" }), cleanRow(2, { sync_flag: "Y" })])
      const result = yield* sync

      const outcomes = yield* outcomesOf(result.runId)
      for (const customerNumber of [1, 2]) {
        assert.strictEqual(outcomes[customerNumber]?.outcome, "failed")
        assert.include(outcomes[customerNumber]?.reason, "Maximum search results exceeded, please refine your search")
        assert.deepStrictEqual((yield* syncState)[customerNumber], { relateId: "", syncFlag: "Y", ecommerceId: "" })
        assert.isUndefined(yield* orceCustomerOf(customerNumber))
      }
      assert.lengthOf(yield* addOrUpdates, 0)
      assert.lengthOf(yield* orceCustomers, 3)
    })).pipe(Effect.provide(pipelineLayer({}, { lookupLimit: 2 }))))

  it.effect("SYNC-7 a chunk too big for one multi-row insert (CHUNK_SIZE 10,000, 7,500 customers) commits its outcomes and truncations", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const count = 7_500
      yield* loadCustomers(Array.from({ length: count }, (_, index) =>
        cleanRow(index + 1, { email: "", sync_flag: "Y", last_name: index < 2 ? "Wolfeschlegelsteinhausenbergerdorff" : "Lovelace" })))
      const result = yield* sync
      assert.strictEqual(result.counts.created, count)
      assert.strictEqual(Object.keys(yield* outcomesOf(result.runId)).length, count)
      assert.isTrue(Object.values(yield* syncState).every((state) => state.syncFlag === "N" && state.relateId !== ""))
      const { query } = yield* Database
      const truncations = yield* query("read truncations", (db) =>
        db.selectFrom("truncations").select(["customerNumber", "field", "after"]).where("runId", "=", result.runId)
          .orderBy("customerNumber").execute())
      assert.deepStrictEqual(truncations, [
        { customerNumber: 1, field: "lastName", after: "WOLFESCHLEGELSTEINHAUSENB" },
        { customerNumber: 2, field: "lastName", after: "WOLFESCHLEGELSTEINHAUSENB" }
      ])
    })).pipe(Effect.provide(pipelineLayer({ CHUNK_SIZE: "10000" }))))

  it.effect("SYNC-13 at DEBUG every ORCE request and response of a run is in the trace log", () => {
    const file = tempPath("debug.log")
    return live(Effect.gen(function*() {
      yield* resetDatabase
      yield* loadCustomers([cleanRow(1, { last_name: "Zyxwvut", email: "private.person@example.com", sync_flag: "Y" })])
      yield* sync
      const lines = readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line) as { level: number; msg: string })
      const trace = lines.filter((line) => line.level === 20)
      const requests = trace.filter((line) => line.msg === "ORCE request").map((line) => JSON.stringify(line))
      const responses = trace.filter((line) => line.msg === "ORCE response").map((line) => JSON.stringify(line))
      // One email search and one add-or-update, each with its answer.
      assert.lengthOf(requests, (yield* journal).length)
      assert.lengthOf(responses, (yield* journal).length)
      assert.isTrue(requests.some((line) => line.includes("private.person@example.com") && line.includes("ZYXWVUT")))
      const created = (yield* orceCustomerOf(1))!.customerId
      assert.isTrue(responses.some((line) => line.includes(created)))
      // From INFO up the same log keeps personal data out.
      for (const line of lines.filter((line) => line.level >= 30)) {
        assert.notInclude(JSON.stringify(line), "private.person@example.com")
        assert.notInclude(JSON.stringify(line), "ZYXWVUT")
      }
    })).pipe(Effect.provide(pipelineLayer()), Effect.provide(loggerLayer("debug", file)))
  })

  it.effect("SYNC-13 at INFO the run's log has no trace and no name or email", () => {
    const file = tempPath("info.log")
    return live(Effect.gen(function*() {
      yield* resetDatabase
      yield* loadCustomers([cleanRow(1, { last_name: "Zyxwvut", email: "private.person@example.com", sync_flag: "Y" })])
      const result = yield* sync
      assert.strictEqual(result.counts.created, 1)
      const text = readFileSync(file, "utf8")
      assert.isNotEmpty(text.trim())
      assert.notInclude(text, "ORCE request")
      assert.notInclude(text.toLowerCase(), "private.person@example.com")
      assert.notInclude(text.toUpperCase(), "ZYXWVUT")
    })).pipe(Effect.provide(pipelineLayer()), Effect.provide(loggerLayer("info", file)))
  })
})
