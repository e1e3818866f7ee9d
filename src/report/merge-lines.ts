import { Effect } from "effect"
import { sql } from "kysely"
import { Database } from "../db/database.ts"
import type { MergeResultTable } from "../db/tables.ts"
import { pageSize } from "./paged-cursor.ts"

/** A line of the Customer Merge Execution Report (MRG-12) or of a review of past merges (MRG-13): a stored merge result. */
export type MergeLine = Omit<MergeResultTable, "oldRelateId" | "newRelateId">

export interface LineKey {
  readonly runId: string
  readonly requestId: number
  readonly line: number
}

/** Which merges: those of a run, or every merge a customer took part in, old or new. */
export type MergeLineFilter = { readonly runId: string } | { readonly customer: number }

type LineRow = [
  string, number, number, number, string, number, string, string | null, string | null, string | null, string | null, string | null,
  boolean | null, MergeLine["status"], string | null, string | null
]

const lineOf = (
  [runId, requestId, line, oldCustomer, oldName, newCustomer, newName, oldAddress, newAddress, oldLocation, newLocation, siteUse, isPrimary, status, errorMessage, orceMerge]:
    LineRow
): MergeLine => ({
  runId,
  requestId,
  line,
  oldCustomer,
  oldName,
  newCustomer,
  newName,
  oldAddress,
  newAddress,
  oldLocation,
  newLocation,
  siteUse,
  isPrimary,
  status,
  errorMessage,
  orceMerge
})

/**
 * The lines after `after`. Within one run, run_id stays out of the comparison: with it, PostgreSQL starts each
 * page at the run's first line and walks to the key, so a run's report took time in the square of its lines.
 */
const afterKey = (filter: MergeLineFilter, after: LineKey | undefined) =>
  after === undefined
    ? sql``
    : "runId" in filter
    ? sql`AND (request_id, line) > (${after.requestId}, ${after.line})`
    : sql`AND (run_id, request_id, line) > (${after.runId}, ${after.requestId}, ${after.line})`

/**
 * A page of merge lines after `after`, in run, request and line order; one JSON value per page, of arrays: the
 * server builds them in half the time objects with their keys take.
 */
export const readMergeLines = (filter: MergeLineFilter, after: LineKey | undefined, limit = pageSize) =>
  Effect.flatMap(Effect.service(Database), ({ query }) =>
    query("read merge lines", (db) =>
      sql<{ page: Array<LineRow> }>`
        SELECT coalesce(json_agg(json_build_array(run_id, request_id, line, old_customer, old_name, new_customer, new_name, old_address,
          new_address, old_location, new_location, site_use, is_primary, status, error_message, orce_merge) ORDER BY run_id, request_id, line), '[]') AS page
        FROM (
          SELECT * FROM merge_results
          WHERE ${"runId" in filter ? sql`run_id = ${filter.runId}` : sql`(old_customer = ${filter.customer} OR new_customer = ${filter.customer})`}
            ${afterKey(filter, after)}
          ORDER BY run_id, request_id, line
          LIMIT ${limit}
        ) AS m`.execute(db).then((result) => result.rows[0]!.page.map(lineOf))))

/**
 * Brings the planner's statistics of merge_results up to date. A batch has just written its lines, faster than
 * autovacuum follows: with the table still counted empty, each page of the report was read by sorting every
 * line after it instead of walking the primary key, so writing the report took time in the square of its lines.
 */
export const analyzeMergeLines = Effect.flatMap(Effect.service(Database), ({ query }) =>
  query("update the statistics of the merge results", (db) => sql`ANALYZE merge_results`.execute(db)))

/** How many lines the run's report has. */
export const countMergeLines = (runId: string) =>
  Effect.flatMap(Effect.service(Database), ({ query }) =>
    query("count the run's merge lines", (db) =>
      db.selectFrom("mergeResults").select((eb) => eb.fn.countAll<string>().as("count")).where("runId", "=", runId)
        .executeTakeFirstOrThrow()).pipe(Effect.map((row) => Number(row.count))))

/** MRG-12's totals: requests per process flag, as the run left them. */
export const mergeTotals = (runId: string) =>
  Effect.flatMap(Effect.service(Database), ({ query }) =>
    query("count the run's merges", (db) =>
      sql<{ flag: string; requests: string }>`
        SELECT CASE WHEN error_message IS NULL THEN 'COMPLETED' ELSE 'FAILED' END AS flag, count(DISTINCT request_id)::text AS requests
        FROM merge_results WHERE run_id = ${runId} GROUP BY 1
        UNION ALL
        SELECT process_flag, count(*)::text FROM merge_requests
        WHERE batch_run_id = ${runId} AND process_flag IN ('PROCESSING', 'IN_PROGRESS') GROUP BY 1`.execute(db)).pipe(
        Effect.map((result) => {
          const totals: Record<string, number> = { COMPLETED: 0, FAILED: 0 }
          for (const row of result.rows) totals[row.flag] = (totals[row.flag] ?? 0) + Number(row.requests)
          return totals
        })
      ))

/** Name [Number], as the report shows a customer. */
export const nameAndNumber = (name: string, number: number) => `${name} [${number}]`

/** The report's columns, in its order (MRG-12). */
export const mergeLineColumns = [
  "request_id",
  "old_name_number",
  "new_name_number",
  "old_address",
  "new_address",
  "old_location",
  "new_location",
  "site_use",
  "primary",
  "status",
  "error_message",
  "orce_merge",
  "run_id"
] as const

export const mergeLineCells = (line: MergeLine): ReadonlyArray<string | number> => [
  line.requestId,
  nameAndNumber(line.oldName, line.oldCustomer),
  nameAndNumber(line.newName, line.newCustomer),
  line.oldAddress ?? "",
  line.newAddress ?? "",
  line.oldLocation ?? "",
  line.newLocation ?? "",
  line.siteUse ?? "",
  line.isPrimary === null ? "" : line.isPrimary ? "Yes" : "No",
  line.status ?? "",
  line.errorMessage ?? "",
  line.orceMerge ?? "",
  line.runId
]
