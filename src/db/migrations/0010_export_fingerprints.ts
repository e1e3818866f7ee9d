import { type Kysely, sql } from "kysely"

// The nightly run (issue 16): what each export row held when a load last took it, by export and key. A
// night's load compares with this, not with the staging row, which merges (survivorship, inactivation,
// deletion) and ORCE's write-back change after the load: a row the export repeats unchanged is left alone, so a
// second night over the same exports changes nothing. No foreign key: a merge may delete the customer.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE export_fingerprints (
      export      text   NOT NULL,
      key         bigint NOT NULL,
      fingerprint text   NOT NULL,
      load_run_id text   NOT NULL,
      PRIMARY KEY (export, key)
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS export_fingerprints`.execute(db)
}
