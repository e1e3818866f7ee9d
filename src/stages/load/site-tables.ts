import { sql } from "kysely"
import type { Kysely, RawBuilder } from "kysely"
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
  /** The table that holds the rows, where `table` is a view of them (activity: migration 0015). */
  readonly storedIn?: string
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
  /**
   * The nightly load's changed rows of keys staging holds: updates the rows it can in place (a merge keeping
   * the last word, see closedByMerge); answers the keys it updated.
   */
  readonly update: (db: Kysely<Tables>, rows: ReadonlyArray<A>) => Promise<ReadonlyArray<number>>
  /** Why a changed row whose parent is in staging was not updated. */
  readonly refusedUpdate: { readonly field: string; readonly rule: string; readonly reason: (row: A) => string }
}

/**
 * The site `site` was closed by a completed merge (MRG-5): a site of a customer merged into another (in the
 * request's operating unit, if it names one), or a from-site a request mapped. Such a site and its uses keep
 * the state the merge left them in when OACS exports a change of them, as a merged-away customer does (MRG-7).
 */
// Two EXISTS, not one with an OR inside: each finds its requests by an index (merge_requests_by_from, and the
// few mapped sites), where the OR would read every completed request for each changed row.
const closedByMerge = (site: string) =>
  sql.raw(`(EXISTS (
      SELECT 1 FROM merge_requests AS m
      WHERE m.from_customer = ${site}.customer_number AND m.to_customer <> m.from_customer AND m.process_flag = 'COMPLETED'
        AND (m.operating_unit IS NULL OR m.operating_unit = ${site}.operating_unit))
    OR EXISTS (
      SELECT 1 FROM merge_request_sites AS ms JOIN merge_requests AS m ON m.id = ms.request_id
      WHERE ms.from_site = ${site}.site_id AND m.process_flag = 'COMPLETED'))`)

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
    ),
  // A site stays with its customer and operating unit: its uses carry both (MRG-4), and a merge's records name them.
  update: async (db, rows) =>
    keys(
      await sql<{ key: string }>`
        UPDATE sites AS s SET street = r.street, city = r.city, state = r.state, postal_code = r.postal_code, country = r.country,
          status = CASE WHEN ${closedByMerge("s")} THEN s.status ELSE r.status END
        FROM json_to_recordset(${JSON.stringify(rows)}::json) AS r(site_id bigint, customer_number integer, operating_unit text,
          street text, city text, state text, postal_code text, country text, status char(1))
        WHERE s.site_id = r.site_id AND s.customer_number = r.customer_number AND s.operating_unit = r.operating_unit
        RETURNING s.site_id AS key`.execute(db)
    ),
  refusedUpdate: {
    field: "customer_number",
    rule: "VAL-1",
    reason: (row) =>
      `site ${row.site_id} is in the staging database under another customer or operating unit than customer ${row.customer_number} and ${row.operating_unit}; a site does not move, so export it under a new site ID`
  }
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
    ),
  // A use of a site a merge closed keeps its site and status. The others take the export's site, and with it its
  // customer and operating unit, unless their location is taken there (MRG-4): by another use in staging, or by
  // an earlier row of the chunk. Checked before writing, so the unique index never fails the chunk.
  update: async (db, rows) =>
    keys(
      await sql<{ key: string }>`
        WITH target AS (
          SELECT r.site_use_id, s.site_id, s.customer_number, s.operating_unit, r.use_type, r.location, r.is_primary,
            CASE WHEN ${closedByMerge("was")} THEN u.status ELSE r.status END AS status, r.position
          FROM ROWS FROM (json_to_recordset(${JSON.stringify(rows)}::json) AS (site_use_id bigint, site_id bigint, use_type text,
            location text, is_primary boolean, status char(1)))
            WITH ORDINALITY AS r(site_use_id, site_id, use_type, location, is_primary, status, position)
          JOIN site_uses AS u ON u.site_use_id = r.site_use_id
          JOIN sites AS was ON was.site_id = u.site_id
          JOIN sites AS s ON s.site_id = CASE WHEN ${closedByMerge("was")} THEN u.site_id ELSE r.site_id END
        ),
        unblocked AS (
          SELECT t.* FROM target AS t
          WHERE NOT EXISTS (
            SELECT 1 FROM site_uses AS o
            WHERE o.site_use_id <> t.site_use_id AND o.customer_number = t.customer_number AND o.use_type = t.use_type
              AND o.operating_unit = t.operating_unit AND o.location = t.location)
        ),
        free AS (
          SELECT t.* FROM unblocked AS t
          WHERE NOT EXISTS (
            SELECT 1 FROM unblocked AS e
            WHERE e.position < t.position AND e.customer_number = t.customer_number AND e.use_type = t.use_type
              AND e.operating_unit = t.operating_unit AND e.location = t.location)
        )
        UPDATE site_uses AS u SET site_id = t.site_id, customer_number = t.customer_number, operating_unit = t.operating_unit,
          use_type = t.use_type, location = t.location, is_primary = t.is_primary, status = t.status
        FROM free AS t
        WHERE u.site_use_id = t.site_use_id
        RETURNING u.site_use_id AS key`.execute(db)
    ),
  refusedUpdate: {
    field: "location",
    rule: "MRG-4",
    reason: () => "the location is already taken for this use type and operating unit of the customer"
  }
}

