import { sql } from "kysely"
import { Effect } from "effect"
import { Database } from "../db/database.ts"
import type { SyncOutcomeTable } from "../db/tables.ts"
import { writeCsvFile } from "./csv-file.ts"
import { pagedCursor, pageSize } from "./paged-cursor.ts"
import { rejectNotNumbered, rejectNumber, sourceInOrder } from "./reject-order.ts"

export const outcomeColumns = [
  "customer_number",
  "outcome",
  "match",
  "relate_id_before",
  "relate_id_after",
  "reason",
  "source",
  "line",
  "rule"
] as const

type OutcomeRow = Pick<
  SyncOutcomeTable,
  "customerNumber" | "outcome" | "match" | "relateIdBefore" | "relateIdAfter" | "reason"
>

interface RejectedRecord {
  readonly notNumbered: number
  readonly number: number
  readonly source: string
  readonly line: number
  readonly customerNumber: string
  readonly reasons: string
  readonly rules: string
}

/**
 * Writes outcomes.csv (RPT-3): one row per record of the run — every customer the sync decided about and
 * every rejected record (one row per source and line, its field problems joined) — in customer-number
 * order, a rejected record after the synchronized customer of the same number, records whose number is no
 * number at the end. Returns the number of rows.
 */
export const writeOutcomesCsv = Effect.fn("writeOutcomesCsv")(function*(runId: string, path: string) {
  const { query } = yield* Database
  const synced = pagedCursor(
    (after: number | undefined) =>
      // A page comes back as one JSON array: a driver decodes one value per row and column, many times slower.
      query("read outcomes", (db) =>
        sql<{ page: Array<OutcomeRow> }>`
          SELECT coalesce(json_agg(o ORDER BY o."customerNumber"), '[]') AS page
          FROM (
            SELECT customer_number AS "customerNumber", outcome, match, relate_id_before AS "relateIdBefore",
              relate_id_after AS "relateIdAfter", reason
            FROM sync_outcomes
            WHERE run_id = ${runId} ${after === undefined ? sql`` : sql`AND customer_number > ${after}`}
            ORDER BY customer_number
            LIMIT ${pageSize}
          ) AS o`.execute(db).then((result) => result.rows[0]!.page)),
    (row) => row.customerNumber
  )
  const rejected = pagedCursor(
    (after: RejectedRecord | undefined) =>
      query("read rejected records", (db) =>
        db.selectFrom("rejects")
          .select([
            rejectNotNumbered.as("notNumbered"),
            rejectNumber.as("number"),
            "source",
            "line",
            sql<string>`min(customer_number)`.as("customerNumber"),
            sql<string>`string_agg(field || ': ' || reason, '; ' order by field collate "C", id)`.as("reasons"),
            sql<string>`string_agg(distinct rule, '; ' order by rule)`.as("rules")
          ])
          .where("runId", "=", runId)
          .$if(after !== undefined, (q) =>
            q.where(
              sql<boolean>`(${rejectNotNumbered}, ${rejectNumber}, ${sourceInOrder}, line) > (${after!.notNumbered}, ${after!.number}, ${after!.source}, ${after!.line})`
            ))
          .groupBy([rejectNotNumbered, rejectNumber, "source", "line"])
          .orderBy(rejectNotNumbered).orderBy(rejectNumber).orderBy(sourceInOrder).orderBy("line")
          .limit(pageSize).execute()),
    (row) => row
  )

  return yield* writeCsvFile(path, outcomeColumns, (write) =>
    Effect.gen(function*() {
      let rows = 0
      for (;;) {
        yield* synced.fill
        yield* rejected.fill
        // Rows go to the file a batch at a time, as far as both pages reach.
        const batch: Array<ReadonlyArray<unknown>> = []
        while (synced.filled() && rejected.filled()) {
          const outcome = synced.current()
          const record = rejected.current()
          if (outcome === undefined && record === undefined) break
          const outcomeFirst = record === undefined ||
            (outcome !== undefined && record.notNumbered === 0 && outcome.customerNumber <= record.number) ||
            (outcome !== undefined && record.notNumbered === 1)
          if (outcomeFirst && outcome !== undefined) {
            batch.push([
              outcome.customerNumber,
              outcome.outcome,
              outcome.match,
              outcome.relateIdBefore,
              outcome.relateIdAfter,
              outcome.reason,
              "",
              "",
              ""
            ])
            synced.advance()
          } else if (record !== undefined) {
            batch.push([record.customerNumber, "rejected", "", "", "", record.reasons, record.source, record.line, record.rules])
            rejected.advance()
          }
        }
        if (batch.length === 0) return rows
        rows += batch.length
        yield* write(batch)
      }
    }))
})
