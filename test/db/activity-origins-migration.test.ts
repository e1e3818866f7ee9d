import { PGlite } from "@electric-sql/pglite"
import { describe, expect, it } from "vitest"
import { Kysely, PGliteDialect, PostgresDialect, sql } from "kysely"
import pg from "pg"
import { migrateTo, migrateToLatest } from "../../src/db/migrate.ts"
import { postgresUrl } from "../support/databases.ts"

/**
 * Migration 0014 on a database that already holds activity, some of it moved by earlier merges: every row's
 * origin is where it is now, and each use holding activity is its own origin's place, so the next merge finds
 * all of it.
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
        await migrateToLatest(db, schema)
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
}
