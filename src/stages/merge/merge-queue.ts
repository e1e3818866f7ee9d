import { Effect } from "effect"
import { sql } from "kysely"
import { anyOf } from "../../db/any-of.ts"
import { Database } from "../../db/database.ts"
import type { MergePriority } from "../../domain/merge-request.ts"
import { endAbandonedRun } from "../../runs/run-ledger.ts"
import { type BatchHolder, isAlive, leaseMs, thisHost } from "./batch-liveness.ts"

/** Why a batch that holds requests is taken for dead, in the words the run ledger keeps. */
const deathOf = (holder: BatchHolder) =>
  holder.host === thisHost || holder.heartbeatAt === null
    ? `its process ${holder.pid ?? "?"} on ${holder.host ?? "?"} is no longer running (killed or crashed)`
    : `no heartbeat from ${holder.host ?? "?"} since ${holder.heartbeatAt.toISOString()}, past the ${leaseMs / 60_000}-minute lease`

/**
 * Puts back to SAVED the requests a batch took (PROCESSING, IN_PROGRESS) when that batch is no longer
 * running — crashed, killed, failed — so the next batch takes them without anyone touching the database
 * (MRG-9). A dead batch whose run the ledger still has as running (killed with -9: it could not say so) is
 * ended there as interrupted — resumable, since nothing failed — with why and by whom. Answers how many
 * requests it put back.
 */
export const recoverStuckRequests = Effect.fnUntraced(function*(runId: string, now: Date) {
  const { query } = yield* Database
  const holders = yield* query("find the batches holding requests", (db) =>
    sql<BatchHolder>`
      SELECT h.batch_run_id AS "runId", r.status, b.host, b.pid, b.heartbeat_at AS "heartbeatAt"
      FROM (SELECT DISTINCT batch_run_id FROM merge_requests
            WHERE process_flag IN ('PROCESSING', 'IN_PROGRESS')) h
      LEFT JOIN runs r ON r.run_id = h.batch_run_id
      LEFT JOIN merge_batches b ON b.run_id = h.batch_run_id`.execute(db))
  const dead = holders.rows
    .map((holder) => ({ ...holder, heartbeatAt: holder.heartbeatAt === null ? null : new Date(holder.heartbeatAt) }))
    .filter((holder) => !isAlive(holder, now))
  let recovered = 0
  for (const holder of dead) {
    const result = yield* query("put stuck requests back to SAVED", (db) =>
      db.updateTable("mergeRequests").set({ processFlag: "SAVED", batchRunId: null, updatedAt: now })
        .where("processFlag", "in", ["PROCESSING", "IN_PROGRESS"])
        .where((eb) => holder.runId === null ? eb("batchRunId", "is", null) : eb("batchRunId", "=", holder.runId))
        .executeTakeFirst())
    const count = Number(result.numUpdatedRows)
    recovered += count
    if (holder.runId !== null && holder.status === "running") {
      yield* endAbandonedRun(
        holder.runId,
        "interrupted",
        `${deathOf(holder)}; merge batch ${runId} found it and put its ${count} unfinished merge request${count === 1 ? "" : "s"} back to SAVED (MRG-9)`
      )
    }
  }
  return recovered
})

/** Records the batch as running in this process, or again after a resume. */
export const registerBatch = Effect.fnUntraced(function*(
  runId: string,
  options: { readonly priority: MergePriority | undefined; readonly commitSize: number },
  now: Date
) {
  const { query } = yield* Database
  yield* query("record the merge batch", (db) =>
    db.insertInto("mergeBatches").values({
      runId,
      priority: options.priority ?? null,
      commitSize: options.commitSize,
      host: thisHost,
      pid: process.pid,
      heartbeatAt: now
    }).onConflict((oc) => oc.column("runId").doUpdateSet({ host: thisHost, pid: process.pid, heartbeatAt: now })).execute())
})

export const heartbeat = (runId: string, now: Date) =>
  Effect.flatMap(Effect.service(Database), ({ query }) =>
    query("beat the merge batch's heart", (db) => db.updateTable("mergeBatches").set({ heartbeatAt: now }).where("runId", "=", runId).execute()))

/**
 * Takes the SAVED requests (of one priority, when given) for this batch: PROCESSING, queued (MRG-8). One
 * statement: on PostgreSQL `FOR UPDATE SKIP LOCKED` lets two batches started together split the requests
 * instead of waiting on each other, and the outer condition, checked again on the row's newest version,
 * never takes a request another batch took first. PGlite has one connection and runs one statement at a
 * time, so the statement alone is atomic there.
 */
