import { type Kysely, sql } from "kysely"

// What a merge set has to maintain for every row it moves (issue 15, throughput).
//
// - Activity keeps one index a move needs (by site use) and the primary key. The count by customer (DUP-5)
//   is one grouped count over the whole table, which reads the table anyway; its index only cost each move.
// - The foreign key from activity to site uses is dropped: it checked each moved row against site_uses, and
//   the merge set's own statements guarantee it — an activity row moves only onto a use the set has just read
//   or copied, under the lock the set holds on its customers (apply-merges.ts), and the load inserts an
//   activity row only joined to its site use (site-tables.ts).
// - Sites and site uses leave room on each page, so inactivating them (a status no index holds) updates the
//   row in place instead of writing a new entry into every index; activity leaves some too, so a moved row's
//   new version stays on its page (a fifth less time per move, measured).
// - A run that ended without saying so (a batch killed with -9) is ended by whoever finds it dead; the run
//   ledger keeps why, since nothing else would tell.
// - The ORCE follow-up after each set finds the run's pending merges by a small index of those alone,
//   instead of reading every result line the run has written so far.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE activity DROP CONSTRAINT IF EXISTS activity_site_use_id_fkey`.execute(db)
  await sql`DROP INDEX IF EXISTS activity_by_customer`.execute(db)
  await sql`ALTER TABLE sites SET (fillfactor = 80)`.execute(db)
  await sql`ALTER TABLE site_uses SET (fillfactor = 80)`.execute(db)
  await sql`ALTER TABLE activity SET (fillfactor = 85)`.execute(db)
  await sql`ALTER TABLE runs ADD COLUMN end_reason text`.execute(db)
  await sql`CREATE INDEX merge_results_pending ON merge_results (run_id) WHERE orce_merge = 'pending'`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS merge_results_pending`.execute(db)
  await sql`ALTER TABLE runs DROP COLUMN IF EXISTS end_reason`.execute(db)
  await sql`ALTER TABLE activity RESET (fillfactor)`.execute(db)
  await sql`ALTER TABLE site_uses RESET (fillfactor)`.execute(db)
  await sql`ALTER TABLE sites RESET (fillfactor)`.execute(db)
  await sql`CREATE INDEX IF NOT EXISTS activity_by_customer ON activity (customer_number)`.execute(db)
  await sql`ALTER TABLE activity ADD CONSTRAINT activity_site_use_id_fkey FOREIGN KEY (site_use_id) REFERENCES site_uses`.execute(db)
}
