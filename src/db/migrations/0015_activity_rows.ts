import { type Kysely, sql } from "kysely"

// Activity that moves without being written (issue 15, throughput). Since 0014 every row loaded on one use is on
// the same use as all the others, and activity_origins says which. The rows' own copy of that use and of its
// customer only repeated it: a merge set still rewrote 20 rows per from-use to keep them equal, most of a set's
// time. The rows, as loaded, are now activity_rows (origin_use_id is the use they were loaded on), and the
// `activity` view gives each row where it is now: its origin's use, and that use's customer. A merge moves a
// from-use's activity by updating its activity_origins rows alone.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE activity RENAME TO activity_rows`.execute(db)
  await sql`ALTER TABLE activity_rows DROP COLUMN customer_number, DROP COLUMN site_use_id`.execute(db)
  // Merges no longer update the rows: only a load does, so pages are filled again as they are rewritten.
  await sql`ALTER TABLE activity_rows RESET (fillfactor)`.execute(db)
  await sql`
    CREATE VIEW activity AS
    SELECT r.activity_id, r.kind, u.customer_number, o.site_use_id, r.origin_use_id, r.document, r.amount
    FROM activity_rows AS r
    JOIN activity_origins AS o ON o.origin_use_id = r.origin_use_id
    JOIN site_uses AS u ON u.site_use_id = o.site_use_id`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP VIEW IF EXISTS activity`.execute(db)
  await sql`ALTER TABLE activity_rows ADD COLUMN customer_number integer, ADD COLUMN site_use_id bigint`.execute(db)
  await sql`
    UPDATE activity_rows AS r SET site_use_id = o.site_use_id, customer_number = u.customer_number
    FROM activity_origins AS o JOIN site_uses AS u ON u.site_use_id = o.site_use_id
    WHERE o.origin_use_id = r.origin_use_id`.execute(db)
  await sql`ALTER TABLE activity_rows ALTER COLUMN customer_number SET NOT NULL, ALTER COLUMN site_use_id SET NOT NULL`.execute(db)
  await sql`ALTER TABLE activity_rows RENAME TO activity`.execute(db)
  await sql`ALTER TABLE activity SET (fillfactor = 70)`.execute(db)
}
