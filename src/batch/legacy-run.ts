import { Clock, Effect, Schema } from "effect"
import { sql } from "kysely"
import { Database } from "../db/database.ts"

/**
 * Runs recorded by versions before step executions: no parameters, one checkpoint on the run
 * (`{ phase: "sync", chunk, lastCustomerNumber }`, written once the sync phase started). Resuming one, the
 * ledger is first rewritten as this version would have left it, then the run resumes like any other.
 */

const LegacyCheckpoint = Schema.Struct({ phase: Schema.Literal("sync"), chunk: Schema.Int, lastCustomerNumber: Schema.Int })
const LegacyInputs = Schema.Array(Schema.Struct({ source: Schema.String }))
const LegacyCounts = Schema.Struct({ records: Schema.optional(Schema.Number), rejected: Schema.optional(Schema.Number) })

interface LegacyRun {
  readonly runId: string
  readonly pipeline: string
  readonly checkpoint: unknown
  readonly inputs: unknown
  readonly counts: unknown
}

const specOf = (source: string) => source.startsWith("table ") ? { table: source.slice("table ".length) } : { file: source }

/** A load of an earlier version kept no checkpoint: what it loaded is forgotten, so loading again is no duplicate (VAL-3). */
const forgetPartialLoad = (runId: string) =>
  Effect.gen(function*() {
    const { query, transaction } = yield* Database
    yield* transaction("forget partial load", Effect.gen(function*() {
      yield* query("forget rejects", (db) => db.deleteFrom("rejects").where("runId", "=", runId).execute())
      yield* query("forget loaded customers", (db) =>
        db.updateTable("customers").set({ loadRunId: "" }).where("loadRunId", "=", runId).execute())
      yield* query("forget loaded profiles", (db) =>
        db.updateTable("customerProfiles").set({ loadRunId: "" }).where("loadRunId", "=", runId).execute())
    }))
  })

/**
 * The sync step as the earlier version left it: started (so a restart treats its first chunks as possibly sent,
 * SYNC-12), after `chunk` committed chunks, with the outcomes it committed counted.
 */
const interruptedSync = (runId: string, position: number, checkpoint: typeof LegacyCheckpoint.Type | undefined) =>
  Effect.gen(function*() {
    const { query } = yield* Database
    const startedAt = new Date(yield* Clock.currentTimeMillis)
    const outcomes = yield* query("count legacy outcomes", (db) =>
      db.selectFrom("syncOutcomes").select(["outcome", sql<number>`count(*)::integer`.as("count")])
        .where("runId", "=", runId).groupBy("outcome").execute())
    const counted = Object.fromEntries(outcomes.map((row) => [row.outcome, Number(row.count)]))
    const sum = (keys: ReadonlyArray<string>) => keys.reduce((total, key) => total + (counted[key] ?? 0), 0)
    yield* query("rewrite legacy sync", (db) =>
      db.insertInto("stepExecutions").values({
        runId,
        step: "sync",
        position,
        status: "interrupted",
        chunks: checkpoint?.chunk ?? 0,
        readCount: sum(Object.keys(counted)),
        writeCount: sum(["created", "updated", "relate-id-changed"]),
        failCount: sum(["failed"]),
        outcomes: JSON.stringify(counted),
        checkpoint: checkpoint === undefined ? null : JSON.stringify({ lastCustomerNumber: checkpoint.lastCustomerNumber }),
        startedAt
      }).execute())
  })

const completedLoad = (runId: string, step: string, position: number, counts: typeof LegacyCounts.Type) =>
  Effect.gen(function*() {
    const { query } = yield* Database
    const now = new Date(yield* Clock.currentTimeMillis)
    const read = counts.records ?? 0
    const rejected = counts.rejected ?? 0
    yield* query("rewrite legacy load", (db) =>
      db.insertInto("stepExecutions").values({
        runId,
        step,
        position,
        status: "completed",
        readCount: read,
        writeCount: Math.max(0, read - rejected),
        rejectCount: rejected,
        startedAt: now,
        endedAt: now
      }).execute())
  })

/** Rewrites an earlier version's run as step executions and answers the parameters to build its job with. */
export const legacyParameters = Effect.fn("legacyParameters")(function*(run: LegacyRun) {
  const { query } = yield* Database
  const steps = yield* query("read step executions", (db) =>
    db.selectFrom("stepExecutions").select("step").where("runId", "=", run.runId).execute())
  const inputs = Schema.decodeUnknownSync(LegacyInputs)(run.inputs)
  const parameters = run.pipeline === "sync"
    ? {}
    : { customers: specOf(inputs[0]?.source ?? ""), ...(inputs[1] === undefined ? {} : { profiles: specOf(inputs[1].source) }) }
  if (steps.length > 0) return parameters
  const checkpoint = Schema.decodeUnknownOption(LegacyCheckpoint)(run.checkpoint)
  if (run.pipeline === "sync") {
    yield* interruptedSync(run.runId, 0, checkpoint._tag === "Some" ? checkpoint.value : undefined)
  } else if (run.pipeline === "initial-export" && checkpoint._tag === "Some") {
    yield* completedLoad(run.runId, "load-customers", 0, Schema.decodeUnknownSync(LegacyCounts)(run.counts))
    if (inputs[1] !== undefined) yield* completedLoad(run.runId, "load-profiles", 1, {})
    yield* interruptedSync(run.runId, inputs[1] === undefined ? 1 : 2, checkpoint.value)
  } else {
    yield* forgetPartialLoad(run.runId)
  }
  return parameters
})
