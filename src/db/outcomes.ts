import { sql } from "kysely"
import type { Query } from "./database.ts"

/**
 * SYNC-12 across runs: the customers whose latest outcome, in any earlier run, was `deferred`. Their last
 * attempt may have reached ORCE before its answer was lost, so the next run looks them up by their OROMS
 * alt key before it would create them. A deferral counts unless a run started after it has an outcome for
 * the same customer.
 */
export const readLastDeferred = (query: Query, customerNumbers: ReadonlyArray<number>) =>
  query("read earlier deferrals", async (db) => {
    if (customerNumbers.length === 0) return new Set<number>()
    const result = await sql<{ customerNumber: number }>`
      SELECT d.customer_number
      FROM sync_outcomes AS d
      JOIN runs AS r ON r.run_id = d.run_id
      WHERE d.outcome = 'deferred' AND d.customer_number = ANY(${customerNumbers}::integer[])
        AND NOT EXISTS (
          SELECT 1 FROM runs AS later
          JOIN sync_outcomes AS o ON o.run_id = later.run_id AND o.customer_number = d.customer_number
          WHERE later.started_at > r.started_at
        )`.execute(db)
    return new Set(result.rows.map((row) => row.customerNumber))
  })
