import { sql } from "kysely"
import { type Customer, customerFields, type ProfileData } from "../domain/customer.ts"
import { copyOrMerge } from "./copy-or-merge.ts"
import { copyLine, copyValue } from "./copy-text.ts"
import type { Copy, Query } from "./database.ts"

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)

const columns = [...customerFields, "loadRunId" as const]
const columnList = sql.raw(columns.map(snake).join(", "))
const updateList = sql.raw(
  columns.filter((name) => name !== "customerNumber").map((name) => `${snake(name)} = excluded.${snake(name)}`).join(", ")
)

const copyColumns = columns.map(snake)

/** What a load writes besides the export's values: its run, and for the initial export the sync flag. */
export interface LoadStamp {
  readonly runId: string
  /** SYNC-2: the initial bulk export flags every customer it loads. */
  readonly flagForSync: boolean
}

/**
 * Turns customers into their COPY lines, stamped with the load. The function is generated once per load
 * from the Customer schema's fields: one expression reading each field by name, where a loop over the
 * field names would look every field up by a key that changes at each step, which costs twice as much.
 */
export const customerCopyLines = (stamp: LoadStamp): (customer: Customer) => string => {
  const terms = columns.map((name) => {
    if (!/^[A-Za-z]\w*$/.test(name)) throw new Error(`Customer field ${name} is not a plain identifier`)
    if (name === "loadRunId") return JSON.stringify(copyValue(stamp.runId))
    if (name === "syncFlag" && stamp.flagForSync) return JSON.stringify("Y")
    return `value(customer.${name})`
  })
  const line = new Function("value", "customer", `return ${terms.join(' + "\\t" + ')} + "\\n"`)
  return (customer) => line(copyValue, customer)
}

/**
 * Writes a chunk of customers' COPY lines in the caller's transaction.
 *
 * A customer already written by an earlier load is replaced by the export's values; one already written
 * by this load is left alone and missing from the numbers written, which is how the caller finds the
 * duplicates of VAL-3 across chunks.
 */
export const writeCustomers = (query: Query, copy: Copy, rows: Uint8Array) =>
  copyOrMerge(query, copy, {
    table: "customers",
    columns: copyColumns,
    merge: (incoming) =>
      sql<{ key: string }>`
        INSERT INTO customers (${columnList})
        SELECT ${columnList} FROM ${incoming}
        ON CONFLICT (customer_number) DO UPDATE SET ${updateList}
        WHERE customers.load_run_id <> excluded.load_run_id
        RETURNING customer_number::text AS key`
  }, rows)

const profileColumns = ["customer_number", "profile_description", "value", "load_run_id"]

/** The key of a customer's profile row: customer numbers hold no space. */
export const profileKey = (customerNumber: number | string, profileDescription: string) =>
  `${customerNumber} ${profileDescription}`

/** A profile row's COPY line, stamped with the load's run. */
export const profileCopyLine = (runId: string, row: ProfileData) =>
  copyLine([row.customerNumber, row.profileDescription, row.value, runId])

/**
 * Writes a chunk of profile rows' COPY lines in the caller's transaction. Rows of customers staging does
 * not hold are not written, nor rows this load already wrote.
 */
export const writeProfiles = (query: Query, copy: Copy, rows: Uint8Array) =>
  copyOrMerge(query, copy, {
    table: "customer_profiles",
    columns: profileColumns,
    merge: (incoming) =>
      sql<{ key: string }>`
        INSERT INTO customer_profiles (${sql.raw(profileColumns.join(", "))})
        SELECT ${sql.raw(profileColumns.map((name) => `p.${name}`).join(", "))} FROM ${incoming} AS p
        WHERE EXISTS (SELECT 1 FROM customers AS c WHERE c.customer_number = p.customer_number)
        ON CONFLICT (customer_number, profile_description) DO UPDATE SET value = excluded.value,
          load_run_id = excluded.load_run_id
        WHERE customer_profiles.load_run_id <> excluded.load_run_id
        RETURNING customer_number::text || ' ' || profile_description AS key`
  }, rows)

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
export const readFlaggedCustomers = (query: Query, afterCustomerNumber: number, limit: number) =>
  query("read flagged customers", (db) =>
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
    }))

/** Profile data of a chunk's customers, by customer number (MAP-13). */
export const readProfiles = (query: Query, customerNumbers: ReadonlyArray<number>) =>
  query("read profile data", (db) =>
    customerNumbers.length === 0 ? Promise.resolve([]) : db.selectFrom("customerProfiles")
      .select(["customerNumber", "profileDescription", "value"])
      .where("customerNumber", "in", customerNumbers)
      .orderBy("customerNumber").orderBy("profileDescription")
      .execute())

/**
 * Brings the planner's statistics of the customers up to date. PGlite runs no autovacuum: after a load,
 * stale figures make it read every flagged customer and sort them for each chunk.
 */
export const refreshCustomerStatistics = (query: Query) =>
  query("refresh customer statistics", (db) => sql`ANALYZE customers (customer_number, sync_flag)`.execute(db))

/** How many flagged customers a sync has ahead of it, for its progress. */
export const countFlaggedCustomers = (query: Query, afterCustomerNumber: number) =>
  query("count flagged customers", (db) =>
    db.selectFrom("customers")
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .where("syncFlag", "=", "Y")
      .where("customerNumber", ">", afterCustomerNumber)
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.count)))