export const claimRequests = Effect.fnUntraced(function*(runId: string, priority: MergePriority | undefined, now: Date) {
  const { query } = yield* Database
  const result = yield* query("take the saved merge requests", (db) =>
    sql`
      UPDATE merge_requests SET process_flag = 'PROCESSING', batch_run_id = ${runId}, updated_at = ${now}
      WHERE process_flag = 'SAVED' AND id IN (
        SELECT id FROM merge_requests
        WHERE process_flag = 'SAVED' ${priority === undefined ? sql`` : sql`AND priority = ${priority}`}
        ORDER BY priority, created_at, id
        FOR UPDATE SKIP LOCKED)`.execute(db))
  return Number(result.numAffectedRows ?? 0)
})

/**
 * Brings the planner's statistics of merge_requests up to date once the batch has taken its requests. Counted
 * before the claim, the batch's run ID was on no request, so the planner took every batch's queue for one row
 * and found the other requests of a set's from-customers (readNextSet) by walking the whole queue, each set.
 */
export const analyzeRequests = Effect.flatMap(Effect.service(Database), ({ query }) =>
  query("update the statistics of the merge requests", (db) => sql`ANALYZE merge_requests`.execute(db)))

/** A resumed batch takes up the set it was working on when it stopped: IN_PROGRESS back to queued. */
export const requeueOwnRequests = Effect.fnUntraced(function*(runId: string, now: Date) {
  const { query } = yield* Database
  yield* query("requeue the batch's unfinished set", (db) =>
    db.updateTable("mergeRequests").set({ processFlag: "PROCESSING", updatedAt: now })
      .where("batchRunId", "=", runId).where("processFlag", "=", "IN_PROGRESS").execute())
})

export const countQueued = Effect.fnUntraced(function*(runId: string) {
  const { query } = yield* Database
  const row = yield* query("count the batch's queue", (db) =>
    db.selectFrom("mergeRequests").select((eb) => eb.fn.countAll<string>().as("count"))
      .where("batchRunId", "=", runId).where("processFlag", "=", "PROCESSING").executeTakeFirst())
  return Number(row?.count ?? 0)
})

const requestColumns = ["id", "fromCustomer", "toCustomer", "operatingUnit", "afterMerge", "createSameSite", "survivorship", "priority", "createdAt"] as const

/**
 * The next merge set of the batch: its queued requests by priority, then age, `commitSize` of them, and
 * then every other queued request of the same from-customers, so one customer's site uses are never split
 * across two sets (MRG-9).
 */
export const readNextSet = Effect.fnUntraced(function*(runId: string, commitSize: number) {
  const { query } = yield* Database
  const first = yield* query("read the next merge set", (db) =>
    db.selectFrom("mergeRequests").select(requestColumns)
      .where("batchRunId", "=", runId).where("processFlag", "=", "PROCESSING")
      .orderBy("priority").orderBy("createdAt").orderBy("id").limit(commitSize).execute())
  if (first.length === 0) return first
  const fromCustomers = [...new Set(first.map((row) => row.fromCustomer))]
  const rest = yield* query("read the rest of the set's customers", (db) =>
    db.selectFrom("mergeRequests").select(requestColumns)
      .where("batchRunId", "=", runId).where("processFlag", "=", "PROCESSING")
      .where(anyOf("from_customer", fromCustomers)).where((eb) => eb.not(anyOf("id", first.map((row) => row.id))))
      .orderBy("priority").orderBy("createdAt").orderBy("id").execute())
  return rest.length === 0 ? first : [...first, ...rest].sort((a, b) =>
    a.priority.localeCompare(b.priority) || new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() || a.id - b.id)
})

/** The set is being merged: IN_PROGRESS, committed on its own so a person sees which set a batch is on. */
export const markInProgress = Effect.fnUntraced(function*(runId: string, ids: ReadonlyArray<number>, now: Date) {
  if (ids.length === 0) return
  const { query } = yield* Database
  yield* query("mark the set in progress", (db) =>
    db.updateTable("mergeRequests").set({ processFlag: "IN_PROGRESS", updatedAt: now })
      .where("batchRunId", "=", runId).where(anyOf("id", ids)).execute())
})
