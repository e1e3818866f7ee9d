import { Clock, Effect, Schema } from "effect"
import { Database } from "../db/database.ts"
import type { RunStatus } from "../db/tables.ts"
import { type StepCounts, StepCounts as StepCountsSchema } from "./step-counts.ts"

/** One step of one run as the ledger holds it (a step execution). */
export interface StepExecution {
  readonly step: string
  readonly position: number
  readonly status: RunStatus
  /** Chunks committed so far. */
  readonly chunks: number
  readonly counts: StepCounts
  /** Where a restarted step continues: what its last committed chunk left; undefined before the first. */
  readonly checkpoint: unknown
}

const decodeOutcomes = Schema.decodeUnknownSync(StepCountsSchema.fields.outcomes)

/** A step's counts as the columns of its execution row. */
const countColumns = (counts: StepCounts) => ({
  readCount: counts.read,
  writeCount: counts.written,
  rejectCount: counts.rejected,
  failCount: counts.failed,
  outcomes: JSON.stringify(counts.outcomes)
})

const now = Effect.map(Clock.currentTimeMillis, (millis) => new Date(millis))

export const readStepExecutions = Effect.fn("StepExecution.readAll")(function*(runId: string) {
  const { query } = yield* Database
  const rows = yield* query("read step executions", (db) =>
    db.selectFrom("stepExecutions").selectAll().where("runId", "=", runId).orderBy("position").execute())
  return rows.map((row): StepExecution => ({
    step: row.step,
    position: row.position,
    status: row.status,
    chunks: row.chunks,
    counts: {
      read: row.readCount,
      written: row.writeCount,
      rejected: row.rejectCount,
      failed: row.failCount,
      outcomes: decodeOutcomes(row.outcomes)
    },
    checkpoint: row.checkpoint ?? undefined
  }))
})

/** Starts a step's execution, or marks an unfinished one running again (a restart). */
export const startStepExecution = Effect.fn("StepExecution.start")(function*(runId: string, step: string, position: number) {
  const { query } = yield* Database
  const startedAt = yield* now
  yield* query("start step", (db) =>
    db.insertInto("stepExecutions")
      .values({ runId, step, position, status: "running", startedAt })
      .onConflict((oc) => oc.columns(["runId", "step"]).doUpdateSet({ status: "running", endedAt: null }))
      .execute())
})

/**
 * A committed chunk's checkpoint and counts. Call it inside the chunk's transaction: the step's checkpoint and
 * the chunk's writes commit together or not at all (REL-1).
 */
export const saveChunk = Effect.fn("StepExecution.saveChunk")(function*(
  runId: string,
  step: string,
  chunks: number,
  counts: StepCounts,
  checkpoint: unknown
) {
  const { query } = yield* Database
  yield* query("write checkpoint", (db) =>
    db.updateTable("stepExecutions")
      .set({ chunks, ...countColumns(counts), checkpoint: JSON.stringify(checkpoint) })
      .where("runId", "=", runId)
      .where("step", "=", step)
      .execute())
})

export const endStepExecution = Effect.fn("StepExecution.end")(function*(
  runId: string,
  step: string,
  status: Exclude<RunStatus, "running">,
  counts?: StepCounts
) {
  const { query } = yield* Database
  const endedAt = yield* now
  yield* query("end step", (db) =>
    db.updateTable("stepExecutions")
      .set({ status, endedAt, ...(counts === undefined ? {} : countColumns(counts)) })
      .where("runId", "=", runId)
      .where("step", "=", step)
      .execute())
})
