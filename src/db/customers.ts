import { Effect } from "effect"
import { type RawBuilder, sql } from "kysely"
import { type Customer, customerFields } from "../domain/customer.ts"
import { copyOrMerge, copyPieces } from "./copy-or-merge.ts"
import { customerColumns, profileColumns, snake } from "./copy-rows.ts"
import { Database } from "./database.ts"

const columnList = sql.raw(customerColumns.join(", "))
const updateList = sql.raw(
  customerColumns.filter((name) => name !== "customer_number").map((name) => `${name} = excluded.${name}`).join(", ")
)

/**
 * Writes a chunk of customers' COPY lines in the chunk's transaction.
 *
 * A customer already written by an earlier load is replaced by the export's values; one already written
 * by this load is left alone and its number comes back as refused, which is how the caller finds the
 * duplicates of VAL-3 across chunks.
 */
export const writeCustomers = (rows: Uint8Array) =>
  copyOrMerge({
    table: "customers",
    columns: customerColumns,
    keyColumns: ["customer_number"],
    key: sql`i.customer_number::text`,
    insert: (incoming) =>
      sql`
        INSERT INTO customers (${columnList})
        SELECT ${columnList} FROM ${incoming}
        ON CONFLICT (customer_number) DO UPDATE SET ${updateList}
        WHERE customers.load_run_id <> excluded.load_run_id`
  }, rows)

/** A row of a changed-rows statement: a refused key, or (key null) how many rows were unchanged. */
interface ChangedRow {
  readonly key: string | null
  readonly unchanged: string | null
}

/**
 * Stages a chunk's COPY text in incoming_<table> (emptied when the chunk's transaction ends) and runs
 * `statement` over it, which writes the new and changed rows and answers the refused keys and the count of
 * unchanged rows.
 */
const writeChanged = (
  target: { readonly table: string; readonly columns: ReadonlyArray<string> },
  rows: Uint8Array,
  statement: () => RawBuilder<ChangedRow>
) =>
  Effect.gen(function*() {
    const { copy, query } = yield* Database
    const operation = `write changed ${target.table}`
    const incoming = `incoming_${target.table}`
    yield* query(operation, (db) =>
      sql`CREATE TEMPORARY TABLE IF NOT EXISTS ${sql.raw(incoming)} (LIKE ${sql.raw(target.table)} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`.execute(db))
    yield* copy(operation, incoming, target.columns, copyPieces(rows))
    const result = yield* query(operation, (db) => statement().execute(db))
    return {
      refused: result.rows.flatMap((row) => row.key === null ? [] : [row.key]),
      unchanged: Number(result.rows.find((row) => row.key === null)?.unchanged ?? 0)
    }
  })

/** The columns an export's customer row is compared by: its own values, not what the load stamps on it. */
const exportedColumns = sql.raw(customerColumns.filter((name) => name !== "load_run_id" && name !== "sync_flag").map((name) => `i.${name}`).join(", "))
/**
 * A customer a completed merge took away stays merged away (MRG-7) when OACS exports a change of it: its values
 * are kept, but it stays inactive and is not sent to ORCE, whose record of it was merged into the survivor's.
 */
const mergedAway = `EXISTS (SELECT 1 FROM merge_requests AS m WHERE m.from_customer = customers.customer_number
  AND m.to_customer <> customers.customer_number AND m.process_flag = 'COMPLETED')`
const changedUpdateList = sql.raw(
  customerColumns.filter((name) => !["customer_number", "relate_id", "status", "sync_flag"].includes(name)).map((name) => `${name} = excluded.${name}`)
    .concat(
      "relate_id = CASE WHEN excluded.relate_id = '' THEN customers.relate_id ELSE excluded.relate_id END",
      `status = CASE WHEN ${mergedAway} THEN customers.status ELSE excluded.status END`,
      `sync_flag = CASE WHEN ${mergedAway} THEN 'N' ELSE excluded.sync_flag END`
    )
    .join(", ")
)

/**
 * The nightly run's load of customers: writes a chunk's new and changed customers, each flagged for ORCE by
 * its COPY lines, and leaves alone every customer whose export row is the one an earlier load took (by
 * export_fingerprints), whatever merges and ORCE's write-back did to its staging row since: a second night
 * over the same exports changes nothing. A changed row with a blank relate ID keeps the one ORCE gave. Answers
 * the numbers refused as duplicates of this load (VAL-3) and how many rows were unchanged.
 */
