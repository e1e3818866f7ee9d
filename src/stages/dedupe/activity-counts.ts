import { Effect } from "effect"
import { Database } from "../../db/database.ts"
import type { Activity } from "./survivor.ts"

/**
 * DUP-5: how much each customer has done (orders, invoices, receipts, credits, adjustments in the activity
 * table), for the survivor rule: a Relate ID first, then the most activity. One grouped count, not a query
 * per cluster; a customer with no activity counts 0.
 */
export const activityCounts = Effect.flatMap(Effect.service(Database), ({ query }) =>
  query("count activity per customer", (db) =>
    db.selectFrom("activity")
      .select((eb) => ["customerNumber", eb.fn.countAll<string>().as("count")])
      .groupBy("customerNumber")
      .execute()
  ).pipe(Effect.map((rows): Activity => {
    const counts = new Map(rows.map((row) => [row.customerNumber, Number(row.count)]))
    return (customer) => counts.get(customer.customerNumber) ?? 0
  })))
