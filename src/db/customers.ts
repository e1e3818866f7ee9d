import { sql } from "kysely"
import { type Customer, customerFields, type ProfileData } from "../domain/customer.ts"
import type { Query } from "./database.ts"

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
const integerColumns: ReadonlySet<keyof Customer> = new Set(["customerNumber", "birthMonth", "birthDay"])

const columns = [...customerFields, "loadRunId" as const]
const columnList = sql.raw(columns.map(snake).join(", "))
const updateList = sql.raw(
  columns.filter((name) => name !== "customerNumber").map((name) => `${snake(name)} = excluded.${snake(name)}`).join(", ")
)

/**
 * Writes one chunk of validated customers with a single statement: one array parameter per column,
 * unnested into rows, so a chunk costs one round trip on PostgreSQL and PGlite alike.
 *
 * A customer already written by an earlier load is replaced by the export's values; one already written
 * by this load is left alone and missing from the returned numbers, which is how the caller finds the
 * duplicates of VAL-3 across chunks.
 */
export const upsertCustomers = (query: Query, runId: string, customers: ReadonlyArray<Customer>) => {
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

/** The next chunk of customers flagged for ORCE (SYNC-2), after `afterCustomerNumber` (keyset pagination). */
export const readFlaggedCustomers = (query: Query, afterCustomerNumber: number, limit: number) =>
  query("read flagged customers", (db) =>
    db.selectFrom("customers")
      .select(customerFields)
      .where("syncFlag", "=", "Y")
      .where("customerNumber", ">", afterCustomerNumber)
      .orderBy("customerNumber")
      .limit(limit)
      .execute())

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
  query("flag customers for sync", (db) => db.updateTable("customers").set({ syncFlag: "Y" }).execute())

/** How many flagged customers a sync has ahead of it, for its progress. */
export const countFlaggedCustomers = (query: Query, afterCustomerNumber: number) =>
  query("count flagged customers", (db) =>
    db.selectFrom("customers")
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .where("syncFlag", "=", "Y")
      .where("customerNumber", ">", afterCustomerNumber)
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.count)))
