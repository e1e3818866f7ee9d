import { Effect } from "effect"
import { Database } from "../../src/db/database.ts"
import type { RunStatus } from "../../src/db/tables.ts"
import type { Outcome, SyncOutcome } from "../../src/domain/outcome.ts"
import type { Reject } from "../../src/domain/reject.ts"

/** Rows of the run tables written directly, as the pipeline would leave them. */

export interface FixtureRun {
  readonly runId: string
  readonly pipeline?: string
  readonly status?: RunStatus
  readonly startedAt?: Date
  readonly endedAt?: Date | null
  readonly settings?: Record<string, unknown>
  readonly inputs?: ReadonlyArray<unknown>
  readonly counts?: Record<string, number>
  readonly outcomes?: ReadonlyArray<Partial<SyncOutcome> & { readonly customerNumber: number; readonly outcome: Outcome }>
  readonly rejects?: ReadonlyArray<Reject>
  /** Customers committed per chunk and seconds after the start the chunk committed. */
  readonly chunks?: ReadonlyArray<{ readonly customers: number; readonly seconds: number }>
  readonly truncations?: ReadonlyArray<{ customerNumber: number; field: string; before: string; after: string }>
}

export const start = new Date("2026-11-24T10:00:00.000Z")

const batches = <A>(rows: ReadonlyArray<A>, size = 1_000) =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size))

export const insertRun = Effect.fnUntraced(function*(run: FixtureRun) {
  const { query } = yield* Database
  const startedAt = run.startedAt ?? start
  const status = run.status ?? "completed"
  yield* query("fixture run", (db) =>
    db.insertInto("runs").values({
      runId: run.runId,
      pipeline: run.pipeline ?? "initial-export",
      status,
      settings: JSON.stringify(run.settings ?? { L37: "INTERACT", CHUNK_SIZE: "1000", ORCE_TOKEN: "(set)" }),
      inputs: JSON.stringify(run.inputs ?? []),
      counts: JSON.stringify(run.counts ?? {}),
      checkpoint: null,
      startedAt,
      endedAt: run.endedAt === undefined ? (status === "running" ? null : new Date(startedAt.getTime() + 5_000)) : run.endedAt
    }).execute())
  for (const batch of batches(run.outcomes ?? [])) {
    yield* query("fixture outcomes", (db) =>
      db.insertInto("syncOutcomes").values(batch.map((row) => ({
        runId: run.runId,
        chunk: 1,
        match: "new" as const,
        relateIdBefore: "",
        relateIdAfter: "",
        reason: "",
        requests: 1,
        ...row
      }))).execute())
  }
  for (const batch of batches(run.rejects ?? [])) {
    yield* query("fixture rejects", (db) => db.insertInto("rejects").values(batch.map((row) => ({ runId: run.runId, ...row }))).execute())
  }
  const chunks = run.chunks ?? []
  for (const [offset, batch] of batches(chunks).entries()) {
    yield* query("fixture chunks", (db) =>
      db.insertInto("runChunks").values(batch.map((chunk, i) => ({
        runId: run.runId,
        chunk: offset * 1_000 + i + 1,
        lastCustomerNumber: offset * 1_000 + i + 1,
        customers: chunk.customers,
        committedAt: new Date(startedAt.getTime() + chunk.seconds * 1_000)
      }))).execute())
  }
  for (const batch of batches(run.truncations ?? [])) {
    yield* query("fixture truncations", (db) =>
      db.insertInto("truncations").values(batch.map((row) => ({ runId: run.runId, ...row }))).execute())
  }
  // The step executions the pipeline would have counted the same rows in.
  const rejectedRecords = new Set((run.rejects ?? []).map((row) => `${row.source}:${row.line}`)).size
  const outcomeCounts: Record<string, number> = {}
  for (const row of run.outcomes ?? []) outcomeCounts[row.outcome] = (outcomeCounts[row.outcome] ?? 0) + 1
  const synced = (run.outcomes ?? []).length
  yield* query("fixture step executions", (db) =>
    db.insertInto("stepExecutions").values([
      { runId: run.runId, step: "load-customers", position: 0, status: "completed", readCount: synced + rejectedRecords, writeCount: synced, rejectCount: rejectedRecords, startedAt },
      { runId: run.runId, step: "sync", position: 1, status, readCount: synced, writeCount: synced, outcomes: JSON.stringify(outcomeCounts), startedAt }
    ]).execute())
})

const reject = (source: string, line: number, customerNumber: string, field: string, reason: string, rule = "VAL-4"): Reject => ({
  source,
  line,
  customerNumber,
  field,
  reason,
  rule
})

/** `count` records rejected for one problem each, numbered from `first`, on lines 2 onwards of f.csv. */
export const rejectedRecords = (count: number, first: number, problem: Partial<Reject> = {}): Array<Reject> =>
  Array.from({ length: count }, (_, i) => ({
    ...reject("f.csv", i + 2, String(first + i), "email", "bad", "VAL-6"),
    ...problem
  }))

/**
 * A small run with every outcome, rejected records (one with two field problems, one whose number is no
 * number), truncations and two chunks. Rows are given out of order: the report must sort them itself.
 */
export const sampleRun = (runId: string, overrides: Partial<FixtureRun> = {}): FixtureRun => ({
  runId,
  inputs: [
    { source: "data/customers.csv", bytes: 2_048, sha256: "ab".repeat(32), rows: 13 },
    { source: "table customer_export", rows: 13 }
  ],
  counts: { customers: 10, rejected: 3 },
  outcomes: [
    { customerNumber: 30, outcome: "created", relateIdAfter: "R30" },
    { customerNumber: 10, outcome: "created", relateIdAfter: "R10" },
    { customerNumber: 20, outcome: "created", relateIdAfter: "R20" },
    { customerNumber: 12, outcome: "updated", match: "email", relateIdBefore: "R12", relateIdAfter: "R12" },
    { customerNumber: 11, outcome: "updated", match: "relate-id", relateIdBefore: "R11", relateIdAfter: "R11" },
    { customerNumber: 40, outcome: "relate-id-changed", match: "relate-id", relateIdBefore: "R40", relateIdAfter: "R41" },
    { customerNumber: 52, outcome: "deferred", match: "none", relateIdBefore: "R52", reason: "ORCE timed out after 4 retries" },
    { customerNumber: 51, outcome: "deferred", match: "none", reason: "connection refused after 4 retries" },
    { customerNumber: 60, outcome: "failed", match: "email", reason: "Maximum search results exceeded, please refine your search" },
    { customerNumber: 70, outcome: "skipped", match: "none", reason: "integration off" }
  ],
  rejects: [
    reject("data/customers.csv", 9, "abc", "customer_number", "not a number", "VAL-2"),
    reject("data/customers.csv", 5, "12", "postal_code", "not a US postal code", "VAL-5"),
    reject("data/customers.csv", 5, "12", "email", "not an email address", "VAL-6"),
    reject("data/customers.csv", 7, "4", "last_name", "required", "VAL-4")
  ],
  chunks: [{ customers: 6, seconds: 2 }, { customers: 4, seconds: 4 }],
  truncations: [
    { customerNumber: 20, field: "street", before: "1234 Very Long Street Name That Goes On", after: "1234 Very Long Street Name" },
    { customerNumber: 10, field: "last_name", before: "Wolfeschlegelsteinhausen", after: "Wolfeschlegel" },
    { customerNumber: 10, field: "first_name", before: "Maximiliana", after: "Maximil" }
  ],
  ...overrides
})
