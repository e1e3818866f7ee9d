import { PGlite } from "@electric-sql/pglite"
import { describe, expect, it } from "vitest"
import { Kysely, PGliteDialect, PostgresDialect, sql } from "kysely"
import pg from "pg"
import { migrateTo, migrateToLatest } from "../../src/db/migrate.ts"
import { postgresUrl } from "../support/databases.ts"

/**
 * Migrations 0014 and 0015 on a database that already holds activity, some of it moved by earlier merges. 0014:
 * every row's origin is where it is now, and each use holding activity is its own origin's place, so the next
 * merge finds all of it. 0015: the rows keep only their origin, and the activity view puts them where they were.
 */
const databases: ReadonlyArray<{ name: string; skip: boolean; open: () => Promise<{ db: Kysely<any>; schema?: string; close: () => Promise<void> }> }> = [
  {
    name: "pglite",
    skip: false,
    open: async () => {
      const pglite = new PGlite()
      const db = new Kysely<any>({ dialect: new PGliteDialect({ pglite }) })
      return { db, close: () => db.destroy() }
    }
  },
  {
    name: "postgres",
    skip: postgresUrl === undefined,
    open: async () => {
      const schema = `migration_${process.pid}_${Date.now().toString(36)}`
      const admin = new pg.Client({ connectionString: postgresUrl })
      await admin.connect()
      await admin.query(`CREATE SCHEMA "${schema}"`)
      const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: postgresUrl, options: `-c search_path="${schema}"` }) }) })
      return {
        db,
        schema,
        close: async () => {
          await db.destroy()
          await admin.query(`DROP SCHEMA "${schema}" CASCADE`).finally(() => admin.end())
        }
      }
    }
  }
]

for (const database of databases) {
  describe.skipIf(database.skip)(`migration 0014 activity origins [${database.name}]`, () => {
    it("MRG-7 activity loaded and moved before the migration keeps its place, and each place becomes its own origin", async () => {
      const { db, schema, close } = await database.open()
      try {
        await migrateTo(db, "0013_merge_request_writes", schema)
        // Row 2 was loaded on use 100 and moved to use 200 by a merge; rows 1 and 3 never moved.
        await sql`INSERT INTO activity (activity_id, kind, customer_number, site_use_id) VALUES (1, 'order', 1, 100), (2, 'invoice', 2, 200), (3, 'order', 2, 200)`
          .execute(db)
        await migrateTo(db, "0014_activity_origins", schema)
        const rows = await sql<{ activity_id: string; site_use_id: string; origin_use_id: string }>`
          SELECT activity_id, site_use_id, origin_use_id FROM activity ORDER BY activity_id`.execute(db)
        expect(rows.rows.map((row) => [Number(row.activity_id), Number(row.site_use_id), Number(row.origin_use_id)])).toEqual([[1, 100, 100], [2, 200, 200], [3, 200, 200]])
        const origins = await sql<{ origin_use_id: string; site_use_id: string }>`
          SELECT origin_use_id, site_use_id FROM activity_origins ORDER BY origin_use_id`.execute(db)
        expect(origins.rows.map((row) => [Number(row.origin_use_id), Number(row.site_use_id)])).toEqual([[100, 100], [200, 200]])
        const indexes = await sql<{ indexname: string }>`
          SELECT indexname FROM pg_indexes WHERE tablename = 'activity' AND schemaname = current_schema() ORDER BY indexname`.execute(db)
        expect(indexes.rows.map((row) => row.indexname)).toEqual(["activity_by_origin", "activity_pkey"])
      } finally {
        await close()
      }
    }, 60_000)
  })

  describe.skipIf(database.skip)(`migration 0015 activity rows [${database.name}]`, () => {
    it("MRG-7 activity loaded and moved before the migration is where it was, with its use's customer, through the activity view", async () => {
      const { db, schema, close } = await database.open()
      try {
        await migrateTo(db, "0014_activity_origins", schema)
        await sql`INSERT INTO customers (customer_number, party_type, load_run_id) VALUES (1, 'I', 'load'), (2, 'I', 'load')`.execute(db)
        await sql`INSERT INTO sites (site_id, customer_number, operating_unit) VALUES (10, 1, 'OU1'), (15, 1, 'OU1'), (20, 2, 'OU1')`.execute(db)
        await sql`INSERT INTO site_uses (site_use_id, site_id, customer_number, operating_unit, use_type, location)
          VALUES (100, 10, 1, 'OU1', 'BILL_TO', 'L100'), (150, 15, 1, 'OU1', 'SHIP_TO', 'L150'), (200, 20, 2, 'OU1', 'SHIP_TO', 'L200')`.execute(db)
        // Rows 2 and 3 were loaded on use 150 and moved to use 200, customer 2's, by a merge; row 1 never moved.
        await sql`INSERT INTO activity (activity_id, kind, customer_number, site_use_id, origin_use_id)
          VALUES (1, 'order', 1, 100, 100), (2, 'invoice', 2, 200, 150), (3, 'order', 2, 200, 150)`.execute(db)
        await sql`INSERT INTO activity_origins (origin_use_id, site_use_id) VALUES (100, 100), (150, 200)`.execute(db)
        await migrateToLatest(db, schema)
        const rows = await sql<{ activity_id: string; customer_number: number; site_use_id: string; origin_use_id: string }>`
          SELECT activity_id, customer_number, site_use_id, origin_use_id FROM activity ORDER BY activity_id`.execute(db)
        expect(rows.rows.map((row) => [Number(row.activity_id), row.customer_number, Number(row.site_use_id), Number(row.origin_use_id)]))
          .toEqual([[1, 1, 100, 100], [2, 2, 200, 150], [3, 2, 200, 150]])
        const columns = await sql<{ column_name: string }>`
          SELECT column_name FROM information_schema.columns WHERE table_name = 'activity_rows' AND table_schema = current_schema()
          ORDER BY ordinal_position`.execute(db)
        expect(columns.rows.map((row) => row.column_name)).toEqual(["activity_id", "kind", "document", "amount", "origin_use_id"])
      } finally {
        await close()
      }
    }, 60_000)
  })
}
