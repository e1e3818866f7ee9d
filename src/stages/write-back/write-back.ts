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
  // One array parameter per column, unnested into rows: a chunk of any size (CHUNK_SIZE ≤ 100,000) stays far
  // below PostgreSQL's 65,535 bind parameters per statement, which a multi-row VALUES list reaches at ~7,000.
  if (results.length > 0) {
    yield* query("write outcomes", (db) =>
      sql`
        INSERT INTO sync_outcomes
          (run_id, customer_number, chunk, outcome, match, relate_id_before, relate_id_after, reason, requests)
        SELECT ${runId}::text, o.customer_number, ${checkpoint.chunk}::integer, o.outcome, o.match,
          o.relate_id_before, o.relate_id_after, o.reason, o.requests
        FROM unnest(
          ${results.map((result) => result.customer.customerNumber)}::integer[],
          ${results.map((result) => result.outcome)}::text[],
          ${results.map((result) => result.match)}::text[],
          ${results.map((result) => result.customer.relateId)}::text[],
          ${results.map((result) => result.relateIdAfter)}::text[],
          ${results.map((result) => result.reason)}::text[],
          ${results.map((result) => result.requests)}::integer[]
        ) AS o (customer_number, outcome, match, relate_id_before, relate_id_after, reason, requests)`.execute(db))
  }
  const truncations = results.flatMap((result) =>
    result.truncations.map((truncation) => ({
      customerNumber: result.customer.customerNumber,
      field: truncation.field,
      before: truncation.before,
      after: truncation.after
    }))
  )
  if (truncations.length > 0) {
    yield* query("write truncations", (db) =>
      sql`
        INSERT INTO truncations (run_id, customer_number, field, before, after)
        SELECT ${runId}::text, t.customer_number, t.field, t.before, t.after
        FROM unnest(
          ${truncations.map((truncation) => truncation.customerNumber)}::integer[],
          ${truncations.map((truncation) => truncation.field)}::text[],
          ${truncations.map((truncation) => truncation.before)}::text[],
          ${truncations.map((truncation) => truncation.after)}::text[]
        ) AS t (customer_number, field, before, after)`.execute(db))
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
