import { Effect } from "effect"
import { sql } from "kysely"
import { type Customer, customerFields, type ProfileData } from "../domain/customer.ts"
import { copyLine } from "./copy-text.ts"
import type { Copy, DatabaseError, Query } from "./database.ts"

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
const integerColumns: ReadonlySet<keyof Customer> = new Set(["customerNumber", "birthMonth", "birthDay"])

const columns = [...customerFields, "loadRunId" as const]
const columnList = sql.raw(columns.map(snake).join(", "))
const updateList = sql.raw(
  columns.filter((name) => name !== "customerNumber").map((name) => `${snake(name)} = excluded.${snake(name)}`).join(", ")
)

/**
 * Writes customers with a single statement: one array parameter per column, unnested into rows, so a chunk
 * costs one round trip on PostgreSQL and PGlite alike.
 *
 * A customer already written by an earlier load is replaced by the export's values; one already written
 * by this load is left alone and missing from the returned numbers, which is how the caller finds the
 * duplicates of VAL-3 across chunks.
 */
const upsertCustomers = (query: Query, runId: string, customers: ReadonlyArray<Customer>) => {
  const arrays = columns.map((name) =>
    name === "loadRunId" ? customers.map(() => runId) : customers.map((customer) => customer[name])
  )
  const unnest = sql.join(
    arrays.map((values, index) =>
      sql`${values}::${sql.raw(integerColumns.has(columns[index] as keyof Customer) ? "integer[]" : "text[]")}`
    )
  )
  return query("write customers", (db) =>
    sql<{ customerNumber: number }>`
      INSERT INTO customers (${columnList})
      SELECT * FROM unnest(${unnest})
      ON CONFLICT (customer_number) DO UPDATE SET ${updateList}
      WHERE customers.load_run_id <> excluded.load_run_id
      RETURNING customer_number`.execute(db).then((result) => result.rows.map((row) => row.customerNumber)))
}

const copyColumns = columns.map(snake)

const copyCustomers = (copy: Copy, runId: string, customers: ReadonlyArray<Customer>) => {
  let rows = ""
  for (const customer of customers) {
    rows += copyLine(columns.map((name) => (name === "loadRunId" ? runId : customer[name])))
  }
  return copy("write customers", "customers", copyColumns, rows)
}

/** Which of `numbers` staging already holds, and whether this load wrote them. */
const heldCustomers = (query: Query, runId: string, numbers: ReadonlyArray<number>) =>
  query("find customers already staged", (db) =>
    sql<{ customerNumber: number; thisLoad: boolean }>`
      SELECT customer_number, load_run_id = ${runId} AS this_load
      FROM customers WHERE customer_number = ANY(${numbers}::integer[])`.execute(db).then((result) => result.rows))

const savepoint = (query: Query, statement: "SAVEPOINT" | "RELEASE SAVEPOINT" | "ROLLBACK TO SAVEPOINT") =>
  query("write customers", (db) => sql`${sql.raw(statement)} customer_chunk`.execute(db))

/**
 * Writes one chunk of validated customers in the caller's transaction; returns the numbers written.
 *
 * New customers go in with COPY, several times faster than any INSERT. COPY stops at a number staging
 * already holds; then the chunk is split: new customers are copied, customers of an earlier load are
 * replaced by the export's values, and customers this load already wrote are left alone and missing from
 * the result, which is how the caller finds the duplicates of VAL-3 across chunks.
 */
export const writeCustomers = (
  query: Query,
  copy: Copy,
  runId: string,
  customers: ReadonlyArray<Customer>
): Effect.Effect<ReadonlyArray<number>, DatabaseError> =>
  Effect.gen(function*() {
    yield* savepoint(query, "SAVEPOINT")
    const copied = yield* copyCustomers(copy, runId, customers).pipe(
      Effect.as(true),
      Effect.catchIf((error) => error.code === "23505", () => Effect.succeed(false))
    )
    if (copied) {
      yield* savepoint(query, "RELEASE SAVEPOINT")
      return customers.map((customer) => customer.customerNumber)
    }
    yield* savepoint(query, "ROLLBACK TO SAVEPOINT")
    const held = new Map((yield* heldCustomers(query, runId, customers.map((c) => c.customerNumber))).map((row) =>
      [row.customerNumber, row.thisLoad]
    ))
    const fresh = customers.filter((customer) => !held.has(customer.customerNumber))
    const reloaded = customers.filter((customer) => held.get(customer.customerNumber) === false)
    if (fresh.length > 0) yield* copyCustomers(copy, runId, fresh)
    const replaced = reloaded.length === 0 ? [] : yield* upsertCustomers(query, runId, reloaded)
    return [...fresh.map((customer) => customer.customerNumber), ...replaced]
  })