export const writeChangedCustomers = (rows: Uint8Array) =>
  writeChanged({ table: "customers", columns: customerColumns }, rows, () =>
      sql<ChangedRow>`
        WITH staged AS (
          SELECT i.*, md5(row(${exportedColumns})::text) AS fingerprint FROM incoming_customers AS i
        ),
        changed AS (
          SELECT s.* FROM staged AS s
          WHERE NOT EXISTS (
            SELECT 1 FROM export_fingerprints AS f
            WHERE f.export = 'customers' AND f.key = s.customer_number AND f.fingerprint = s.fingerprint
              AND f.load_run_id <> s.load_run_id)
        ),
        written AS (
          INSERT INTO customers (${columnList})
          SELECT ${columnList} FROM changed
          ON CONFLICT (customer_number) DO UPDATE SET ${changedUpdateList}
          WHERE customers.load_run_id <> excluded.load_run_id
          RETURNING customer_number
        ),
        remembered AS (
          INSERT INTO export_fingerprints (export, key, fingerprint, load_run_id)
          SELECT 'customers', c.customer_number, c.fingerprint, c.load_run_id FROM changed AS c
          JOIN written AS w ON w.customer_number = c.customer_number
          ON CONFLICT (export, key) DO UPDATE SET fingerprint = excluded.fingerprint, load_run_id = excluded.load_run_id
        )
        SELECT c.customer_number::text AS key, NULL AS unchanged FROM changed AS c
        WHERE NOT EXISTS (SELECT 1 FROM written AS w WHERE w.customer_number = c.customer_number)
        UNION ALL
        SELECT NULL, ((SELECT count(*) FROM staged) - (SELECT count(*) FROM changed))::text`)

/**
 * Writes a chunk of profile rows' COPY lines in the chunk's transaction. Rows of customers staging does
 * not hold are refused, and so are rows this load already wrote.
 */
export const writeProfiles = (rows: Uint8Array) =>
  copyOrMerge({
    table: "customer_profiles",
    columns: profileColumns,
    keyColumns: ["customer_number", "profile_description"],
    // As profileKey spells it.
    key: sql`i.customer_number::text || ' ' || i.profile_description`,
    insert: (incoming) =>
      sql`
        INSERT INTO customer_profiles (${sql.raw(profileColumns.join(", "))})
        SELECT ${sql.raw(profileColumns.map((name) => `p.${name}`).join(", "))} FROM ${incoming} AS p
        WHERE EXISTS (SELECT 1 FROM customers AS c WHERE c.customer_number = p.customer_number)
        ON CONFLICT (customer_number, profile_description) DO UPDATE SET value = excluded.value,
          load_run_id = excluded.load_run_id
        WHERE customer_profiles.load_run_id <> excluded.load_run_id`
  }, rows)

/**
 * The nightly run's load of profile data: writes a chunk's new and changed profile rows and flags their
 * customers for ORCE (MAP-13 sends them as attributes); a row staging holds with the same value is left
 * alone and counted unchanged. Refused as by writeProfiles.
 */
export const writeChangedProfiles = (rows: Uint8Array) =>
  writeChanged({ table: "customer_profiles", columns: profileColumns }, rows, () =>
      sql<ChangedRow>`
        WITH changed AS (
          SELECT i.* FROM incoming_customer_profiles AS i
          WHERE NOT EXISTS (
            SELECT 1 FROM customer_profiles AS p
            WHERE p.customer_number = i.customer_number AND p.profile_description = i.profile_description
              AND p.value = i.value AND p.load_run_id <> i.load_run_id)
        ),
        written AS (
          INSERT INTO customer_profiles (${sql.raw(profileColumns.join(", "))})
          SELECT ${sql.raw(profileColumns.map((name) => `c.${name}`).join(", "))} FROM changed AS c
          WHERE EXISTS (SELECT 1 FROM customers AS k WHERE k.customer_number = c.customer_number)
          ON CONFLICT (customer_number, profile_description) DO UPDATE SET value = excluded.value,
            load_run_id = excluded.load_run_id
          WHERE customer_profiles.load_run_id <> excluded.load_run_id
          RETURNING customer_number, profile_description
        ),
        flagged AS (
          UPDATE customers SET sync_flag = 'Y' WHERE customer_number IN (SELECT customer_number FROM written) AND NOT ${sql.raw(mergedAway)}
        )
        SELECT c.customer_number::text || ' ' || c.profile_description AS key, NULL AS unchanged FROM changed AS c
        WHERE NOT EXISTS (
          SELECT 1 FROM written AS w WHERE w.customer_number = c.customer_number AND w.profile_description = c.profile_description)
        UNION ALL
        SELECT NULL, ((SELECT count(*) FROM incoming_customer_profiles) - (SELECT count(*) FROM changed))::text`)

