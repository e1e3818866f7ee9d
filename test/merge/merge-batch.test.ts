import { assert } from "@effect/vitest"
import { spawnSync } from "node:child_process"
import { hostname } from "node:os"
import { Effect } from "effect"
import { sql } from "kysely"
import { Database } from "../../src/db/database.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { live, orceCustomer, orceHas, orceMessage, pipelineLayer } from "../sync/harness.ts"
import { activityOf, customerRow, type CustomerSpec, given, mergedState, request, requests, runBatch, submit, usesOf } from "./fixtures.ts"

/** MRG-8, MRG-9, MRG-11: the merge batch, its sets, its crashes and its ORCE follow-up. */

const survivor: CustomerSpec = { number: 1, sites: [{ id: 10, uses: [{ id: 100, type: "BILL_TO", primary: true }] }] }
/** Customer `number` with one bill-to site of its own, IDs from its number. */
const duplicate = (number: number, activity = 1): CustomerSpec => ({
  number,
  sites: [{ id: number * 10, uses: [{ id: number * 10, type: "BILL_TO", activity }] }]
})

const setsOf = (runId: string) =>
  Effect.gen(function*() {
    const { query } = yield* Database
    return yield* query("sets", (db) =>
      db.selectFrom("mergeSets").select(["setNumber", "requests", "completed", "failed"]).where("runId", "=", runId).orderBy("setNumber").execute())
  })

/** A batch killed with -9 holding requests 1 (PROCESSING) and 2 (IN_PROGRESS): its run still says running, its process is gone. */
const deadBatch = Effect.gen(function*() {
  const deadPid = spawnSync(process.execPath, ["-e", ""]).pid!
  const { query } = yield* Database
  yield* query("a dead batch", async (db) => {
    await db.insertInto("runs").values({
      runId: "merge-dead",
      pipeline: "merge",
      status: "running",
      settings: "{}",
      inputs: "[]",
      counts: "{}",
      checkpoint: null,
      parameters: "{}",
      orceTarget: null,
      startedAt: new Date()
    }).execute()
    await db.insertInto("mergeBatches").values({ runId: "merge-dead", priority: null, commitSize: 1000, host: hostname(), pid: deadPid, heartbeatAt: new Date() }).execute()
    await db.updateTable("mergeRequests").set({ processFlag: "PROCESSING", batchRunId: "merge-dead" }).where("id", "=", 1).execute()
    await db.updateTable("mergeRequests").set({ processFlag: "IN_PROGRESS", batchRunId: "merge-dead" }).where("id", "=", 2).execute()
  })
  return deadPid
})

