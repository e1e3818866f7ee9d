import { assert } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { sql } from "kysely"
import { loadJob } from "../support/jobs.ts"
import { Database } from "../../src/db/database.ts"
import { readTable } from "../../src/sources/postgres/read-table.ts"
import { canonicalColumns, requiredColumns } from "../../src/stages/validate/index.ts"
import { cleanRow } from "../support/customers-csv.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { testSettingsLayer } from "../support/settings.ts"

const columns = ["cust_no", "last_name", "company", "street", "city", "state", "postal_code", "country", "email"] as const

/** An OACS export table with its own column names, a duplicate key and a row without a key. */
const createExportTable = (rows: ReadonlyArray<Record<string, string | number | null>>) =>
  Effect.gen(function*() {
    const { query } = yield* Database
    yield* query("create export", (db) => sql`DROP TABLE IF EXISTS oacs_export`.execute(db))
    yield* query("create export", (db) =>
      sql`CREATE TABLE oacs_export (cust_no bigint, last_name text, company text, street text, city text,
        state text, postal_code text, country text, email text, extra text)`.execute(db))
    for (const row of rows) {
      yield* query("fill export", (db) =>
        sql`INSERT INTO oacs_export (${sql.raw(columns.join(", "))})
          VALUES (${sql.join(columns.map((column) => row[column] ?? null))})`.execute(db))
    }
  })

const exportRow = (number: number | null) => {
  const row = cleanRow(number ?? 0)
  return { ...Object.fromEntries(columns.map((column) => [column, row[column] ?? ""])), cust_no: number }
}

const options = {
  knownColumns: canonicalColumns,
  requiredColumns,
  columnMapping: { cust_no: "customer_number" },
  keyColumn: "customer_number",
  pageSize: 2
}

forEachDialect("PostgreSQL export table source", (it) => {
  it.effect("reads every row in key order across pages, rows without a key first, duplicates kept", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* createExportTable([exportRow(5), exportRow(3), exportRow(null), exportRow(3), exportRow(9), exportRow(1)])
      const { query } = yield* Database
      const source = yield* readTable(query, "oacs_export", options)
      assert.deepStrictEqual(source.header.ignored, ["extra"])
      const records = Array.from(yield* Stream.runCollect(source.records))
      assert.deepStrictEqual(
        records.map((record) => record._tag === "Row" ? record.values.customer_number : "?"),
        ["", "1", "3", "3", "5", "9"]
      )
      assert.deepStrictEqual(records.map((record) => record.line), [1, 2, 3, 4, 5, 6])
      assert.strictEqual(source.progress(), 1)
    }))

  it.effect("VAL-2 refuses an export table missing required columns", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* createExportTable([])
      const { query } = yield* Database
      const error = yield* Effect.flip(readTable(query, "oacs_export", { ...options, columnMapping: {} }))
      assert.include(error.message, "table oacs_export is missing the required column customer_number")
      const missing = yield* Effect.flip(readTable(query, "no_such_table", options))
      assert.include(missing.message, "does not exist")
    }))

  it.effect("VAL-1 loads an export table: every row loaded or rejected", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* createExportTable([exportRow(5), exportRow(3), exportRow(null), exportRow(3), exportRow(9)])
      const result = yield* loadJob({ customers: { table: "oacs_export" } }).pipe(
        Effect.provide(testSettingsLayer({ COLUMNS: JSON.stringify({ cust_no: "customer_number" }), LOAD_CHUNK_SIZE: "2" }))
      )
      assert.deepStrictEqual(result.customers, { records: 5, loaded: 3, rejected: 2 })
    }))
})
