import { type Kysely, sql } from "kysely"

// What an incremental duplicate detection run starts from: the model it reuses, the clusters whose IDs it
// keeps, each customer's fingerprint (to find the new and changed ones by content: every load rewrites
// load_run_id), the review pairs each run listed and the decisions people made on them.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The Fellegi–Sunter model of each run, estimated or reused (DUP-2); the last saved (highest id) is the one
  // a run reuses: two runs can start in the same clock tick.
  await sql`
    CREATE TABLE dedupe_models (
      id        integer     GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      run_id    text        NOT NULL UNIQUE,
      model     jsonb       NOT NULL,
      estimated boolean     NOT NULL,
      saved_at  timestamptz NOT NULL
    )`.execute(db)

  // DUP-4: a cluster keeps its ID from run to run; one absorbed by another (two clusters joined) stays, to say where it went.
  await sql`
    CREATE TABLE dedupe_clusters (
      id              integer     PRIMARY KEY,
      status          text        NOT NULL CHECK (status IN ('active', 'absorbed', 'dissolved')),
      survivor        integer     NOT NULL,
      survivor_reason text        NOT NULL,
      created_by_run  text        NOT NULL,
      updated_by_run  text        NOT NULL,
      absorbed_into   integer     REFERENCES dedupe_clusters (id),
      absorbed_by_run text,
      CHECK ((status = 'absorbed') = (absorbed_into IS NOT NULL))
    )`.execute(db)

  // Members of the active clusters only: a customer is in one cluster at most.
  await sql`
    CREATE TABLE dedupe_cluster_members (
      cluster_id      integer          NOT NULL REFERENCES dedupe_clusters (id),
      customer_number integer          NOT NULL,
      -- The member's match probability with the survivor (1 for the survivor).
      probability     double precision NOT NULL CHECK (probability BETWEEN 0 AND 1),
      added_by_run    text             NOT NULL,
      PRIMARY KEY (cluster_id, customer_number)
    )`.execute(db)
  await sql`CREATE UNIQUE INDEX dedupe_cluster_members_customer ON dedupe_cluster_members (customer_number)`.execute(db)

  // A digest of the fields dedupe compares, as the run that last saw them: a different digest is a changed customer.
  await sql`
    CREATE TABLE dedupe_fingerprints (
      customer_number integer PRIMARY KEY,
      fingerprint     text    NOT NULL,
      run_id          text    NOT NULL
    )`.execute(db)

  // DUP-3: the pairs each run listed for a person, the smaller customer number first.
  await sql`
    CREATE TABLE dedupe_review_pairs (
      -- In the order runs listed them: the last listing of a pair is its highest id.
      id          integer          GENERATED ALWAYS AS IDENTITY,
      run_id      text             NOT NULL,
      customer_a  integer          NOT NULL,
      customer_b  integer          NOT NULL,
      probability double precision NOT NULL CHECK (probability BETWEEN 0 AND 1),
      reason      text             NOT NULL,
      PRIMARY KEY (run_id, customer_a, customer_b),
      CHECK (customer_a < customer_b)
    )`.execute(db)
  await sql`CREATE INDEX dedupe_review_pairs_by_pair ON dedupe_review_pairs (customer_a, customer_b)`.execute(db)

  // A person's decision on a pair: the latest one counts. A rejected pair is never proposed again.
  await sql`
    CREATE TABLE dedupe_decisions (
      customer_a       integer     NOT NULL,
      customer_b       integer     NOT NULL,
      decision         text        NOT NULL CHECK (decision IN ('accept', 'reject')),
      decided_at       timestamptz NOT NULL,
      source_file      text        NOT NULL,
      source_line      integer     NOT NULL,
      -- The request an accepted pair became, when it became one.
      merge_request_id integer,
      PRIMARY KEY (customer_a, customer_b),
      CHECK (customer_a < customer_b)
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS dedupe_decisions`.execute(db)
  await sql`DROP TABLE IF EXISTS dedupe_review_pairs`.execute(db)
  await sql`DROP TABLE IF EXISTS dedupe_fingerprints`.execute(db)
  await sql`DROP TABLE IF EXISTS dedupe_cluster_members`.execute(db)
  await sql`DROP TABLE IF EXISTS dedupe_clusters`.execute(db)
  await sql`DROP TABLE IF EXISTS dedupe_models`.execute(db)
}