/** Profile rows of known customers; returns the keys written, so rows of unknown customers can be rejected. */
export const upsertProfiles = (query: Query, runId: string, rows: ReadonlyArray<ProfileData>) =>
  query("write profile data", (db) =>
    sql<{ customerNumber: number; profileDescription: string }>`
      INSERT INTO customer_profiles (customer_number, profile_description, value, load_run_id)
      SELECT p.customer_number, p.profile_description, p.value, ${runId}
      FROM unnest(
        ${rows.map((row) => row.customerNumber)}::integer[],
        ${rows.map((row) => row.profileDescription)}::text[],
        ${rows.map((row) => row.value)}::text[]
      ) AS p (customer_number, profile_description, value)
      WHERE EXISTS (SELECT 1 FROM customers c WHERE c.customer_number = p.customer_number)
      ON CONFLICT (customer_number, profile_description) DO UPDATE SET value = excluded.value,
        load_run_id = excluded.load_run_id
      WHERE customer_profiles.load_run_id <> excluded.load_run_id
      RETURNING customer_number, profile_description`.execute(db).then((result) => result.rows))

const jsonFields = sql.raw(customerFields.map((name) => `${snake(name)} AS "${name}"`).join(", "))

/**
 * The next chunk of customers flagged for ORCE (SYNC-2), after `afterCustomerNumber` (keyset pagination).
 * The chunk comes back as one JSON array: a driver decodes one value per row and column, and on PGlite that
 * cost three times the query itself.
 */
export const readFlaggedCustomers = (query: Query, afterCustomerNumber: number, limit: number) =>
  query("read flagged customers", (db) =>
    sql<{ customers: Array<Customer> }>`
      SELECT coalesce(json_agg(c ORDER BY c."customerNumber"), '[]') AS customers
      FROM (
        SELECT ${jsonFields} FROM customers
        WHERE sync_flag = 'Y' AND customer_number > ${afterCustomerNumber}
        ORDER BY customer_number
        LIMIT ${limit}
      ) AS c`.execute(db).then((result) => result.rows[0]!.customers))

/** Profile data of a chunk's customers, by customer number (MAP-13). */
export const readProfiles = (query: Query, customerNumbers: ReadonlyArray<number>) =>
  query("read profile data", (db) =>
    customerNumbers.length === 0 ? Promise.resolve([]) : db.selectFrom("customerProfiles")
      .select(["customerNumber", "profileDescription", "value"])
      .where("customerNumber", "in", customerNumbers)
      .orderBy("customerNumber").orderBy("profileDescription")
      .execute())

/** SYNC-2: the initial bulk export first flags every customer for ORCE. */
export const flagAllForSync = (query: Query) =>
  query("flag customers for sync", (db) =>
    db.updateTable("customers").set({ syncFlag: "Y" }).where("syncFlag", "<>", "Y").execute())

/**
 * Brings the planner's statistics of the customers up to date. PGlite runs no autovacuum: after a load or
 * a flag-all, stale figures make it read every flagged customer and sort them for each chunk.
 */
export const refreshCustomerStatistics = (query: Query) =>
  query("refresh customer statistics", (db) => sql`ANALYZE customers`.execute(db))

/** How many flagged customers a sync has ahead of it, for its progress. */
export const countFlaggedCustomers = (query: Query, afterCustomerNumber: number) =>
  query("count flagged customers", (db) =>
    db.selectFrom("customers")
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .where("syncFlag", "=", "Y")
      .where("customerNumber", ">", afterCustomerNumber)
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.count)))
