import { type Kysely, sql } from "kysely"

// Moving activity in place (issue 15, throughput). A merge set moves every activity row of its from-customers,
// and an update that changes an indexed column writes a new entry into every index of the table for each row:
// with the index by site use, moving a row cost three times what updating it in place does. Activity now keeps
// the site use it was loaded on (origin_use_id), which never changes and is what the index holds; where each
// origin's activity is now is one row of activity_origins, and every row loaded on one use is always on the
// same use (a merge moves all activity on a use at once). A move updates those few origin rows, then the
// activity rows by origin: only columns no index holds change, so PostgreSQL updates each row in place (a HOT
// update) when its page has room, and activity leaves 30% of each page for that.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE activity ADD COLUMN origin_use_id bigint`.execute(db)
  await sql`UPDATE activity SET origin_use_id = site_use_id`.execute(db)
  await sql`ALTER TABLE activity ALTER COLUMN origin_use_id SET NOT NULL`.execute(db)
  await sql`
    CREATE TABLE activity_origins (
      origin_use_id bigint PRIMARY KEY,
      site_use_id   bigint NOT NULL
    )`.execute(db)
  await sql`INSERT INTO activity_origins (origin_use_id, site_use_id) SELECT DISTINCT site_use_id, site_use_id FROM activity`.execute(db)
  await sql`CREATE INDEX activity_origins_by_use ON activity_origins (site_use_id)`.execute(db)
  await sql`DROP INDEX IF EXISTS activity_by_site_use`.execute(db)
  await sql`CREATE INDEX activity_by_origin ON activity (origin_use_id)`.execute(db)
  await sql`ALTER TABLE activity SET (fillfactor = 70)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE activity SET (fillfactor = 85)`.execute(db)
  await sql`DROP INDEX IF EXISTS activity_by_origin`.execute(db)
  await sql`CREATE INDEX IF NOT EXISTS activity_by_site_use ON activity (site_use_id)`.execute(db)
  await sql`DROP TABLE IF EXISTS activity_origins`.execute(db)
  await sql`ALTER TABLE activity DROP COLUMN IF EXISTS origin_use_id`.execute(db)
}
