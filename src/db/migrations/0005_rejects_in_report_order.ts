import { type Kysely, sql } from "kysely"

// The report lists a run's rejects, and rejects.csv pages through them, in report order (reject-order.ts):
// without an index in that order every page sorts all of the run's rejects again. The expressions are the
// ones read-rejects.ts orders and pages by, so the index serves both.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX rejects_in_report_order ON rejects (
      run_id,
      (case when customer_number ~ '^[0-9]{1,9}$' then 0 else 1 end),
      (case when customer_number ~ '^[0-9]{1,9}$' then customer_number::integer else 0 end),
      (source collate "C"),
      line,
      (field collate "C"),
      id
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS rejects_in_report_order`.execute(db)
}
