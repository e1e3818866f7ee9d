import { Effect } from "effect"
import { sql } from "kysely"
import { Database } from "./database.ts"

/**
 * Empties every staging table (the migrations' own bookkeeping kept), so the database is as a fresh one
 * would be: what a QA replay starts each dataset from, without paying for a new database each time.
 */
export const emptyStaging = Effect.gen(function*() {
  const { query } = yield* Database
  yield* query("empty staging", async (db) => {
    const tables = await sql<{ tablename: string }>`
      SELECT tablename FROM pg_tables
      WHERE schemaname = current_schema() AND tablename NOT LIKE 'kysely_migration%'
      ORDER BY tablename`.execute(db)
    if (tables.rows.length === 0) return
    const names = tables.rows.map((row) => `"${row.tablename}"`).join(", ")
    await sql`TRUNCATE ${sql.raw(names)} RESTART IDENTITY`.execute(db)
  })
})
