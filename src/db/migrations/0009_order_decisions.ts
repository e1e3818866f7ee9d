import { type Kysely, sql } from "kysely"

// ORD-1..ORD-5: what an order-message run decided for each message, and the ORCE calls it made, so the run's
// report lists them (and a resumed run counts each message once: the rows commit with their chunk).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE order_decisions (
      run_id          text    NOT NULL,
      line            integer NOT NULL,
      customer_number integer,
      rule            text    NOT NULL,
      decision        text    NOT NULL,
      outcome         text    NOT NULL,
      relate_id       text    NOT NULL,
      sync_flag       char(1) NOT NULL,
      orce_calls      jsonb   NOT NULL,
      reason          text    NOT NULL,
      PRIMARY KEY (run_id, line)
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS order_decisions`.execute(db)
}
