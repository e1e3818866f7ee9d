import { assert } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import { existsSync, readFileSync } from "node:fs"
import { initialExportJob } from "../support/jobs.ts"
import { resumeJob } from "../support/jobs.ts"
import { syncJob } from "../support/jobs.ts"
import { AppSettings } from "../../src/config/app-settings.ts"
import { Database } from "../../src/db/database.ts"
import type { RunStatus } from "../../src/db/tables.ts"
import { MockOrceService } from "../../mock-orce/in-process-layer.ts"
import { mockRunLayer } from "../../mock-orce/run-layer.ts"
import { customersCsv } from "../support/customers-csv.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { tempFile, tempPath } from "../support/files.ts"
import { testSettings } from "../support/settings.ts"
import {
  cleanRow,
  journal,
  live,
  loadCustomers,
  orceCustomerOf,
  orceCustomers,
  orceHas,
  orceMessage,
  outcomesOf,
  pipelineLayer,
  runsTable,
  syncCheckpointOf,
  syncState,
  testFlags
} from "./harness.ts"

/** Crash safety in process: resume after a checkpoint (REL-1), no second ORCE customer (SYNC-12), the mock state file. */

/**
 * A run as an earlier version's ledger holds it after a crash (no step executions, one checkpoint on the run):
 * started earlier, never finished, its last checkpoint as given. Resuming it proves such ledgers still resume.
 */
const ledgerHasRun = (run: {
  readonly runId: string
  readonly pipeline: "sync" | "initial-export"
  readonly status: RunStatus
  readonly checkpoint?: { readonly chunk: number; readonly lastCustomerNumber: number }
}) =>
  Effect.gen(function*() {
    const { query } = yield* Database
    yield* query("prepare run", (db) =>
      db.insertInto("runs").values({
        runId: run.runId,
        pipeline: run.pipeline,
        status: run.status,
        settings: "{}",
        inputs: "[]",
        counts: "{}",
        checkpoint: run.checkpoint === undefined ? null : JSON.stringify({ phase: "sync", ...run.checkpoint }),
        startedAt: new Date(Date.now() - 60_000)
      }).execute())
  })

/** The alt-key searches the mock received: the SYNC-12 look-ups. */
const altKeySearches = Effect.map(journal, (entries) =>
  entries.filter((entry) => entry.operation === "searchCustomers" && "alternateKey" in (entry.requestBody as object))
    .map((entry) => (entry.requestBody as { alternateKey: { type: string; value: string } }).alternateKey))

/** Every OROMS alt key held by exactly one ORCE customer: no OACS customer was created twice. */
const oromsHolders = Effect.map(orceCustomers, (customers) =>
  customers.flatMap((customer) => (customer.alternateKeys ?? []).filter((key) => key.type === "OROMS_ID").map((key) => key.value)).sort())

