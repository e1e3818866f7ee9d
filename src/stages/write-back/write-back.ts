import { Clock, Effect } from "effect"
import { sql } from "kysely"
import type { Query } from "../../db/database.ts"
import type { SyncResult } from "../sync/sync-customer.ts"

export interface ChunkCheckpoint {
  readonly chunk: number
  readonly lastCustomerNumber: number
}

const succeeded = (result: SyncResult) =>
  result.outcome === "created" || result.outcome === "updated" || result.outcome === "relate-id-changed"

/**
 * Writes a chunk's results in the caller's transaction, with the chunk's checkpoint, so that the staging
 * data and the point a resumed run continues from always agree (REL-1).
 *
 * SYNC-7: a synchronized customer gets its Relate ID, its sync flag cleared and its e-commerce ID cleared.
 * SYNC-8: a deferred or failed one is left as it was: flag Y, e-commerce ID kept, tried again next run.
 */
export const writeBack = Effect.fnUntraced(function*(
  query: Query,
  runId: string,
  results: ReadonlyArray<SyncResult>,
  checkpoint: ChunkCheckpoint
) {
  const synced = results.filter(succeeded)
  if (synced.length > 0) {
    yield* query("write back relate IDs", (db) =>
      sql`
        UPDATE customers AS c
        SET relate_id = u.relate_id, sync_flag = 'N', ecommerce_id = ''
        FROM unnest(
          ${synced.map((result) => result.customer.customerNumber)}::integer[],
          ${synced.map((result) => result.relateIdAfter)}::text[]
        ) AS u (customer_number, relate_id)
        WHERE c.customer_number = u.customer_number`.execute(db))
  }
  if (results.length > 0) {
    yield* query("write outcomes", (db) =>
      db.insertInto("syncOutcomes").values(results.map((result) => ({
        runId,
        customerNumber: result.customer.customerNumber,
        chunk: checkpoint.chunk,
        outcome: result.outcome,
        match: result.match,
        relateIdBefore: result.customer.relateId,
        relateIdAfter: result.relateIdAfter,
        reason: result.reason,
        requests: result.requests
      }))).execute())
  }
  const truncations = results.flatMap((result) =>
    result.truncations.map((truncation) => ({
      runId,
      customerNumber: result.customer.customerNumber,
      field: truncation.field,
      before: truncation.before,
      after: truncation.after
    }))
  )
  if (truncations.length > 0) {
    yield* query("write truncations", (db) => db.insertInto("truncations").values(truncations).execute())
  }
  const now = new Date(yield* Clock.currentTimeMillis)
  yield* query("write checkpoint", (db) =>
    db.insertInto("runChunks").values({
      runId,
      chunk: checkpoint.chunk,
      lastCustomerNumber: checkpoint.lastCustomerNumber,
      customers: results.length,
      committedAt: now
    }).execute())
  yield* query("write checkpoint", (db) =>
    db.updateTable("runs")
      .set({ checkpoint: JSON.stringify({ phase: "sync", ...checkpoint }) })
      .where("runId", "=", runId)
      .execute())
})
