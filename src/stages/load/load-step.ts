import { Effect, Schema, type Scope, Stream } from "effect"
import { type CheckpointError, chunkStep } from "../../batch/chunk-step.ts"
import type { ListenerError } from "../../batch/listeners.ts"
import type { Step } from "../../batch/step.ts"
import type { AppSettings } from "../../config/app-settings.ts"
import { Database, type DatabaseError } from "../../db/database.ts"
import { writeRejects } from "../../runs/run-ledger.ts"
import type { RecordSource, SourceError } from "../../sources/record-source.ts"
import { linesOf, type PreparedChunk } from "./assemble-chunks.ts"
import { ChunkPreparer } from "./chunk-preparer.ts"
import type { RecordKind } from "./record-rules.ts"
import { writerOf } from "./record-writers.ts"
import { type OpeningSources, siteExports } from "./open-sources.ts"
import { siteLoadStep } from "./site-load-step.ts"
import type { Settings } from "../../domain/settings.ts"

export class TooManyRejects extends Schema.TaggedError<TooManyRejects>()("TooManyRejects", {
  rejected: Schema.Int,
  maxRejects: Schema.Int,
  message: Schema.String
}) {}

/**
 * Where a load step is: chunks of its source committed, cut at `chunkSize` records. A restart reads the
 * source again and skips those chunks (the same records, cut the same way), so it writes no record twice.
 */
export const LoadCheckpoint = Schema.Struct({ chunkSize: Schema.Int, chunks: Schema.Int })

export interface LoadStepOptions {
  readonly name: string
  /** The source, opened when the step starts: a resumed run whose load completed never opens its exports. */
  readonly source: Effect.Effect<RecordSource, SourceError, LoadRequirements>
  readonly kind: Omit<Extract<RecordKind, { kind: "customers" }>, "runId"> | Omit<Extract<RecordKind, { kind: "profiles" }>, "runId">
  readonly chunkSize: number
  /** A run with more rejected records than this, over all its steps, fails (MAX_REJECTS). */
  readonly maxRejects: number | undefined
  /** The nightly run's load: rows an earlier load took unchanged are left alone (counted `unchanged`). */
  readonly onlyChanged?: boolean | undefined
}

/**
 * Frees a written chunk's COPY text and index now. They lie outside the heap, where this thread, which
 * makes little garbage, would leave tens of megabytes of them before collecting.
 */
const release = (...buffers: ReadonlyArray<Uint8Array>) => {
  for (const { buffer } of buffers) if (buffer instanceof ArrayBuffer && !buffer.detached) buffer.transfer(0)
}

/** Records rejected so far by every step of the run, this chunk's included once it committed. */
const rejectedInRun = (runId: string) =>
  Effect.flatMap(Effect.service(Database), ({ query }) =>
    query("count the run's rejects", (db) =>
      db.selectFrom("stepExecutions").select((eb) => eb.fn.sum<string | null>("rejectCount").as("rejected"))
        .where("runId", "=", runId).executeTakeFirst()).pipe(Effect.map((row) => Number(row?.rejected ?? 0))))

/**
 * Loads one source into staging, chunk by chunk: each chunk, prepared ahead (read, validated, encoded, its
 * inner duplicates dropped), is written with its rejects and the step's checkpoint in one transaction.
 * Memory holds a few chunks at most, whatever the size of the source (REL-3). Every record ends loaded or
 * rejected (VAL-1).
 */
