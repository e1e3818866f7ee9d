import { randomBytes } from "node:crypto"
import { Clock, Effect } from "effect"
import { sql } from "kysely"
import { Database } from "../db/database.ts"
import type { RunStatus } from "../db/tables.ts"

/** An input of a run (RPT-1): a file with its size and digest, or a table with its row count. */
export interface RunInput {
  readonly source: string
  readonly bytes?: number
  readonly sha256?: string
  readonly rows?: number
}

/** Run IDs sort by start time and say which pipeline ran: load-20261124T101500Z-3f9a. */
const newRunId = (pipeline: string, now: number) =>
  `${pipeline}-${new Date(now).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}-${randomBytes(2).toString("hex")}`

export interface NewRun {
  readonly pipeline: string
  readonly settings: Record<string, string>
  readonly inputs: ReadonlyArray<RunInput>
  /** The job's parameters, encoded: what `resume` builds the job again from. */
  readonly parameters: unknown
  readonly orceTarget?: string | undefined
}

export const startRun = Effect.fn("RunLedger.startRun")(function*(run: NewRun) {
  const { query } = yield* Database
  const now = yield* Clock.currentTimeMillis
  const runId = newRunId(run.pipeline, now)
  yield* query("start run", (db) =>
    db.insertInto("runs").values({
      runId,
      pipeline: run.pipeline,
      status: "running",
      settings: JSON.stringify(run.settings),
      inputs: JSON.stringify(run.inputs),
      counts: "{}",
      checkpoint: null,
      parameters: JSON.stringify(run.parameters),
      orceTarget: run.orceTarget ?? null,
      startedAt: new Date(now)
    }).execute())
  return runId
})

export const finishRun = Effect.fn("RunLedger.finishRun")(function*(
  runId: string,
  status: Exclude<RunStatus, "running">,
  counts: Record<string, number>
) {
  const { query } = yield* Database
  const now = yield* Clock.currentTimeMillis
  yield* query("finish run", (db) =>
    db.updateTable("runs")
      .set({ status, counts: JSON.stringify(counts), endedAt: new Date(now) })
      .where("runId", "=", runId)
      .execute())
})

export const getRun = Effect.fn("RunLedger.getRun")(function*(runId: string) {
  const { query } = yield* Database
  return yield* query("read run", (db) => db.selectFrom("runs").selectAll().where("runId", "=", runId).executeTakeFirst())
})

/**
 * Writes rejects given as a JSON array of Reject (`JSON.stringify` of them), in their order, in the chunk's
 * transaction: rejects commit with the chunk they belong to. One JSON parameter,
 * where a VALUES list would be seven parameters a reject, which the query builder compiles and the driver
 * sends one by one, for every chunk of a load; and a load's reading thread makes the JSON as it finds
 * the rejects, so this thread never holds them as objects.
 */
export const writeRejects = (runId: string, rejects: string) =>
  rejects === "[]"
    ? Effect.void
    : Effect.flatMap(Effect.service(Database), ({ query }) => query("write rejects", (db) =>
      sql`
        INSERT INTO rejects (run_id, source, line, customer_number, field, reason, rule)
        SELECT ${runId}, r.source, r.line, r.customer_number, r.field, r.reason, r.rule
        FROM ROWS FROM (json_to_recordset(${rejects}::json) AS (
          source text, line integer, "customerNumber" text, field text, reason text, rule text
        )) WITH ORDINALITY AS r(source, line, customer_number, field, reason, rule, position)
        ORDER BY r.position`.execute(db))).pipe(Effect.asVoid)

export const readRejects = Effect.fn("RunLedger.readRejects")(function*(runId: string, limit: number) {
  const { query } = yield* Database
  return yield* query("read rejects", (db) =>
    db.selectFrom("rejects").select(["source", "line", "customerNumber", "field", "reason", "rule"])
      .where("runId", "=", runId).orderBy("id").limit(limit).execute())
})

/** SYNC-12: whether the last sync of ORCE ended without finishing, so its last attempts may have reached ORCE. */
export const lastSyncUnfinished = Effect.fn("RunLedger.lastSyncUnfinished")(function*(beforeRunId: string) {
  const { query } = yield* Database
  const last = yield* query("read last sync run", (db) =>
    db.selectFrom("runs").select(["status"])
      .where("pipeline", "in", ["initial-export", "sync"])
      .where("runId", "<>", beforeRunId)
      .orderBy("startedAt", "desc").limit(1)
      .executeTakeFirst())
  return last !== undefined && last.status !== "completed"
})

/**
 * Runs, newest first, for `orce-sync runs`; `status` keeps only those in that state, `unfinished` those that
 * did not complete.
 */
export const listRuns = Effect.fn("RunLedger.listRuns")(function*(
  options: { readonly status?: RunStatus | undefined; readonly unfinished?: boolean; readonly limit: number }
) {
  const { query } = yield* Database
  return yield* query("list runs", (db) => {
    let select = db.selectFrom("runs").select(["runId", "pipeline", "status", "startedAt", "endedAt", "counts", "endReason"])
    if (options.status !== undefined) select = select.where("status", "=", options.status)
    if (options.unfinished === true) select = select.where("status", "<>", "completed")
    return select.orderBy("startedAt", "desc").orderBy("runId", "desc").limit(options.limit).execute()
  })
})

/** Marks a run running again, for `orce-sync resume`. */
export const reopenRun = Effect.fn("RunLedger.reopenRun")(function*(runId: string) {
  const { query } = yield* Database
  yield* query("reopen run", (db) =>
    db.updateTable("runs").set({ status: "running", endedAt: null, endReason: null }).where("runId", "=", runId).execute())
})

/**
 * Ends a run that stopped without ending itself (killed with -9, its machine gone), as whoever found it says:
 * its status, its running step with it, and why. Only a run the ledger still has as running: a run that
 * ended, or was resumed and is running again elsewhere, is left alone.
 */
export const endAbandonedRun = Effect.fn("RunLedger.endAbandonedRun")(function*(
  runId: string,
  status: Exclude<RunStatus, "running" | "completed">,
  reason: string
) {
  const { query } = yield* Database
  const now = new Date(yield* Clock.currentTimeMillis)
  const ended = yield* query("end an abandoned run", (db) =>
    db.updateTable("runs").set({ status, endedAt: now, endReason: reason })
      .where("runId", "=", runId).where("status", "=", "running").executeTakeFirst())
  if (Number(ended.numUpdatedRows) === 0) return false
  yield* query("end the abandoned run's step", (db) =>
    db.updateTable("stepExecutions").set({ status, endedAt: now })
      .where("runId", "=", runId).where("status", "=", "running").execute())
  return true
})
