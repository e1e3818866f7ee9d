import { type Kysely, sql } from "kysely"

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per customer a sync run decided about: what happened and why (RPT-3).
  await sql`
    CREATE TABLE sync_outcomes (
      run_id           text    NOT NULL REFERENCES runs ON DELETE CASCADE,
      customer_number  integer NOT NULL,
      chunk            integer NOT NULL,
      outcome          text    NOT NULL CHECK (outcome IN
                         ('created', 'updated', 'relate-id-changed', 'deferred', 'failed', 'skipped')),
      match            text    NOT NULL,
      relate_id_before text    NOT NULL DEFAULT '',
      relate_id_after  text    NOT NULL DEFAULT '',
      reason           text    NOT NULL DEFAULT '',
      requests         integer NOT NULL DEFAULT 0,
      PRIMARY KEY (run_id, customer_number)
    )`.execute(db)

  // Each committed chunk: the checkpoint a resumed run continues after, and the run's throughput over time.
  await sql`
    CREATE TABLE run_chunks (
      run_id               text        NOT NULL REFERENCES runs ON DELETE CASCADE,
      chunk                integer     NOT NULL,
      last_customer_number integer     NOT NULL,
      customers            integer     NOT NULL,
      committed_at         timestamptz NOT NULL,
      PRIMARY KEY (run_id, chunk)
    )`.execute(db)

  await sql`
    CREATE TABLE truncations (
      run_id          text    NOT NULL REFERENCES runs ON DELETE CASCADE,
      customer_number integer NOT NULL,
      field           text    NOT NULL,
      before          text    NOT NULL,
      after           text    NOT NULL,
      PRIMARY KEY (run_id, customer_number, field)
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS truncations, run_chunks, sync_outcomes`.execute(db)
}
