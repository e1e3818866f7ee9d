import { Effect } from "effect"
import { sql } from "kysely"
import { Database } from "../../db/database.ts"
import type { Customer } from "../../domain/customer.ts"
import { customerFields } from "../../domain/customer.ts"
import { snake } from "../../db/copy-rows.ts"

/**
 * The OACS Customer Sold To rows an order message reads and writes, in the transaction of its chunk. Only
 * active customers are found: a merged-away one (MRG-7) is not the customer of a new order.
 */

const selectList = sql.raw(customerFields.map((name) => `${snake(name)} AS "${name}"`).join(", "))

const readCustomers = (operation: string, where: ReturnType<typeof sql>) =>
  Effect.flatMap(Effect.service(Database), ({ query }) =>
    query(operation, (db) =>
      sql<Customer>`SELECT ${selectList} FROM customers WHERE status = 'A' AND ${where} ORDER BY customer_number`
        .execute(db).then((result) => result.rows)))

export const customerByNumber = (customerNumber: number) =>
  Effect.map(readCustomers("read customer by number", sql`customer_number = ${customerNumber}`), (rows) => rows[0])

/** The customer holding this Relate ID; the lowest number when several do. */
export const customerByRelateId = (relateId: string) =>
  Effect.map(readCustomers("read customer by Relate ID", sql`relate_id = ${relateId}`), (rows) => rows[0])

/** Candidates of a matchcode search: the customers whose postal code starts as the matchcode does (`postal5`). */
export const customersInPostalArea = (postal5: string) =>
  readCustomers(
    "read customers by postal code",
    sql`left(upper(regexp_replace(postal_code, '[^A-Za-z0-9]', '', 'g')), 5) = ${postal5}`
  )

/** The number a new OACS customer gets: one above the highest, so a replay numbers its customers the same way. */
export const nextCustomerNumber = Effect.flatMap(Effect.service(Database), ({ query }) =>
  query("next customer number", (db) =>
    sql<{ next: number }>`SELECT coalesce(max(customer_number), 0) + 1 AS next FROM customers`.execute(db)
      .then((result) => Number(result.rows[0]!.next))))

/** Inserts a customer an order message created, or replaces the one with its number, in the chunk's transaction. */
export const saveCustomer = (customer: Customer, runId: string) =>
  Effect.flatMap(Effect.service(Database), ({ query }) =>
    query("save order customer", (db) =>
      db.insertInto("customers").values({ ...customer, loadRunId: runId })
        .onConflict((conflict) => conflict.column("customerNumber").doUpdateSet({ ...customer }))
        .execute())).pipe(Effect.asVoid)