export const loadStep = (options: LoadStepOptions): Step<LoadError, LoadRequirements> => {
  const { name } = options
  const writer = writerOf(options.kind.kind, { onlyChanged: options.onlyChanged ?? false })
  let sourceName = ""
  const checkRejects = Effect.fnUntraced(function*(runId: string) {
    const maxRejects = options.maxRejects
    if (maxRejects === undefined) return
    const rejected = yield* rejectedInRun(runId)
    if (rejected <= maxRejects) return
    return yield* new TooManyRejects({
      rejected,
      maxRejects,
      message: `${rejected} records were rejected, more than MAX_REJECTS=${maxRejects}; fix the export or raise MAX_REJECTS.`
    })
  })
  const step = chunkStep<PreparedChunk, PreparedChunk, typeof LoadCheckpoint.Type, SourceError | TooManyRejects, LoadRequirements>({
    name,
    unit: "records",
    checkpoint: LoadCheckpoint,
    start: { chunkSize: options.chunkSize, chunks: 0 },
    read: (from, run) =>
      Stream.unwrap(Effect.gen(function*() {
        const preparer = yield* ChunkPreparer
        const source = yield* options.source
        sourceName = source.name
        return preparer.prepare(source, { ...options.kind, runId: run.runId } as RecordKind, from.chunkSize).pipe(
          Stream.drop(from.chunks),
          Stream.zipWithIndex,
          Stream.map(([{ chunk, progress }, index]) => ({
            items: chunk,
            checkpoint: { chunkSize: from.chunkSize, chunks: from.chunks + index + 1 },
            fraction: progress
          }))
        )
      })),
    process: (chunk: PreparedChunk) => Effect.succeed(chunk),
    write: (chunk, { runId }) =>
      Effect.gen(function*() {
        const { refused, unchanged } = chunk.valid === 0 ? { refused: [], unchanged: 0 } : yield* writer.write(chunk.rows)
        yield* writeRejects(runId, chunk.rejects)
        if (refused.length > 0) {
          const lines = linesOf(chunk, refused)
          const rejects = refused.map((key, index) => ({ source: sourceName, line: lines[index]!, ...writer.rejectReason(key) }))
          yield* writeRejects(runId, JSON.stringify(rejects.sort((a, b) => a.line - b.line)))
        }
        release(chunk.rows, chunk.index)
        return {
          read: chunk.records,
          written: chunk.valid - refused.length - unchanged,
          rejected: chunk.rejected + refused.length,
          failed: 0,
          outcomes: (unchanged === 0 ? {} : { unchanged }) as Record<string, number>
        }
      }),
    afterCommit: (_, { runId }) => checkRejects(runId)
  })
  // Checked once more at the end: a resumed load that had stopped on the limit has no chunk left to check it.
  return { name, execute: (run) => step.execute(run).pipe(Effect.tap(() => checkRejects(run.runId))) }
}

export type LoadError = SourceError | TooManyRejects | DatabaseError | ListenerError | CheckpointError
export type LoadRequirements = ChunkPreparer | Database | AppSettings | Scope.Scope

/** The steps that load an export's customers, then its profile data, with the run's settings. */
export const loadSteps = (
  sources: OpeningSources,
  settings: Pick<Settings, "loadChunkSize" | "maxRejects">,
  options: { readonly flagForSync: boolean; readonly onlyChanged?: boolean }
): Array<Step<LoadError, LoadRequirements>> => [
  loadStep({
    name: "load-customers",
    source: sources.customers,
    kind: { kind: "customers", flagForSync: options.flagForSync },
    chunkSize: settings.loadChunkSize,
    maxRejects: settings.maxRejects,
    onlyChanged: options.onlyChanged
  }),
  ...(sources.profiles === undefined ? [] : [
    loadStep({
      name: "load-profiles",
      source: sources.profiles,
      kind: { kind: "profiles" },
      chunkSize: settings.loadChunkSize,
      maxRejects: settings.maxRejects,
      onlyChanged: options.onlyChanged
    })
  ]),
  ...siteExports.flatMap(({ input, table }) => {
    const source = sources[input]
    return source === undefined
      ? []
      : [siteLoadStep({
        name: `load-${table.table.replace("_", "-")}`,
        source,
        table: table as never,
        chunkSize: settings.loadChunkSize,
        onlyChanged: options.onlyChanged ?? false
      })]
  })
]
