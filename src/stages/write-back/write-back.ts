import { Clock, Effect } from "effect"
import { sql } from "kysely"
import { copyLine } from "../../db/copy-text.ts"
import { Database } from "../../db/database.ts"
import type { SyncResult } from "../sync/sync-customer.ts"

/** A sync chunk as written back: its number in the step and its last customer. */
export interface WrittenChunk {
  readonly chunk: number
  readonly lastCustomerNumber: number
}

const outcomeColumns = [
  "run_id",
  "customer_number",
  "chunk",
  "outcome",
  "match",
  "relate_id_before",
  "relate_id_after",
  "reason",
  "requests"
]
const truncationColumns = ["run_id", "customer_number", "field", "before", "after"]

/**
 * Writes a chunk's results in the chunk's transaction, which commits the step's checkpoint with them, so
 * that the staging data and the point a resumed run continues from always agree (REL-1).
 *
 * SYNC-7: a synchronized customer gets its Relate ID, its sync flag cleared and its e-commerce ID cleared.
 * SYNC-8: a deferred or failed one is left as it was: flag Y, e-commerce ID kept, tried again next run.
 * Outcomes and truncations go in with COPY: a chunk's rows are all new.
 */
export const writeBack = Effect.fnUntraced(function*(
  runId: string,
  results: ReadonlyArray<SyncResult>,
  checkpoint: WrittenChunk
) {
  const { copy, query } = yield* Database
  if (results.length > 0) {
    let outcomes = ""
    let truncations = ""
    for (const result of results) {
      const customerNumber = result.customer.customerNumber
      outcomes += copyLine([
        runId,
        customerNumber,
        checkpoint.chunk,
        result.outcome,
        result.match,
        result.customer.relateId,
        result.relateIdAfter,
        result.reason,
        result.requests
      ])
      for (const truncation of result.truncations) {
        truncations += copyLine([runId, customerNumber, truncation.field, truncation.before, truncation.after])
      }
    }
    yield* copy("write outcomes", "sync_outcomes", outcomeColumns, [outcomes])
    if (truncations !== "") yield* copy("write truncations", "truncations", truncationColumns, [truncations])
    // SYNC-7 from the outcomes just written: the chunk's customers are a range of customer numbers, which
    // the outcomes' primary key (run, customer) finds without reading the rest of the run.
    yield* query("write back relate IDs", (db) =>
      sql`
        UPDATE customers AS c
        SET relate_id = o.relate_id_after, sync_flag = 'N', ecommerce_id = ''
        FROM sync_outcomes AS o
        WHERE o.run_id = ${runId}
          AND o.customer_number BETWEEN ${results[0]!.customer.customerNumber} AND ${checkpoint.lastCustomerNumber}
          AND o.chunk = ${checkpoint.chunk}
          AND o.outcome IN ('created', 'updated', 'relate-id-changed')
          AND c.customer_number = o.customer_number`.execute(db))
  }
  // The chunk's place in the run's throughput over time (the report's chart).
  const now = new Date(yield* Clock.currentTimeMillis)
  yield* query("write chunk time", (db) =>
    db.insertInto("runChunks").values({
      runId,
      chunk: checkpoint.chunk,
      lastCustomerNumber: checkpoint.lastCustomerNumber,
      customers: results.length,
      committedAt: now
    }).execute())
})
