import { type Kysely, sql } from "kysely"

// SYNC-12 across runs looks up, per chunk, which customers an earlier run deferred. Deferrals are rare, so a
// partial index finds them without scanning every outcome of every run.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX sync_outcomes_deferred ON sync_outcomes (customer_number) WHERE outcome = 'deferred'`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS sync_outcomes_deferred`.execute(db)
}
