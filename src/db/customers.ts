import { Effect } from "effect"
import { sql } from "kysely"
import { type Customer, customerFields, type ProfileData } from "../domain/customer.ts"
import { copyValue } from "./copy-text.ts"
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
const upsertCustomers = (query: Query, stamp: LoadStamp, customers: ReadonlyArray<Customer>) => {
  const arrays = columns.map((name) => customers.map((customer) => stamped(stamp, customer, name)))
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

/** What a load writes besides the export's values: its run, and for the initial export the sync flag. */
export interface LoadStamp {
  readonly runId: string
  /** SYNC-2: the initial bulk export flags every customer it loads. */
  readonly flagForSync: boolean
}

const stamped = (stamp: LoadStamp, customer: Customer, name: (typeof columns)[number]) =>
  name === "loadRunId" ? stamp.runId : name === "syncFlag" && stamp.flagForSync ? "Y" : customer[name]

/** A customer's COPY line, stamped as every write of the load stamps it. */
const copyLineOf = (stamp: LoadStamp, customer: Customer, values: Array<string>) => {
  for (let index = 0; index < columns.length; index++) values[index] = copyValue(stamped(stamp, customer, columns[index]!))
  return values.join("\t") + "\n"
}

/**
 * A chunk of customers with their COPY lines. Made before the chunk's transaction, while the database
 * writes the chunk before it, so that the database never waits for the text.
 */
export interface EncodedCustomers {
  readonly stamp: LoadStamp
  readonly customers: ReadonlyArray<Customer>
  readonly lines: ReadonlyArray<string>
}

export const encodeCustomers = (stamp: LoadStamp, customers: ReadonlyArray<Customer>): EncodedCustomers => {
  const values = new Array<string>(copyColumns.length)
  return { stamp, customers, lines: customers.map((customer) => copyLineOf(stamp, customer, values)) }
}

/** Lines per piece of COPY text: PostgreSQL stores one piece while the next is sent. */
const copyPieceLines = 500

function* copyPieces(lines: ReadonlyArray<string>) {
  for (let start = 0; start < lines.length; start += copyPieceLines) {
    yield lines.slice(start, start + copyPieceLines).join("")
  }
}

const copyCustomers = (copy: Copy, lines: ReadonlyArray<string>) =>
  copy("write customers", "customers", copyColumns, copyPieces(lines))

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
  { customers, lines, stamp }: EncodedCustomers
): Effect.Effect<ReadonlyArray<number>, DatabaseError> =>
  Effect.gen(function*() {
    yield* savepoint(query, "SAVEPOINT")
    const copied = yield* copyCustomers(copy, lines).pipe(
      Effect.as(true),
      Effect.catchIf((error) => error.code === "23505", () => Effect.succeed(false))
    )
    if (copied) {
      yield* savepoint(query, "RELEASE SAVEPOINT")
      return customers.map((customer) => customer.customerNumber)
    }
    yield* savepoint(query, "ROLLBACK TO SAVEPOINT")
    const held = new Map((yield* heldCustomers(query, stamp.runId, customers.map((c) => c.customerNumber))).map((row) =>
      [row.customerNumber, row.thisLoad]
    ))
    const fresh = customers.flatMap((customer, index) => held.has(customer.customerNumber) ? [] : [index])
    const reloaded = customers.filter((customer) => held.get(customer.customerNumber) === false)
    if (fresh.length > 0) yield* copyCustomers(copy, fresh.map((index) => lines[index]!))
    const replaced = reloaded.length === 0 ? [] : yield* upsertCustomers(query, stamp, reloaded)
    return [...fresh.map((index) => customers[index]!.customerNumber), ...replaced]
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
