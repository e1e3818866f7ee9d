import { type Kysely, sql } from "kysely"

// Plain SQL: the staging schema should read as the DDL a DBA would review.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE customers (
      customer_number           integer PRIMARY KEY,
      party_type                char(1) NOT NULL CHECK (party_type IN ('I', 'O')),
      prefix                    text    NOT NULL DEFAULT '',
      first_name                text    NOT NULL DEFAULT '',
      middle_initial            text    NOT NULL DEFAULT '',
      last_name                 text    NOT NULL DEFAULT '',
      suffix                    text    NOT NULL DEFAULT '',
      company                   text    NOT NULL DEFAULT '',
      street                    text    NOT NULL DEFAULT '',
      apartment                 text    NOT NULL DEFAULT '',
      address2                  text    NOT NULL DEFAULT '',
      address3                  text    NOT NULL DEFAULT '',
      address4                  text    NOT NULL DEFAULT '',
      city                      text    NOT NULL DEFAULT '',
      state                     text    NOT NULL DEFAULT '',
      postal_code               text    NOT NULL DEFAULT '',
      country                   text    NOT NULL DEFAULT '',
      po_box                    char(1) NOT NULL DEFAULT 'N' CHECK (po_box IN ('Y', 'N')),
      delivery_code             text    NOT NULL DEFAULT '',
      customer_class            text    NOT NULL DEFAULT '',
      alternate_customer_number text    NOT NULL DEFAULT '',
      email                     text    NOT NULL DEFAULT '',
      email_opt_in              char(1) NOT NULL DEFAULT 'N' CHECK (email_opt_in IN ('Y', 'N')),
      day_phone                 text    NOT NULL DEFAULT '',
      day_phone_ext             text    NOT NULL DEFAULT '',
      evening_phone             text    NOT NULL DEFAULT '',
      evening_phone_ext         text    NOT NULL DEFAULT '',
      third_phone               text    NOT NULL DEFAULT '',
      third_phone_ext           text    NOT NULL DEFAULT '',
      do_not_fax                char(1) NOT NULL DEFAULT 'N' CHECK (do_not_fax IN ('Y', 'N')),
      mail_flag                 char(1) NOT NULL DEFAULT 'N' CHECK (mail_flag IN ('Y', 'N')),
      rent_flag                 char(1) NOT NULL DEFAULT 'N' CHECK (rent_flag IN ('Y', 'N')),
      birth_month               smallint CHECK (birth_month BETWEEN 1 AND 12),
      birth_day                 smallint CHECK (birth_day BETWEEN 1 AND 31),
      relate_id                 text    NOT NULL DEFAULT '',
      ecommerce_id              text    NOT NULL DEFAULT '',
      sync_flag                 char(1) NOT NULL DEFAULT 'N' CHECK (sync_flag IN ('Y', 'N')),
      status                    char(1) NOT NULL DEFAULT 'A' CHECK (status IN ('A', 'I')),
      load_run_id               text    NOT NULL
    )`.execute(db)

  // SYNCRDB reads only flagged customers, in customer-number order (keyset pagination).
  await sql`CREATE INDEX customers_to_sync ON customers (customer_number) WHERE sync_flag = 'Y'`.execute(db)

  await sql`
    CREATE TABLE customer_profiles (
      customer_number     integer NOT NULL REFERENCES customers ON DELETE CASCADE,
      profile_description text    NOT NULL,
      value               text    NOT NULL,
      load_run_id         text    NOT NULL,
      PRIMARY KEY (customer_number, profile_description)
    )`.execute(db)

  await sql`
    CREATE TABLE runs (
      run_id     text PRIMARY KEY,
      pipeline   text NOT NULL,
      status     text NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
      settings   jsonb NOT NULL,
      inputs     jsonb NOT NULL DEFAULT '[]',
      counts     jsonb NOT NULL DEFAULT '{}',
      checkpoint jsonb,
      started_at timestamptz NOT NULL,
      ended_at   timestamptz
    )`.execute(db)

  await sql`
    CREATE TABLE rejects (
      id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      run_id          text    NOT NULL REFERENCES runs ON DELETE CASCADE,
      source          text    NOT NULL,
      line            integer NOT NULL,
      customer_number text    NOT NULL,
      field           text    NOT NULL,
      reason          text    NOT NULL,
      rule            text    NOT NULL
    )`.execute(db)
  await sql`CREATE INDEX rejects_by_run ON rejects (run_id, id)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS rejects, runs, customer_profiles, customers`.execute(db)
}
