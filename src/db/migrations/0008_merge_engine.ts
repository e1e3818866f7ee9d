import { type Kysely, sql } from "kysely"

// Sites, site uses and activity of the customers, the site mappings of merge requests, and what the merge
// engine keeps of its batches, sets and results (MRG-1..MRG-13).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sites (
      site_id         bigint  PRIMARY KEY,
      customer_number integer NOT NULL REFERENCES customers ON DELETE CASCADE,
      operating_unit  text    NOT NULL,
      street          text    NOT NULL DEFAULT '',
      city            text    NOT NULL DEFAULT '',
      state           text    NOT NULL DEFAULT '',
      postal_code     text    NOT NULL DEFAULT '',
      country         text    NOT NULL DEFAULT '',
      status          char(1) NOT NULL DEFAULT 'A' CHECK (status IN ('A', 'I'))
    )`.execute(db)
  await sql`CREATE INDEX sites_by_customer ON sites (customer_number)`.execute(db)

  await sql`
    CREATE TABLE site_uses (
      site_use_id     bigint  PRIMARY KEY,
      site_id         bigint  NOT NULL REFERENCES sites ON DELETE CASCADE,
      customer_number integer NOT NULL,
      operating_unit  text    NOT NULL,
      use_type        text    NOT NULL
        CHECK (use_type IN ('BILL_TO', 'SHIP_TO', 'STATEMENTS', 'MARKETING', 'LEGAL', 'DUNNING')),
      location        text    NOT NULL,
      is_primary      boolean NOT NULL DEFAULT false,
      status          char(1) NOT NULL DEFAULT 'A' CHECK (status IN ('A', 'I'))
    )`.execute(db)
  // MRG-4: a location is unique per customer account, site use type and operating unit.
  await sql`CREATE UNIQUE INDEX site_uses_location ON site_uses (customer_number, use_type, operating_unit, location)`
    .execute(db)
  await sql`CREATE INDEX site_uses_by_site ON site_uses (site_id)`.execute(db)

  await sql`
    CREATE TABLE activity (
      activity_id     bigint  PRIMARY KEY,
      kind            text    NOT NULL CHECK (kind IN ('order', 'invoice', 'receipt', 'credit', 'adjustment')),
      customer_number integer NOT NULL,
      site_use_id     bigint  NOT NULL REFERENCES site_uses,
      document        text    NOT NULL DEFAULT '',
      amount          numeric(14, 2) NOT NULL DEFAULT 0
    )`.execute(db)
  // A merge moves activity by site use (MRG-7); duplicate detection counts it by customer (DUP-5).
  await sql`CREATE INDEX activity_by_site_use ON activity (site_use_id)`.execute(db)
  await sql`CREATE INDEX activity_by_customer ON activity (customer_number)`.execute(db)

  // MRG-1: which from-site goes to which to-site; no to-site: copy it to the to-customer (MRG-3).
  await sql`
    CREATE TABLE merge_request_sites (
      request_id integer NOT NULL REFERENCES merge_requests ON DELETE CASCADE,
      from_site  bigint  NOT NULL,
      to_site    bigint,
      -- MRG-4: the location a copied use takes when its own is taken on the to-customer (else "-C" is appended).
      location   text,
      PRIMARY KEY (request_id, from_site)
    )`.execute(db)

  // A merge batch is a run; this is what tells a live batch from one that crashed (MRG-9).
  await sql`
    CREATE TABLE merge_batches (
      run_id       text    PRIMARY KEY REFERENCES runs ON DELETE CASCADE,
      priority     text    CHECK (priority IN ('P1', 'P2', 'P3')),
      commit_size  integer NOT NULL,
      host         text    NOT NULL,
      pid          integer NOT NULL,
      heartbeat_at timestamptz NOT NULL
    )`.execute(db)

  await sql`
    CREATE TABLE merge_sets (
      run_id       text    NOT NULL REFERENCES runs ON DELETE CASCADE,
      set_number   integer NOT NULL,
      requests     integer NOT NULL,
      completed    integer NOT NULL,
      failed       integer NOT NULL,
      committed_at timestamptz NOT NULL,
      PRIMARY KEY (run_id, set_number)
    )`.execute(db)

  // MRG-12/MRG-13: what each merge did, kept after a delete removed the rows themselves.
  await sql`
    CREATE TABLE merge_results (
      run_id        text    NOT NULL,
      request_id    integer NOT NULL,
      line          integer NOT NULL,
      old_customer  integer NOT NULL,
      old_name      text    NOT NULL,
      new_customer  integer NOT NULL,
      new_name      text    NOT NULL,
      old_address   text,
      new_address   text,
      old_location  text,
      new_location  text,
      site_use      text,
      is_primary    boolean,
      status        text    CHECK (status IN ('Inactive', 'Delete')),
      error_message text,
      -- MRG-11: pending until ORCE merged the two records (merged) or refused (failed: the reason).
      orce_merge    text,
      old_relate_id text,
      new_relate_id text,
      PRIMARY KEY (run_id, request_id, line)
    )`.execute(db)
  await sql`CREATE INDEX merge_results_by_old ON merge_results (old_customer)`.execute(db)
  await sql`CREATE INDEX merge_results_by_new ON merge_results (new_customer)`.execute(db)
  // A batch takes its own queue by priority, then age (MRG-9).
  await sql`CREATE INDEX merge_requests_of_batch ON merge_requests (batch_run_id, priority, created_at, id)
    WHERE process_flag IN ('PROCESSING', 'IN_PROGRESS')`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS merge_results, merge_sets, merge_batches, merge_request_sites, activity, site_uses, sites`
    .execute(db)
  await sql`DROP INDEX IF EXISTS merge_requests_of_batch`.execute(db)
}
