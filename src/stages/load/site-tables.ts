import { sql } from "kysely"
import type { Kysely } from "kysely"
import type { Tables } from "../../db/tables.ts"
import {
  type ActivityRow,
  activityColumns,
  requiredActivityColumns,
  requiredSiteColumns,
  requiredSiteUseColumns,
  siteColumns,
  type SiteRow,
  siteUseColumns,
  type SiteUseRow,
  validateActivityRow,
  validateSiteRow,
  validateSiteUseRow
} from "../validate/site-rows.ts"
import type { RawRow, RowPosition, Validated } from "../validate/row.ts"

/**
 * How a load writes the rows of one of the customers' tables (sites, site uses, activity): a table's rows
 * name their parent (customer, site, site use), and a row whose parent is not in the staging database, or
 * whose key is already there, is not written: the load rejects it with that reason (VAL-1).
 */
export interface SiteTable<A> {
  readonly table: string
  /** The record, for a person: "site". */
  readonly record: string
  readonly knownColumns: ReadonlyArray<string>
  readonly requiredColumns: ReadonlyArray<string>
  readonly validate: (row: RawRow, at: RowPosition) => Validated<A>
  readonly key: (row: A) => number
  readonly keyColumn: string
  readonly parent: (row: A) => number
  readonly parentRecord: string
  readonly parentTable: string
  readonly parentColumn: string
  /** Inserts the rows it can; answers the keys it inserted. */
  readonly insert: (db: Kysely<Tables>, rows: ReadonlyArray<A>) => Promise<ReadonlyArray<number>>
}

// Rows go in file order (WITH ORDINALITY), so of two rows that collide the earlier one is kept.
const keys = (result: { rows: ReadonlyArray<{ key: string | number }> }) => result.rows.map((row) => Number(row.key))

export const sitesTable: SiteTable<SiteRow> = {
  table: "sites",
  record: "site",
  knownColumns: siteColumns,
  requiredColumns: requiredSiteColumns,
  validate: validateSiteRow,
  key: (row) => row.site_id,
  keyColumn: "site_id",
  parent: (row) => row.customer_number,
  parentRecord: "customer",
  parentTable: "customers",
  parentColumn: "customer_number",
  insert: async (db, rows) =>
    keys(
      await sql<{ key: string }>`
        INSERT INTO sites (site_id, customer_number, operating_unit, street, city, state, postal_code, country, status)
        SELECT r.site_id, r.customer_number, r.operating_unit, r.street, r.city, r.state, r.postal_code, r.country, r.status
        FROM ROWS FROM (json_to_recordset(${JSON.stringify(rows)}::json) AS (site_id bigint, customer_number integer,
          operating_unit text, street text, city text, state text, postal_code text, country text, status char(1)))
          WITH ORDINALITY AS r(site_id, customer_number, operating_unit, street, city, state, postal_code, country, status, position)
        WHERE EXISTS (SELECT 1 FROM customers c WHERE c.customer_number = r.customer_number)
        ORDER BY r.position
        ON CONFLICT DO NOTHING
        RETURNING site_id AS key`.execute(db)
    )
}

export const siteUsesTable: SiteTable<SiteUseRow> = {
  table: "site_uses",
  record: "site use",
  knownColumns: siteUseColumns,
  requiredColumns: requiredSiteUseColumns,
  validate: validateSiteUseRow,
  key: (row) => row.site_use_id,
  keyColumn: "site_use_id",
  parent: (row) => row.site_id,
  parentRecord: "site",
  parentTable: "sites",
  parentColumn: "site_id",
  // The customer and operating unit are the site's (MRG-4 keeps its uniqueness on the use).
  insert: async (db, rows) =>
    keys(
      await sql<{ key: string }>`
        INSERT INTO site_uses (site_use_id, site_id, customer_number, operating_unit, use_type, location, is_primary, status)
        SELECT r.site_use_id, r.site_id, s.customer_number, s.operating_unit, r.use_type, r.location, r.is_primary, r.status
        FROM ROWS FROM (json_to_recordset(${JSON.stringify(rows)}::json) AS (site_use_id bigint, site_id bigint, use_type text,
          location text, is_primary boolean, status char(1)))
          WITH ORDINALITY AS r(site_use_id, site_id, use_type, location, is_primary, status, position)
        JOIN sites s ON s.site_id = r.site_id
        ORDER BY r.position
        ON CONFLICT DO NOTHING
        RETURNING site_use_id AS key`.execute(db)
    )
}

export const activityTable: SiteTable<ActivityRow> = {
  table: "activity",
  record: "activity",
  knownColumns: activityColumns,
  requiredColumns: requiredActivityColumns,
  validate: validateActivityRow,
  key: (row) => row.activity_id,
  keyColumn: "activity_id",
  parent: (row) => row.site_use_id,
  parentRecord: "site use",
  parentTable: "site_uses",
  parentColumn: "site_use_id",
  // The customer is the site use's.
  insert: async (db, rows) =>
    keys(
      await sql<{ key: string }>`
        INSERT INTO activity (activity_id, kind, customer_number, site_use_id, document, amount)
        SELECT r.activity_id, r.kind, u.customer_number, r.site_use_id, r.document, r.amount::numeric
        FROM ROWS FROM (json_to_recordset(${JSON.stringify(rows)}::json) AS (activity_id bigint, kind text, site_use_id bigint,
          document text, amount text))
          WITH ORDINALITY AS r(activity_id, kind, site_use_id, document, amount, position)
        JOIN site_uses u ON u.site_use_id = r.site_use_id
        ORDER BY r.position
        ON CONFLICT DO NOTHING
        RETURNING activity_id AS key`.execute(db)
    )
}

/** Which of `ids` are in `table`.`column`. */
export const existing = async (db: Kysely<Tables>, table: string, column: string, ids: ReadonlyArray<number>) =>
  ids.length === 0 ? new Set<number>() : new Set(
    (await sql<{ key: string }>`SELECT ${sql.ref(column)} AS key FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ANY(${ids.map(String)}::bigint[])`
      .execute(db)).rows.map((row) => Number(row.key))
  )
