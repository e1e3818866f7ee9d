import type { Query } from "./database.ts"

/**
 * SYNC-12 across runs: the customers whose latest outcome, in any earlier run, was `deferred`. Their last
 * attempt may have reached ORCE before its answer was lost, so the next run looks them up by their OROMS
 * alt key before it would create them.
 */
export const readLastDeferred = (query: Query, customerNumbers: ReadonlyArray<number>) =>
  query("read earlier deferrals", async (db) => {
    if (customerNumbers.length === 0) return new Set<number>()
    const rows = await db.selectFrom("syncOutcomes")
      .innerJoin("runs", "runs.runId", "syncOutcomes.runId")
      .select(["syncOutcomes.customerNumber", "syncOutcomes.outcome", "runs.startedAt"])
      .where("syncOutcomes.customerNumber", "in", customerNumbers)
      .orderBy("runs.startedAt")
      .execute()
    const latest = new Map<number, string>()
    for (const row of rows) latest.set(row.customerNumber, row.outcome)
    return new Set([...latest].filter(([, outcome]) => outcome === "deferred").map(([number]) => number))
  })
