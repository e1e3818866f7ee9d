import { assert } from "@effect/vitest"
import { Deferred, Effect, Exit, Option, Schema, Stream } from "effect"
import { TestClock } from "effect/testing"
import { sql } from "kysely"
import { chunkStep } from "../../src/batch/chunk-step.ts"
import { ItemFailed, type ItemResult, processItems } from "../../src/batch/items.ts"
import { type Job, runJob } from "../../src/batch/job.ts"
import type { Step } from "../../src/batch/step.ts"
import { type ChunkContext, ChunkListeners, type JobEnd } from "../../src/batch/listeners.ts"
import { readStepExecutions } from "../../src/batch/step-execution.ts"
import { Database, type DatabaseError } from "../../src/db/database.ts"
import { startRun } from "../../src/runs/run-ledger.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"

/**
 * The batch core on a toy job of two chunk steps: "numbers" writes 1..10 in chunks of a commit interval
 * (7 fails as an item), "squares" reads what "numbers" wrote and writes each square. A step can be told to
 * crash (a run-stopping error) before committing a given chunk.
 */

class Crash extends Schema.TaggedError<Crash>()("Crash", { message: Schema.String }) {}

const Checkpoint = Schema.Struct({ after: Schema.Int })

const createItems = Effect.gen(function*() {
  const { query } = yield* Database
  yield* query("toy table", (db) => sql`CREATE TABLE IF NOT EXISTS toy_items (step text NOT NULL, item integer NOT NULL)`.execute(db))
  yield* query("toy table", (db) => sql`TRUNCATE toy_items`.execute(db))
})

const itemsOf = (step: string) =>
  Effect.gen(function*() {
    const { query } = yield* Database
    const result = yield* query("toy items", (db) =>
      sql<{ item: number }>`SELECT item FROM toy_items WHERE step = ${step} ORDER BY item`.execute(db))
    return result.rows.map((row) => row.item)
  })

interface ToyOptions {
  readonly interval: number
  /** Crash the step while processing the chunk with this number. */
  readonly crashAtChunk?: { readonly numbers?: number; readonly squares?: number }
  readonly reads: Array<string>
}

const toyStep = (name: "numbers" | "squares", options: ToyOptions) =>
  chunkStep<ReadonlyArray<number>, Array<ItemResult<number>>, typeof Checkpoint.Type, Crash | DatabaseError, Database>({
    name,
    unit: "items",
    checkpoint: Checkpoint,
    start: { after: 0 },
    read: (from) =>
      Stream.paginate(from.after, (after: number) =>
        Effect.gen(function*() {
          options.reads.push(`${name} after ${after}`)
          const source = name === "numbers"
            ? Array.from({ length: 10 }, (_, i) => i + 1)
            : yield* itemsOf("numbers")
          const items = source.filter((item) => item > after).slice(0, options.interval)
          const last = items.at(-1)
          const chunk = last === undefined ? [] : [{ items, checkpoint: { after: last } }]
          return [chunk, items.length < options.interval || last === undefined ? Option.none() : Option.some(last)] as const
        })),
    process: (items: ReadonlyArray<number>, chunk: ChunkContext) =>
      chunk.chunk === options.crashAtChunk?.[name]
        ? Effect.fail(new Crash({ message: `${name} crashed at chunk ${chunk.chunk}` }))
        : processItems(items, 2, (item) =>
          name === "numbers" && item === 7
            ? Effect.fail(new ItemFailed({ item: String(item), reason: "seven is refused" }))
            : Effect.succeed(name === "numbers" ? item : item * item)),
    write: (results) =>
      Effect.gen(function*() {
        const { query } = yield* Database
        const done = results.flatMap((result) => result._tag === "Done" ? [result.value] : [])
        for (const item of done) {
          yield* query("toy write", (db) => sql`INSERT INTO toy_items (step, item) VALUES (${name}, ${item})`.execute(db))
        }
        return { read: results.length, written: done.length, rejected: 0, failed: results.length - done.length, outcomes: {} }
      })
  })

const toyJob = (options: ToyOptions, ends: Array<JobEnd> = []): Job<any, any> => ({
  name: "toy",
  inputs: [],
  steps: [toyStep("numbers", options), toyStep("squares", options)],
  listeners: [{ afterJob: (end) => Effect.sync(() => ends.push(end)) }]
})

const newRun = startRun({ pipeline: "toy", settings: {}, inputs: [], parameters: {} })

const executions = (runId: string) =>
  Effect.map(readStepExecutions(runId), (steps) =>
    Object.fromEntries(steps.map((step) => [step.step, { status: step.status, chunks: step.chunks, counts: step.counts, checkpoint: step.checkpoint }])))

const runStatus = (runId: string) =>
  Effect.gen(function*() {
    const { query } = yield* Database
    return (yield* query("run", (db) => db.selectFrom("runs").select(["status", "counts"]).where("runId", "=", runId).executeTakeFirstOrThrow()))
  })

