import { Cause, Deferred, Effect, Exit, Fiber, Schema, Stream } from "effect"
import { Database, type DatabaseError } from "../db/database.ts"
import { type ChunkContext, ChunkListeners, type ListenerError } from "./listeners.ts"
import { Progress } from "./progress.ts"
import type { Step, StepRun } from "./step.ts"
import { addCounts, noCounts, type StepCounts } from "./step-counts.ts"
import { saveChunk } from "./step-execution.ts"

/** A chunk as read: what the step processes, and the checkpoint the step is at once it commits. */
export interface ReadChunk<A, C> {
  readonly items: A
  readonly checkpoint: C
  /** The share of the step's input read so far, 0 to 1, when the reader knows it. */
  readonly fraction?: number | undefined
}

export class CheckpointError extends Schema.TaggedError<CheckpointError>()("CheckpointError", {
  runId: Schema.String,
  step: Schema.String,
  message: Schema.String
}) {}

export interface ChunkStepDefinition<A, B, C, E, R, P = B> {
  readonly name: string
  /** What the step's items are, for a person: "records", "customers". */
  readonly unit: string
  /** The checkpoint as the ledger stores it (JSON). */
  readonly checkpoint: Schema.Codec<C, unknown>
  /** Where a first start begins. */
  readonly start: C
  /** Items ahead of `from`, for the progress bar's share; leave out when the reader gives the share itself. */
  readonly total?: ((from: C) => Effect.Effect<number, E, R>) | undefined
  /** The chunks after checkpoint `from`, in order. */
  readonly read: (from: C, run: StepRun) => Stream.Stream<ReadChunk<A, C>, E, R>
  /** Works on a chunk outside its transaction (e.g. sends its customers to ORCE), while the one before commits. */
  readonly process: (items: A, chunk: ChunkContext) => Effect.Effect<B, E, R>
  /**
   * The chunk's first reads, in the chunk's transaction, before its writes: e.g. a merge set locks its customers
   * and reads what it merges. Where transactions run side by side (PostgreSQL) a chunk prepares while the chunk
   * before is still writing, so the server's reads and this process's planning overlap the writes; chunks
   * prepare in order, one after the other, and a chunk's writes wait for the chunk before to commit. The row
   * locks a chunk takes here are what keeps that safe: a chunk that needs rows the chunk before holds waits
   * for its commit, and then reads what it committed.
   */
  readonly prepare?: ((processed: B, chunk: ChunkContext) => Effect.Effect<P, E | DatabaseError, R>) | undefined
  /** The chunk's writes, in the chunk's transaction (Database.query inside gets it); answers the chunk's counts. */
  readonly write: (prepared: P, chunk: ChunkContext) => Effect.Effect<StepCounts, E | DatabaseError, R>
  /** Once a chunk has committed, with the step's counts so far: e.g. to stop a run past a limit it reached. */
  readonly afterCommit?: ((counts: StepCounts, chunk: ChunkContext) => Effect.Effect<void, E | DatabaseError, R>) | undefined
}

/**
 * Chunks a step without `prepare` can have between its checkpoint and the outside world: the one whose
 * transaction is committing and the one being processed. A restarted step treats that many chunks after its
 * checkpoint as possibly processed before (SYNC-12).
 */
export const chunksInFlight = 2

/**
 * A step that reads, processes and writes in chunks; each chunk commits its writes with the step's checkpoint
 * and counts in one transaction, so a restart continues after the last committed chunk and counts each item
 * once. While one chunk is processed, the one before commits and the next is read, so the database's work
 * overlaps the processing; commits stay in order. An interruption rolls back the chunk in flight.
 */
export const chunkStep = <A, B, C, E, R, P = B>(definition: ChunkStepDefinition<A, B, C, E, R, P>): Step<
  E | DatabaseError | ListenerError | CheckpointError,
  R | Database
