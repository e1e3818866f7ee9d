import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { sql } from "kysely"
import { readFlaggedCustomers, refreshCustomerStatistics } from "../../src/db/customers.ts"
import { Database } from "../../src/db/database.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"

/** Customers 1..n straight into staging, flag N; odd numbers have a birth month, even ones none. */
const seedCustomers = (n: number) =>
  Effect.gen(function*() {
    const { query } = yield* Database
    yield* query("seed", (db) =>
      sql`
        INSERT INTO customers (customer_number, party_type, last_name, birth_month, load_run_id)
        SELECT i, 'I', 'Name ' || i, CASE WHEN i % 2 = 1 THEN 5 END, 'seed' FROM generate_series(1, ${n}::integer) AS i`
        .execute(db))
  })

const seedRun = (runId: string, startedAt: string, outcomes: ReadonlyArray<readonly [number, string]>) =>
  Effect.gen(function*() {
    const { query } = yield* Database
    yield* query("seed run", (db) =>
      db.insertInto("runs").values({
        runId,
        pipeline: "sync",
        status: "completed",
        settings: "{}",
        inputs: "[]",
        counts: "{}",
        startedAt: new Date(startedAt)
      }).execute())
    for (const [customerNumber, outcome] of outcomes) {
      yield* query("seed outcome", (db) =>
        db.insertInto("syncOutcomes").values({
          runId,
          customerNumber,
          chunk: 1,
          outcome: outcome as never,
          match: "new",
          relateIdBefore: "",
          relateIdAfter: "",
          reason: "",
          requests: 1
        })
          .execute())
    }
  })

forEachDialect("staging queries of the sync step", (it) => {
  it.effect("SYNC-2 flagged customers are read in customer-number order, a chunk at a time, with every field", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const { query } = yield* Database
      yield* seedCustomers(25)
      yield* query("flag all", (db) => sql`UPDATE customers SET sync_flag = 'Y'`.execute(db))
      yield* refreshCustomerStatistics
      const { customers: first } = yield* readFlaggedCustomers(0, 10)
      const { customers: last } = yield* readFlaggedCustomers(20, 10)
      assert.deepStrictEqual(first.map((customer) => customer.customerNumber), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      assert.deepStrictEqual(last.map((customer) => customer.customerNumber), [21, 22, 23, 24, 25])
      assert.deepStrictEqual((yield* readFlaggedCustomers(25, 10)).customers, [])
      const [one, two] = first
      assert.strictEqual(one!.lastName, "Name 1")
      assert.strictEqual(one!.birthMonth, 5)
      assert.strictEqual(two!.birthMonth, null)
      assert.strictEqual(one!.syncFlag, "Y")
      assert.strictEqual(one!.emailOptIn, "N")
    }))

  it.effect("SYNC-2 customers not flagged are not read", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const { query } = yield* Database
      yield* seedCustomers(6)
      yield* query("flag some", (db) => sql`UPDATE customers SET sync_flag = 'Y' WHERE customer_number IN (2, 5)`.execute(db))
      const { customers: read } = yield* readFlaggedCustomers(0, 10)
      assert.deepStrictEqual(read.map((customer) => customer.customerNumber), [2, 5])
    }))

  it.effect("SYNC-12 a flagged customer whose latest outcome in an earlier run was deferred is marked for a lookup; one done later is not", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const { query } = yield* Database
      yield* seedCustomers(6)
      yield* query("flag all", (db) => sql`UPDATE customers SET sync_flag = 'Y'`.execute(db))
      yield* seedRun("sync-a", "2026-11-01T01:00:00Z", [[1, "deferred"], [2, "deferred"], [3, "created"], [4, "deferred"]])
      yield* seedRun("sync-b", "2026-11-02T01:00:00Z", [[1, "updated"], [3, "deferred"], [4, "deferred"], [6, "deferred"]])
      const { deferredBefore } = yield* readFlaggedCustomers(0, 5)
      assert.deepStrictEqual([...deferredBefore].sort(), [2, 3, 4])
      assert.deepStrictEqual([...(yield* readFlaggedCustomers(4, 5)).deferredBefore], [6])
    }))
})