/**
 * A step whose chunks prepare (each writes nothing until the chunk before has committed), recording what
 * happens when. On PostgreSQL chunk 1 writes only once chunk 2 has prepared: that can only happen if chunk 2
 * prepares while chunk 1's transaction is open.
 */
const preparingStep = (events: Array<string>, dialect: "pglite" | "postgres", failPrepareAt?: number) =>
  Effect.gen(function*() {
    const secondPrepared = yield* Deferred.make<void>()
    return chunkStep<ReadonlyArray<number>, ReadonlyArray<number>, typeof Checkpoint.Type, Crash | DatabaseError, Database, Array<number>>({
      name: "numbers",
      unit: "items",
      checkpoint: Checkpoint,
      start: { after: 0 },
      read: (from) =>
        Stream.paginate(from.after, (after: number) => {
          const items = [1, 2, 3, 4, 5, 6].filter((item) => item > after).slice(0, 2)
          return Effect.succeed([items.length === 0 ? [] : [{ items, checkpoint: { after: items.at(-1)! } }], items.length === 0 ? Option.none() : Option.some(items.at(-1)!)] as const)
        }),
      process: (items) => Effect.succeed(items),
      prepare: (items, chunk) =>
        Effect.gen(function*() {
          events.push(`prepare ${chunk.chunk}`)
          if (chunk.chunk === 2) yield* Deferred.succeed(secondPrepared, undefined)
          if (chunk.chunk === failPrepareAt) return yield* new Crash({ message: `chunk ${chunk.chunk} could not prepare` })
          return items.map((item) => item * 10)
        }),
      write: (prepared, chunk) =>
        Effect.gen(function*() {
          if (dialect === "postgres" && chunk.chunk === 1) {
            yield* Deferred.await(secondPrepared).pipe(
              Effect.timeoutOrElse({ duration: "10 seconds", orElse: () => Effect.fail(new Crash({ message: "chunk 2 did not prepare while chunk 1 was open" })) }),
              TestClock.withLive
            )
          }
          events.push(`write ${chunk.chunk}`)
          const { query } = yield* Database
          for (const item of prepared) yield* query("toy write", (db) => sql`INSERT INTO toy_items (step, item) VALUES ('numbers', ${item})`.execute(db))
          return { read: prepared.length, written: prepared.length, rejected: 0, failed: 0, outcomes: {} }
        }),
      afterCommit: (_, chunk) => Effect.sync(() => events.push(`commit ${chunk.chunk}`))
    })
  })

const jobOf = (step: Step<any, any>): Job<any, any> => ({ name: "toy", inputs: [], steps: [step], listeners: [] })

