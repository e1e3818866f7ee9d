import { type Kysely, sql } from "kysely"

// A merge batch moves each request's flag three times (PROCESSING, IN_PROGRESS, COMPLETED), and a flag is in
// the conditions of the queue's partial indexes, so each move writes a new entry into every index of the table
// (issue 15, throughput). The index by to-customer was one of them and no query reads it: past merges by
// customer are read from merge_results (MRG-13), and requests are looked up by their from-customer.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS merge_requests_by_to`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS merge_requests_by_to ON merge_requests (to_customer)`.execute(db)
}