forEachDialect("resume and crash safety", (it) => {
  it.effect("REL-1 a resumed sync continues after the chunk its checkpoint names", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* loadCustomers(Array.from({ length: 5 }, (_, index) => cleanRow(index + 1, { sync_flag: "Y" })))
      yield* ledgerHasRun({ runId: "sync-crashed", pipeline: "sync", status: "interrupted", checkpoint: { chunk: 2, lastCustomerNumber: 2 } })

      const result = yield* resumeJob("sync-crashed")
      assert.strictEqual(result._tag, "Resumed")
      if (result._tag !== "Resumed") return
      assert.strictEqual(result.customers, 3)
      assert.deepStrictEqual(result.checkpoint, { chunk: 4, lastCustomerNumber: 5 })
      const outcomes = yield* outcomesOf("sync-crashed")
      assert.deepStrictEqual(Object.values(outcomes).map((outcome) => [outcome.customerNumber, outcome.chunk]), [[3, 3], [4, 3], [5, 4]])
      const state = yield* syncState
      // The chunks before the checkpoint were not redone: ORCE never heard of customers 1 and 2.
      for (const customerNumber of [1, 2]) {
        assert.deepStrictEqual(state[customerNumber], { relateId: "", syncFlag: "Y", ecommerceId: "" })
        assert.isUndefined(yield* orceCustomerOf(customerNumber))
      }
      for (const customerNumber of [3, 4, 5]) assert.strictEqual(state[customerNumber]?.syncFlag, "N")
      const run = (yield* runsTable).find((row) => row.runId === "sync-crashed")
      assert.strictEqual(run?.status, "completed")
      assert.deepStrictEqual(yield* syncCheckpointOf("sync-crashed"), { chunk: 4, lastCustomerNumber: 5 })
    })).pipe(Effect.provide(pipelineLayer({ CHUNK_SIZE: "2" }))))

  it.effect("REL-1 SYNC-12 an export stopped after ORCE created a customer of the open chunk resumes without creating it twice", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const mock = yield* MockOrceService
      // ORCE refusing our credentials stops the run (as a crash would) in chunk 2, after customer 3 reached ORCE.
      mock.setFaults({ failAltKeyValues: ["4"], failStatus: 401 })
      const file = tempFile(customersCsv([1, 2, 3, 4, 5].map((n) => cleanRow(n, { email: "" }))))
      const stopped = yield* Effect.exit(initialExportJob({ customers: { file }, profiles: undefined }))
      assert.isTrue(Exit.isFailure(stopped))
      const run = (yield* runsTable).find((row) => row.pipeline === "initial-export")!
      assert.strictEqual(run.status, "failed")
      assert.deepStrictEqual(yield* syncCheckpointOf(run.runId), { chunk: 1, lastCustomerNumber: 2 })
      const orphan = yield* orceCustomerOf(3)
      assert.isDefined(orphan)
      assert.strictEqual((yield* syncState)[3]?.relateId, "")
      assert.lengthOf(yield* orceCustomers, 3)

      mock.setFaults({})
      const result = yield* resumeJob(run.runId)
      assert.strictEqual(result._tag, "Resumed")
      const outcomes = yield* outcomesOf(run.runId)
      // Created by the stopped attempt, found again by its OROMS alt key, and reported as the create it was.
      assert.deepStrictEqual([outcomes[3]?.match, outcomes[3]?.outcome], ["new", "created"])
      assert.deepStrictEqual([outcomes[4]?.outcome, outcomes[5]?.outcome], ["created", "created"])
      assert.deepStrictEqual(yield* oromsHolders, ["1", "2", "3", "4", "5"])
      const state = yield* syncState
      assert.strictEqual(state[3]?.relateId, orphan!.customerId)
      assert.isTrue(Object.values(state).every((customer) => customer.syncFlag === "N"))
      assert.strictEqual((yield* runsTable).find((row) => row.runId === run.runId)?.status, "completed")
    })).pipe(Effect.provide(pipelineLayer({ CHUNK_SIZE: "2", SYNC_CONCURRENCY: "1" }))))

  it.effect("SYNC-12 a resumed run looks up the open chunk's customers by OROMS alt key before creating them", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const earlier = yield* orceHas(orceMessage({ alternateKeys: [{ type: "OROMS_ID", value: "3" }], emails: [] }))
      yield* loadCustomers([
        cleanRow(1, { relate_id: "751251999991" }),
        cleanRow(2, { relate_id: "751251999992" }),
        cleanRow(3, { email: "", sync_flag: "Y" }),
        cleanRow(4, { email: "", sync_flag: "Y" })
      ])
      yield* ledgerHasRun({ runId: "export-crashed", pipeline: "initial-export", status: "running", checkpoint: { chunk: 1, lastCustomerNumber: 2 } })

      yield* resumeJob("export-crashed")
      const outcomes = yield* outcomesOf("export-crashed")
      assert.deepStrictEqual([outcomes[3]?.match, outcomes[3]?.outcome, outcomes[3]?.relateIdAfter], ["oroms-alt-key", "updated", earlier])
      assert.deepStrictEqual([outcomes[4]?.match, outcomes[4]?.outcome], ["new", "created"])
      assert.deepStrictEqual(yield* altKeySearches, [{ type: "OROMS_ID", value: "3" }, { type: "OROMS_ID", value: "4" }])
      assert.deepStrictEqual(yield* oromsHolders, ["3", "4"])
      assert.lengthOf(yield* orceCustomers, 2)
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("SYNC-12 after an unfinished run a new sync looks every customer up by OROMS alt key first; after a completed one it does not", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const earlier = yield* orceHas(orceMessage({ alternateKeys: [{ type: "OROMS_ID", value: "1" }], emails: [] }))
      yield* loadCustomers([cleanRow(1, { email: "", sync_flag: "Y" })])
      yield* ledgerHasRun({ runId: "sync-killed", pipeline: "sync", status: "running" })

      const afterCrash = yield* syncJob()
      assert.strictEqual(afterCrash._tag, "Synced")
      if (afterCrash._tag !== "Synced") return
      const outcome = (yield* outcomesOf(afterCrash.runId))[1]
      assert.deepStrictEqual([outcome?.match, outcome?.outcome, outcome?.relateIdAfter], ["oroms-alt-key", "updated", earlier])
      assert.deepStrictEqual(yield* altKeySearches, [{ type: "OROMS_ID", value: "1" }])
      assert.lengthOf(yield* orceCustomers, 1)

      // The last run completed: nothing can have reached ORCE unrecorded, so no look-up is spent.
      yield* loadCustomers([cleanRow(2, { email: "", sync_flag: "Y" })])
      yield* syncJob()
      assert.lengthOf(yield* altKeySearches, 1)
      assert.lengthOf(yield* orceCustomers, 2)
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("SYNC-12 a customer deferred by an earlier run is looked up by OROMS alt key before it would be created", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      // The earlier run completed, but its create of customer 5 lost its answer and ended deferred.
      const earlier = yield* orceHas(orceMessage({ alternateKeys: [{ type: "OROMS_ID", value: "5" }], emails: [] }))
      yield* loadCustomers([cleanRow(5, { email: "", sync_flag: "Y" }), cleanRow(6, { email: "", sync_flag: "Y" })])
      yield* ledgerHasRun({ runId: "sync-deferred", pipeline: "sync", status: "completed" })
      const { query } = yield* Database
      yield* query("earlier deferral", (db) =>
        db.insertInto("syncOutcomes").values({
          runId: "sync-deferred",
          customerNumber: 5,
          chunk: 1,
          outcome: "deferred",
          match: "new",
          relateIdBefore: "",
          relateIdAfter: "",
          reason: "ORCE unavailable (timeout) after retries; retried next run",
          requests: 3
        }).execute())

      const next = yield* syncJob()
      assert.strictEqual(next._tag, "Synced")
      if (next._tag !== "Synced") return
      const outcomes = yield* outcomesOf(next.runId)
      assert.deepStrictEqual([outcomes[5]?.match, outcomes[5]?.relateIdAfter], ["oroms-alt-key", earlier])
      assert.strictEqual(outcomes[6]?.match, "new")
      assert.deepStrictEqual(yield* altKeySearches, [{ type: "OROMS_ID", value: "5" }])
      assert.lengthOf(yield* orceCustomers, 2)
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("REL-1 an export stopped in its load phase is loaded again from its input and synchronized, with no duplicate rejects", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const file = tempFile(customersCsv([cleanRow(1), cleanRow(2), cleanRow(3)]))
      // The first chunk of the load had committed when the run stopped: customer 1 is staged under this run.
      yield* loadCustomers([cleanRow(1)])
      const { query } = yield* Database
      yield* ledgerHasRun({ runId: "export-in-load", pipeline: "initial-export", status: "running" })
      yield* query("inputs and partial load", (db) =>
        db.updateTable("runs").set({ inputs: JSON.stringify([{ source: file }]) }).where("runId", "=", "export-in-load").execute())
      yield* query("partial load", (db) => db.updateTable("customers").set({ loadRunId: "export-in-load" }).execute())

      const result = yield* resumeJob("export-in-load")
      assert.strictEqual(result._tag, "Resumed")
      const rejects = yield* query("rejects", (db) => db.selectFrom("rejects").selectAll().where("runId", "=", "export-in-load").execute())
      assert.lengthOf(rejects, 0)
      assert.deepStrictEqual(Object.keys(yield* outcomesOf("export-in-load")), ["1", "2", "3"])
      assert.isTrue(Object.values(yield* syncState).every((customer) => customer.syncFlag === "N" && customer.relateId !== ""))
      assert.deepStrictEqual(yield* oromsHolders, ["1", "2", "3"])
      assert.strictEqual((yield* runsTable).find((row) => row.runId === "export-in-load")?.status, "completed")
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("REL-1 a completed run has nothing to resume, and nothing changes", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* loadCustomers([cleanRow(1, { sync_flag: "Y" })])
      const done = yield* syncJob()
      assert.strictEqual(done._tag, "Synced")
      if (done._tag !== "Synced") return
      yield* loadCustomers([cleanRow(2, { sync_flag: "Y" })])
      const requests = (yield* journal).length
      const runs = yield* runsTable
      const state = yield* syncState

      const result = yield* resumeJob(done.runId)
      assert.deepStrictEqual(result, { _tag: "NothingToResume", runId: done.runId })
      assert.lengthOf(yield* journal, requests)
      assert.deepStrictEqual(yield* runsTable, runs)
      assert.deepStrictEqual(yield* syncState, state)
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("REL-1 resuming a run the ledger does not hold fails with a message naming it", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const error = yield* Effect.flip(resumeJob("sync-nonexistent"))
      assert.strictEqual(error._tag, "ResumeError")
      assert.include(error.message, "sync-nonexistent")
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("the in-process mock's state file: a second export sees the ORCE the first left, and updates instead of creating", () => {
    const statePath = tempPath("mock-orce.json")
    const settings = testSettings(testFlags({ MOCK_ORCE_STATE: statePath }))
    // A fresh mock per run, as two CLI invocations would have: only the file carries ORCE over.
    const runLayer = () => Layer.merge(Layer.succeed(AppSettings, settings), mockRunLayer(settings))
    const file = tempFile(customersCsv([cleanRow(1), cleanRow(2)]))
    const exportOnce = initialExportJob({ customers: { file }, profiles: undefined }).pipe(
      Effect.flatMap((result) => result._tag === "Exported" ? Effect.succeed(result) : Effect.die(new Error(result.reason))),
      Effect.provide(runLayer())
    )
    const savedCustomers = () =>
      (JSON.parse(readFileSync(statePath, "utf8")) as { customers: ReadonlyArray<{ customerId: string }> }).customers
    return live(Effect.gen(function*() {
      yield* resetDatabase
      assert.isFalse(existsSync(statePath))
      const first = yield* exportOnce
      assert.strictEqual(first.synced.counts.created, 2)
      const afterFirst = savedCustomers()
      assert.lengthOf(afterFirst, 2)

      const second = yield* exportOnce
      assert.deepInclude(second.synced.counts, { created: 0, updated: 2 })
      const afterSecond = savedCustomers()
      assert.deepStrictEqual(afterSecond.map((customer) => customer.customerId), afterFirst.map((customer) => customer.customerId))
      const state = yield* syncState
      assert.deepStrictEqual([state[1]?.relateId, state[2]?.relateId].sort(), afterFirst.map((customer) => customer.customerId).sort())
    }))
  })
})
