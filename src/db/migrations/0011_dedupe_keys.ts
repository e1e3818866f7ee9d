import { type Kysely, sql } from "kysely"

// What an incremental dedupe reads instead of every customer (issue 14, point 9): each customer's blocking
// keys (hashed; a row per key, so the customers sharing a block with a changed one are one index lookup) and
// term-frequency values beside its fingerprint, and the term counts, which each run adjusts by what changed.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A cluster whose members a completed merge took into its survivor is done: merged, not dissolved.
  await sql`ALTER TABLE dedupe_clusters DROP CONSTRAINT dedupe_clusters_status_check`.execute(db)
  await sql`
    ALTER TABLE dedupe_clusters ADD CONSTRAINT dedupe_clusters_status_check
      CHECK (status IN ('active', 'absorbed', 'dissolved', 'merged'))`.execute(db)

  // The fingerprint becomes an md5 the database computes itself (changed customers are found without reading
  // everyone out): the old digests mean nothing now, so every customer counts as changed once.
  await sql`DELETE FROM dedupe_fingerprints`.execute(db)
  // The customer's rows of dedupe_block_keys: what to delete when it changes or goes.
  await sql`ALTER TABLE dedupe_fingerprints ADD COLUMN block_keys integer[] NOT NULL DEFAULT '{}'`.execute(db)
  // [comparison name, value] of each term-frequency value the customer holds: what to count down when it changes.
  await sql`ALTER TABLE dedupe_fingerprints ADD COLUMN terms jsonb NOT NULL DEFAULT '[]'`.execute(db)
  // A B-tree, not a GIN index on the array: a night's lookup names thousands of keys, which a GIN index
  // answers one slow probe at a time and the planner, short of statistics, answers with a scan of everyone.
  await sql`
    CREATE TABLE dedupe_block_keys (
      hash            integer NOT NULL,
      customer_number integer NOT NULL,
      PRIMARY KEY (hash, customer_number)
    )`.execute(db)

  // DUP-2: how many dedupe-able active customers hold each value, per comparison with a term-frequency level;
  // value '' holds the comparison's total.
  await sql`
    CREATE TABLE dedupe_term_counts (
      comparison text    NOT NULL,
      value      text    NOT NULL,
      count      integer NOT NULL,
      PRIMARY KEY (comparison, value)
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE dedupe_clusters DROP CONSTRAINT dedupe_clusters_status_check`.execute(db)
  await sql`UPDATE dedupe_clusters SET status = 'dissolved' WHERE status = 'merged'`.execute(db)
  await sql`
    ALTER TABLE dedupe_clusters ADD CONSTRAINT dedupe_clusters_status_check
      CHECK (status IN ('active', 'absorbed', 'dissolved'))`.execute(db)
  await sql`DROP TABLE IF EXISTS dedupe_term_counts`.execute(db)
  await sql`DROP TABLE IF EXISTS dedupe_block_keys`.execute(db)
  await sql`ALTER TABLE dedupe_fingerprints DROP COLUMN IF EXISTS terms`.execute(db)
  await sql`ALTER TABLE dedupe_fingerprints DROP COLUMN IF EXISTS block_keys`.execute(db)
}