forEachDialect("merge batch", (it) => {
  it.effect("MRG-9 2,500 requests at commit size 1,000 run in 3 sets, by priority then age", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const numbers = Array.from({ length: 2500 }, (_, index) => 1000 + index)
      yield* given([survivor, ...numbers.map((number) => duplicate(number, 0))])
      // The last 10 are P1: they go first, in the first set.
      yield* submit(...numbers.map((number, index) => request(number, 1, { priority: index >= 2490 ? "P1" : "P2" })))
      const batch = yield* runBatch(1000)
      assert.strictEqual(batch.sets, 3)
      assert.deepStrictEqual((yield* setsOf(batch.runId)).map((set) => set.requests), [1000, 1000, 500])
      assert.strictEqual(batch.counts.written, 2500)
      const { query } = yield* Database
      const firstSet = yield* query("first set", (db) =>
        sql<{ id: number }>`SELECT request_id AS id FROM merge_results r JOIN merge_requests q ON q.id = r.request_id
          WHERE q.priority = 'P1' ORDER BY 1`.execute(db))
      assert.lengthOf(firstSet.rows, 10)
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-9 a customer whose site uses would straddle a set boundary stays in one set", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const split: CustomerSpec = {
        number: 3,
        sites: [
          { id: 30, ou: "OU1", uses: [{ id: 300, type: "BILL_TO", activity: 1 }] },
          { id: 31, ou: "OU2", uses: [{ id: 310, type: "BILL_TO", activity: 1 }] },
          { id: 32, ou: "OU2", uses: [{ id: 320, type: "BILL_TO", activity: 1 }] }
        ]
      }
      yield* given([survivor, duplicate(2), split, duplicate(4)])
      yield* submit(
        request(2, 1),
        request(3, 1, { operatingUnit: "OU1" }),
        request(4, 1),
        request(3, 3, { mappings: [{ fromSite: 31, toSite: 32, location: null }] })
      )
      const batch = yield* runBatch(2)
      assert.deepStrictEqual((yield* setsOf(batch.runId)).map((set) => set.requests), [3, 1])
      assert.deepStrictEqual((yield* requests).map((row) => row.processFlag), ["COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED"])
      assert.deepStrictEqual((yield* activityOf(3)).map((row) => row.siteUseId), [320, 320])
      assert.strictEqual((yield* customerRow(3))?.status, "A")
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-9 requests stuck in PROCESSING or IN_PROGRESS by a batch that is no longer running go back to SAVED by themselves", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* given([survivor, duplicate(2), duplicate(3)])
      yield* submit(request(2, 1), request(3, 1))
      yield* deadBatch
      const batch = yield* runBatch()
      assert.strictEqual(batch.counts.written, 2)
      const rows = yield* requests
      assert.deepStrictEqual(rows.map((row) => [row.processFlag, row.batchRunId]), [["COMPLETED", batch.runId], ["COMPLETED", batch.runId]])
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-9 a batch killed with -9 is ended in the run ledger, interrupted, with why, by the batch that puts its requests back", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* given([survivor, duplicate(2), duplicate(3)])
      yield* submit(request(2, 1), request(3, 1))
      const deadPid = yield* deadBatch
      const { query } = yield* Database
      yield* query("its running step", (db) =>
        db.insertInto("stepExecutions").values({ runId: "merge-dead", step: "merge", position: 0, status: "running", startedAt: new Date() }).execute())
      const batch = yield* runBatch()
      const run = yield* query("the dead run", (db) =>
        db.selectFrom("runs").select(["status", "endedAt", "endReason"]).where("runId", "=", "merge-dead").executeTakeFirstOrThrow())
      assert.strictEqual(run.status, "interrupted")
      assert.isNotNull(run.endedAt)
      assert.strictEqual(
        run.endReason,
        `its process ${deadPid} on ${hostname()} is no longer running (killed or crashed); merge batch ${batch.runId} found it and put its 2 unfinished merge requests back to SAVED (MRG-9)`
      )
      const step = yield* query("its step", (db) =>
        db.selectFrom("stepExecutions").select(["status"]).where("runId", "=", "merge-dead").executeTakeFirstOrThrow())
      assert.strictEqual(step.status, "interrupted")
      // The batch that found it ends its own run as it should: completed, no reason to give.
      const own = yield* query("the batch's run", (db) =>
        db.selectFrom("runs").select(["status", "endReason"]).where("runId", "=", batch.runId).executeTakeFirstOrThrow())
      assert.deepStrictEqual(own, { status: "completed", endReason: null })
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-9 two batches started together merge each request once", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const numbers = Array.from({ length: 200 }, (_, index) => 1000 + index)
      yield* given([survivor, ...numbers.map((number) => duplicate(number, 2))])
      yield* submit(...numbers.map((number) => request(number, 1)))
      const [a, b] = yield* Effect.all([runBatch(20), runBatch(20)], { concurrency: 2 })
      assert.strictEqual(a!.counts.read + b!.counts.read, 200)
      assert.strictEqual(a!.counts.written + b!.counts.written, 200)
      const { query } = yield* Database
      const results = yield* query("results", (db) =>
        sql<{ request_id: number; runs: string }>`SELECT request_id, count(DISTINCT run_id)::text AS runs FROM merge_results GROUP BY 1`.execute(db))
      assert.lengthOf(results.rows, 200)
      assert.isTrue(results.rows.every((row) => row.runs === "1"))
      assert.lengthOf(yield* activityOf(1), 400)
      assert.isTrue((yield* requests).every((row) => row.processFlag === "COMPLETED"))
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-9 a set that merges away a customer the set before merged into merges what that set committed, as one set would", () =>
    live(Effect.gen(function*() {
      // 2 into 1 copies 2's statements site onto 1 (create same site); the next set merges 1 into 3, copy and all.
      const customers: ReadonlyArray<CustomerSpec> = [
        survivor,
        { number: 2, sites: [{ id: 20, uses: [{ id: 200, type: "STATEMENTS", activity: 2 }] }] },
        { number: 3, sites: [{ id: 30, uses: [{ id: 300, type: "BILL_TO", activity: 1 }, { id: 310, type: "STATEMENTS" }] }] },
        duplicate(4)
      ]
      const chain = [request(2, 1, { createSameSite: true }), request(1, 3), request(4, 3)]
      const endOf = (commitSize: number) =>
        Effect.gen(function*() {
          yield* resetDatabase
          yield* given(customers)
          yield* submit(...chain)
          const batch = yield* runBatch(commitSize)
          return { sets: batch.sets, state: yield* mergedState }
        })
      const setBySet = yield* endOf(1)
      const together = yield* endOf(1000)
      assert.strictEqual(setBySet.sets, 3)
      assert.strictEqual(together.sets, 1)
      assert.deepStrictEqual(setBySet.state, together.state)
      assert.deepStrictEqual((yield* requests).map((row) => row.processFlag), ["COMPLETED", "COMPLETED", "COMPLETED"])
      // Nothing is left on 1 or its copy of 2's site: every use closed, all activity on 3.
      assert.isTrue((yield* usesOf(1)).every((use) => use.status === "I"))
      assert.lengthOf(yield* activityOf(1), 0)
      // 4000 from 4's bill-to, 20000 and 20001 from 2's statements by way of 1's copy, 30000 3's own.
      assert.deepStrictEqual((yield* activityOf(3)).map((row) => [row.activityId, row.siteUseId]), [[4000, 300], [20000, 310], [20001, 310], [30000, 300]])
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-11 when both customers have Relate IDs, ORCE merges the from-customer's record into the survivor's", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const survivorId = yield* orceHas(orceMessage({ lastName: "SURVIVOR" }))
      const fromId = yield* orceHas(orceMessage({ lastName: "DUPLICATE", emails: [{ type: "HOME", primary: true, address: "dup@example.com" }] }))
      yield* given([{ ...survivor, relateId: survivorId }, { ...duplicate(2), relateId: fromId }])
      yield* submit(request(2, 1))
      const batch = yield* runBatch()
      assert.strictEqual((yield* orceCustomer(fromId)).customerId, survivorId)
      const { query } = yield* Database
      const result = yield* query("result", (db) =>
        db.selectFrom("mergeResults").select(["orceMerge"]).where("runId", "=", batch.runId).executeTakeFirstOrThrow())
      assert.strictEqual(result.orceMerge, "merged")
      assert.strictEqual((yield* customerRow(1))?.syncFlag, "Y")
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("MRG-11 an ORCE that refuses the merge leaves the survivor flagged and the local merge committed", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const survivorId = yield* orceHas(orceMessage({ lastName: "SURVIVOR" }))
      yield* given([{ ...survivor, relateId: survivorId }, { ...duplicate(2), relateId: "NOT-IN-ORCE" }])
      yield* submit(request(2, 1))
      const batch = yield* runBatch()
      const { query } = yield* Database
      const result = yield* query("result", (db) =>
        db.selectFrom("mergeResults").select(["orceMerge"]).where("runId", "=", batch.runId).executeTakeFirstOrThrow())
      assert.match(result.orceMerge!, /^failed: /)
      assert.strictEqual((yield* requests)[0]!.processFlag, "COMPLETED")
      assert.strictEqual((yield* customerRow(1))?.syncFlag, "Y")
      assert.strictEqual((yield* customerRow(2))?.status, "I")
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("MRG-11 the merged-away customer is no longer flagged for ORCE: only the survivor is sent, so the duplicate cannot take the survivor's record by email", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* given([survivor, duplicate(2)])
      const { query } = yield* Database
      // Flagged as a night's load flags a new or changed customer.
      yield* query("flag both", (db) => db.updateTable("customers").set({ syncFlag: "Y" }).execute())
      yield* submit(request(2, 1))
      yield* runBatch()
      assert.deepStrictEqual([(yield* customerRow(1))?.syncFlag, (yield* customerRow(2))?.syncFlag], ["Y", "N"])
      assert.strictEqual((yield* customerRow(2))?.status, "I")
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-7 the survivorship values duplicate detection chose are applied to the survivor", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* given([survivor, duplicate(2)])
      const { query } = yield* Database
      const now = new Date()
      yield* query("a dedupe request", (db) =>
        db.insertInto("mergeRequests").values({
          fromCustomer: 2,
          toCustomer: 1,
          reason: "De-duplication",
          priority: "P2",
          operatingUnit: null,
          afterMerge: "inactivate",
          createSameSite: false,
          probability: 0.97,
          clusterId: 1,
          survivorship: JSON.stringify([
            { group: "address", from: 2, rule: "mostComplete", values: { street: "99 NEW ST", city: "CHICAGO" } },
            { group: "birthDate", from: 2, rule: "mostComplete", values: { birthMonth: 4, birthDay: 2 } }
          ]),
          createdByRun: null,
          batchRunId: null,
          createdAt: now,
          updatedAt: now,
          processedAt: null
        }).execute())
      yield* runBatch()
      const row = yield* query("survivor", (db) =>
        db.selectFrom("customers").select(["street", "city", "birthMonth", "birthDay", "email"]).where("customerNumber", "=", 1).executeTakeFirstOrThrow())
      assert.deepStrictEqual(row, { street: "99 NEW ST", city: "CHICAGO", birthMonth: 4, birthDay: 2, email: "ada1@example.com" })
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))
})