forEachDialect("batch core", (it, dialect) => {
  it.effect("a chunk step's chunks prepare in order in their own transactions, side by side on PostgreSQL; each writes after the one before committed", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* createItems
      const runId = yield* newRun
      const events: Array<string> = []
      yield* runJob(jobOf(yield* preparingStep(events, dialect.name)), runId)
      assert.deepStrictEqual(yield* itemsOf("numbers"), [10, 20, 30, 40, 50, 60])
      const at = (event: string) => events.indexOf(event)
      for (const chunk of [1, 2, 3]) {
        assert.isAbove(at(`write ${chunk}`), at(`prepare ${chunk}`))
        if (chunk > 1) {
          assert.isAbove(at(`prepare ${chunk}`), at(`prepare ${chunk - 1}`))
          assert.isAbove(at(`write ${chunk}`), at(`commit ${chunk - 1}`))
        }
      }
      if (dialect.name === "postgres") assert.isBelow(at("prepare 2"), at("write 1"))
      else assert.isAbove(at("prepare 2"), at("commit 1"))
      assert.deepInclude((yield* executions(runId))["numbers"], { status: "completed", chunks: 3, checkpoint: { after: 6 } })
    }))

  it.effect("REL-1 a chunk that cannot prepare fails the step, the chunk before it still commits, and a resume starts at the failed chunk", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* createItems
      const runId = yield* newRun
      const events: Array<string> = []
      const failed = yield* Effect.exit(runJob(jobOf(yield* preparingStep(events, dialect.name, 2)), runId))
      assert.isTrue(Exit.isFailure(failed))
      assert.deepStrictEqual(yield* itemsOf("numbers"), [10, 20])
      assert.deepInclude((yield* executions(runId))["numbers"], { status: "failed", chunks: 1, checkpoint: { after: 2 } })
      assert.notInclude(events, "prepare 3")

      yield* runJob(jobOf(yield* preparingStep([], dialect.name)), runId)
      assert.deepStrictEqual(yield* itemsOf("numbers"), [10, 20, 30, 40, 50, 60])
    }))

  it.effect("a chunk step commits every commit interval with its checkpoint; an item failure is recorded and the chunk goes on", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* createItems
      const runId = yield* newRun
      yield* runJob(toyJob({ interval: 3, reads: [] }), runId)
      const steps = yield* executions(runId)
      assert.deepStrictEqual(steps["numbers"], {
        status: "completed",
        chunks: 4,
        counts: { read: 10, written: 9, rejected: 0, failed: 1, outcomes: {} },
        checkpoint: { after: 10 }
      })
      assert.deepStrictEqual(steps["squares"]?.counts, { read: 9, written: 9, rejected: 0, failed: 0, outcomes: {} })
      assert.strictEqual(steps["squares"]?.chunks, 3)
      assert.deepStrictEqual(yield* itemsOf("numbers"), [1, 2, 3, 4, 5, 6, 8, 9, 10])
      assert.deepStrictEqual(yield* itemsOf("squares"), [1, 4, 9, 16, 25, 36, 64, 81, 100])
      const run = yield* runStatus(runId)
      assert.strictEqual(run.status, "completed")
      assert.deepInclude(run.counts, { "numbers.read": 10, "numbers.failed": 1, "squares.written": 9 })
    }))

  it.effect("REL-1 a run that failed in its first step resumes from that step's checkpoint and writes each item once", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* createItems
      const runId = yield* newRun
      const failed = yield* Effect.exit(runJob(toyJob({ interval: 3, crashAtChunk: { numbers: 3 }, reads: [] }), runId))
      assert.isTrue(Exit.isFailure(failed))
      assert.deepInclude((yield* executions(runId))["numbers"], { status: "failed", chunks: 2, checkpoint: { after: 6 } })
      assert.isUndefined((yield* executions(runId))["squares"])
      assert.strictEqual((yield* runStatus(runId)).status, "failed")

      const reads: Array<string> = []
      yield* runJob(toyJob({ interval: 3, reads }), runId)
      assert.strictEqual(reads[0], "numbers after 6")
      assert.deepStrictEqual(yield* itemsOf("numbers"), [1, 2, 3, 4, 5, 6, 8, 9, 10])
      const steps = yield* executions(runId)
      assert.deepStrictEqual(steps["numbers"]?.counts, { read: 10, written: 9, rejected: 0, failed: 1, outcomes: {} })
      assert.strictEqual(steps["numbers"]?.chunks, 4)
      assert.strictEqual(steps["squares"]?.status, "completed")
      assert.strictEqual((yield* runStatus(runId)).status, "completed")
    }))

  it.effect("REL-1 a run that failed in its second step skips the completed first step on resume", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* createItems
      const runId = yield* newRun
      const failed = yield* Effect.exit(runJob(toyJob({ interval: 4, crashAtChunk: { squares: 2 }, reads: [] }), runId))
      assert.isTrue(Exit.isFailure(failed))
      assert.deepInclude((yield* executions(runId))["squares"], { status: "failed", chunks: 1, checkpoint: { after: 4 } })

      const reads: Array<string> = []
      yield* runJob(toyJob({ interval: 4, reads }), runId)
      assert.isFalse(reads.some((read) => read.startsWith("numbers")))
      assert.strictEqual(reads[0], "squares after 4")
      assert.deepStrictEqual(yield* itemsOf("squares"), [1, 4, 9, 16, 25, 36, 64, 81, 100])
      assert.deepStrictEqual((yield* executions(runId))["squares"]?.counts, { read: 9, written: 9, rejected: 0, failed: 0, outcomes: {} })
    }))

  it.effect("chunk listeners hear of every chunk before it commits, in order; job listeners once, after the ledger recorded the end", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* createItems
      const runId = yield* newRun
      const heard: Array<string> = []
      const database = yield* Database
      const { query } = database
      const ends: Array<JobEnd> = []
      const job = toyJob({ interval: 5, reads: [] }, ends)
      const recorded: Array<string> = []
      const withStatus: Job<any, any> = {
        ...job,
        listeners: [...job.listeners, {
          afterJob: () =>
            query("status", (db) => db.selectFrom("runs").select("status").where("runId", "=", runId).executeTakeFirstOrThrow()).pipe(
              Effect.map((row) => recorded.push(row.status)),
              Effect.orDie
            )
        }]
      }
      yield* runJob(withStatus, runId).pipe(
        Effect.provideService(ChunkListeners, [{
          beforeCommit: (chunk) =>
            Effect.gen(function*() {
              // Before the commit: the chunk's checkpoint is not in the ledger yet.
              const steps = yield* readStepExecutions(chunk.runId).pipe(Effect.provideService(Database, database), Effect.orDie)
              heard.push(`${chunk.step} ${chunk.chunk} (ledger at ${steps.find((step) => step.step === chunk.step)?.chunks})`)
            })
        }])
      )
      assert.deepStrictEqual(heard, [
        "numbers 1 (ledger at 0)",
        "numbers 2 (ledger at 1)",
        "squares 1 (ledger at 0)",
        "squares 2 (ledger at 1)"
      ])
      assert.deepStrictEqual(ends, [{ runId, job: "toy", status: "completed" }])
      assert.deepStrictEqual(recorded, ["completed"])
    }))
})