> => ({
  name: definition.name,
  execute: Effect.fnUntraced(function*(run: StepRun) {
    const database = yield* Database
    const listeners = yield* ChunkListeners
    const progress = yield* Progress
    const previous = run.previous
    const restarted = previous !== undefined
    const from: C = previous?.checkpoint === undefined
      ? definition.start
      : yield* Schema.decodeUnknownEffect(definition.checkpoint)(previous.checkpoint).pipe(
        Effect.mapError(() =>
          new CheckpointError({
            runId: run.runId,
            step: definition.name,
            message: `The checkpoint of step ${definition.name} of run ${run.runId} is not one this version can continue from; ` +
              `start the job again instead of resuming it.`
          })
        )
      )
    const encode = Schema.encodeSync(definition.checkpoint)
    let counts = previous?.counts ?? noCounts
    let chunks = previous?.chunks ?? 0
    let sinceStart = 0
    const total = definition.total === undefined ? undefined : yield* definition.total(from)
    const doneBefore = counts.read

    const report = (fraction: number | undefined) =>
      progress.update({
        step: definition.name,
        unit: definition.unit,
        done: counts.read,
        fraction: fraction ?? (total === undefined ? undefined : total === 0 ? 1 : (counts.read - doneBefore) / total)
      })

    const prepare = definition.prepare ?? ((processed: B) => Effect.succeed(processed as unknown as P))
    // PGlite runs one transaction at a time: a chunk there begins once the chunk before has committed.
    const sideBySide = definition.prepare !== undefined && database.dialect === "postgres"
    /** The newest chunk's transaction, and the one before it while that may still be committing. */
    let committing: Fiber.Fiber<void, E | DatabaseError | ListenerError> | undefined
    let settling: Fiber.Fiber<void, E | DatabaseError | ListenerError> | undefined
    yield* definition.read(from, run).pipe(
      Stream.runForEach((chunk) =>
        Effect.gen(function*() {
          const context: ChunkContext = { runId: run.runId, step: definition.name, chunk: chunks + 1, restarted, sinceStart }
          const processed = yield* definition.process(chunk.items, context)
          const before = committing
          // Side by side, never more than two chunks' transactions open: this one, and the one before it.
          const wait = sideBySide ? settling : before
          if (wait !== undefined) yield* Fiber.join(wait)
          const prepared = yield* Deferred.make<void, E | DatabaseError | ListenerError>()
          const commit = database.transaction(
            `commit chunk ${context.chunk} of ${definition.name}`,
            Effect.gen(function*() {
              const ready = yield* prepare(processed, context)
              yield* Deferred.succeed(prepared, undefined)
              if (before !== undefined) yield* Fiber.join(before)
              for (const listener of listeners) yield* listener.beforeCommit(context)
              const next = addCounts(counts, yield* definition.write(ready, context))
              yield* saveChunk(run.runId, definition.name, context.chunk, next, encode(chunk.checkpoint))
              return next
            })
          ).pipe(
            // A chunk that could not begin, or prepare, tells the loop at once.
            Effect.onExit((exit) => Exit.isFailure(exit) ? Deferred.failCause(prepared, exit.cause) : Effect.void),
            Effect.flatMap((next) => {
              counts = next
              report(chunk.fraction)
              return definition.afterCommit?.(next, context) ?? Effect.void
            }),
            Effect.tap(() =>
              Effect.logDebug("chunk committed").pipe(
                Effect.annotateLogs({ runId: run.runId, step: definition.name, chunk: context.chunk })
              )
            )
          )
          // Started at once, so the commit is on its way before the next chunk's work takes the event loop.
          settling = before
          committing = yield* Effect.forkChild(commit, { startImmediately: true })
          chunks = context.chunk
          sinceStart++
          // The next chunk prepares only once this one has: its row locks come after this chunk's, never before.
          if (sideBySide) yield* Deferred.await(prepared)
        })
      ),
      // A chunk that failed does not take down the one before it, already processed and committing: that one
      // still commits, so a restart redoes only the chunk that failed. An interruption rolls back both.
      Effect.tapCause((cause) =>
        Cause.hasInterruptsOnly(cause)
          ? Effect.void
          : Effect.forEach([settling, committing], (fiber) => fiber === undefined ? Effect.void : Fiber.await(fiber), { discard: true })
      )
    )
    if (committing !== undefined) yield* Fiber.join(committing)
    return counts
  })
})
