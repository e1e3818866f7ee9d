import { type Kysely, sql } from "kysely"

// The contract between duplicate detection (which writes requests with flag SAVED) and the merge engine
// (which takes them). Site mappings, sites, site uses and activity come with the merge engine's migration.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE merge_requests (
      id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      from_customer    integer     NOT NULL,
      to_customer      integer     NOT NULL,
      reason           text        NOT NULL CHECK (reason IN ('De-duplication', 'Merger')),
      priority         text        NOT NULL CHECK (priority IN ('P1', 'P2', 'P3')),
      operating_unit   text,
      after_merge      text        NOT NULL DEFAULT 'inactivate' CHECK (after_merge IN ('inactivate', 'delete')),
      create_same_site boolean     NOT NULL DEFAULT false,
      probability      double precision CHECK (probability BETWEEN 0 AND 1),
      cluster_id       integer,
      survivorship     jsonb,
      process_flag     text        NOT NULL DEFAULT 'SAVED'
        CHECK (process_flag IN ('SAVED', 'PROCESSING', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'REJECTED')),
      error_message    text,
      -- The run that wrote the request (a dedupe run or a submission) and the merge batch that took it.
      created_by_run   text,
      batch_run_id     text,
      created_at       timestamptz NOT NULL,
      updated_at       timestamptz NOT NULL,
      processed_at     timestamptz
    )`.execute(db)

  // MRG-9: a batch takes SAVED requests by priority, then age.
  await sql`CREATE INDEX merge_requests_to_take ON merge_requests (priority, created_at, id) WHERE process_flag = 'SAVED'`
    .execute(db)
  // One open request per pair: a second dedupe run over the same data proposes nothing twice.
  await sql`
    CREATE UNIQUE INDEX merge_requests_open_pair ON merge_requests (from_customer, to_customer)
    WHERE process_flag IN ('SAVED', 'PROCESSING', 'IN_PROGRESS')`.execute(db)
  // MRG-13: past merges by customer.
  await sql`CREATE INDEX merge_requests_by_from ON merge_requests (from_customer)`.execute(db)
  await sql`CREATE INDEX merge_requests_by_to ON merge_requests (to_customer)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS merge_requests`.execute(db)
}