/**
 * Joins `u`, the use where the activity loaded on the export's use (`r.site_use_id`) is now: activity_origins says,
 * once a merge has moved it (migration 0014); the use itself otherwise. A row loaded on a use always goes there,
 * so every row of one origin stays on one use and a merge finds them all.
 */
const onUseNow = sql`
  LEFT JOIN activity_origins AS o ON o.origin_use_id = r.site_use_id
  JOIN site_uses AS u ON u.site_use_id = coalesce(o.site_use_id, r.site_use_id)`

/** Gives the origins of the rows in `t` (those `which` picks) their activity_origins row, where they have none yet. */
const recordOrigins = (which: RawBuilder<boolean>) => sql`
  INSERT INTO activity_origins (origin_use_id, site_use_id)
  SELECT DISTINCT t.origin_use_id, t.site_use_id FROM t WHERE ${which}
  ON CONFLICT DO NOTHING`

export const activityTable: SiteTable<ActivityRow> = {
  table: "activity",
  storedIn: "activity_rows",
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
  // The row goes where the activity loaded on its use is now: that use's origin row says, made when it has none.
  insert: async (db, rows) =>
    keys(
      await sql<{ key: string }>`
        WITH t AS (
          SELECT r.activity_id, r.kind, r.document, r.amount, r.position, r.site_use_id AS origin_use_id, u.site_use_id
          FROM ROWS FROM (json_to_recordset(${JSON.stringify(rows)}::json) AS (activity_id bigint, kind text, site_use_id bigint,
            document text, amount text))
            WITH ORDINALITY AS r(activity_id, kind, site_use_id, document, amount, position)
          ${onUseNow}
        ),
        origins AS (${recordOrigins(sql`TRUE`)})
        INSERT INTO activity_rows (activity_id, kind, origin_use_id, document, amount)
        SELECT t.activity_id, t.kind, t.origin_use_id, t.document, t.amount::numeric
        FROM t
        ORDER BY t.position
        ON CONFLICT DO NOTHING
        RETURNING activity_id AS key`.execute(db)
    ),
  // Activity a merge moved off a use of a site it closed stays where the merge put it, on the survivor's use (MRG-7).
  // Otherwise the row is loaded on its new use, and put where that use's activity is now, as a new row is.
  update: async (db, rows) =>
    keys(
      await sql<{ key: string }>`
        WITH t AS (
          SELECT r.activity_id, r.kind, r.document, r.amount, r.site_use_id AS origin_use_id, u.site_use_id,
            ${closedByMerge("s")} AS closed
          FROM json_to_recordset(${JSON.stringify(rows)}::json) AS r(activity_id bigint, kind text, site_use_id bigint,
            document text, amount text)
          JOIN site_uses AS named ON named.site_use_id = r.site_use_id
          JOIN sites AS s ON s.site_id = named.site_id
          ${onUseNow}
        ),
        origins AS (${recordOrigins(sql`NOT t.closed`)})
        UPDATE activity_rows AS a SET kind = t.kind, document = t.document, amount = t.amount::numeric,
          origin_use_id = CASE WHEN t.closed THEN a.origin_use_id ELSE t.origin_use_id END
        FROM t
        WHERE a.activity_id = t.activity_id
        RETURNING a.activity_id AS key`.execute(db)
    ),
  // Its parent is in staging, and nothing else stops an update of activity.
  refusedUpdate: { field: "activity_id", rule: "VAL-3", reason: (row) => `activity ${row.activity_id} could not be updated` }
}

/** Which of `ids` are in `table`.`column`. */
export const existing = async (db: Kysely<Tables>, table: string, column: string, ids: ReadonlyArray<number>) =>
  ids.length === 0 ? new Set<number>() : new Set(
    (await sql<{ key: string }>`SELECT ${sql.ref(column)} AS key FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ANY(${ids.map(String)}::bigint[])`
      .execute(db)).rows.map((row) => Number(row.key))
  )