const jsonFields = sql.raw(customerFields.map((name) => `${snake(name)} AS "${name}"`).join(", "))

/**
 * The next chunk of customers flagged for ORCE (SYNC-2), after `afterCustomerNumber` (keyset pagination),
 * with those of them whose latest outcome in an earlier run was `deferred` (SYNC-12 across runs: that attempt
 * may have reached ORCE before its answer was lost, so they are looked up by their OROMS alt key before they
 * would be created). A deferral counts unless a run started after it has an outcome for the same customer.
 *
 * One statement, and the chunk comes back as one JSON array: a driver decodes one value per row and column,
 * which on PGlite cost three times the query itself, and each round trip to the database waits for a turn
 * of the event loop while ORCE's answers are being handled.
 */
export const readFlaggedCustomers = (afterCustomerNumber: number, limit: number) =>
  Effect.flatMap(Effect.service(Database), ({ query }) => query("read flagged customers", (db) =>
    sql<{ customers: Array<Customer>; deferred: Array<number> }>`
      WITH chunk AS (
        SELECT ${jsonFields} FROM customers
        WHERE sync_flag = 'Y' AND customer_number > ${afterCustomerNumber}
        ORDER BY customer_number
        LIMIT ${limit}
      )
      SELECT
        (SELECT coalesce(json_agg(c ORDER BY c."customerNumber"), '[]') FROM chunk AS c) AS customers,
        (SELECT coalesce(json_agg(d.customer_number), '[]')
          FROM sync_outcomes AS d
          JOIN runs AS r ON r.run_id = d.run_id
          WHERE d.outcome = 'deferred' AND d.customer_number IN (SELECT "customerNumber" FROM chunk)
            AND NOT EXISTS (
              SELECT 1 FROM runs AS later
              JOIN sync_outcomes AS o ON o.run_id = later.run_id AND o.customer_number = d.customer_number
              WHERE later.started_at > r.started_at
            )) AS deferred`.execute(db).then((result) => {
      const row = result.rows[0]!
      return { customers: row.customers, deferredBefore: new Set(row.deferred) }
    })))

/** Profile data of a chunk's customers, by customer number (MAP-13). */
export const readProfiles = (customerNumbers: ReadonlyArray<number>) =>
  Effect.flatMap(Effect.service(Database), ({ query }) => query("read profile data", (db) =>
    customerNumbers.length === 0 ? Promise.resolve([]) : db.selectFrom("customerProfiles")
      .select(["customerNumber", "profileDescription", "value"])
      .where("customerNumber", "in", customerNumbers)
      .orderBy("customerNumber").orderBy("profileDescription")
      .execute()))

/**
 * Brings the planner's statistics of the customers up to date. PGlite runs no autovacuum: after a load,
 * stale figures make it read every flagged customer and sort them for each chunk.
 */
export const refreshCustomerStatistics = Effect.flatMap(Effect.service(Database), ({ query }) =>
  query("refresh customer statistics", (db) => sql`ANALYZE customers (customer_number, sync_flag)`.execute(db)))

/** How many flagged customers a sync has ahead of it, for its progress. */
export const countFlaggedCustomers = (afterCustomerNumber: number) =>
  Effect.flatMap(Effect.service(Database), ({ query }) => query("count flagged customers", (db) =>
    db.selectFrom("customers")
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .where("syncFlag", "=", "Y")
      .where("customerNumber", ">", afterCustomerNumber)
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.count))))
