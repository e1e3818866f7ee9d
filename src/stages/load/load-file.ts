import { Effect, Schema, Stream } from "effect"
import { Database } from "../../db/database.ts"
import { writeRejects } from "../../runs/run-ledger.ts"
import type { RecordSource } from "../../sources/record-source.ts"
import { ChunkPreparer } from "./chunk-preparer.ts"
import { addCounts, emptyCounts, type LoadCounts } from "./load-counts.ts"
import { type ChunkRead, linesOf } from "./assemble-chunks.ts"
import type { RecordKind } from "./record-rules.ts"
import { writerOf } from "./record-writers.ts"

export class TooManyRejects extends Schema.TaggedError<TooManyRejects>()("TooManyRejects", {
  rejected: Schema.Int,
  maxRejects: Schema.Int,
  message: Schema.String
}) {}

/**
 * Frees a committed chunk's COPY text and index now. They lie outside the heap, where this thread, which
 * makes little garbage, would leave tens of megabytes of them before collecting.
 */
const release = (...buffers: ReadonlyArray<Uint8Array>) => {
  for (const { buffer } of buffers) if (buffer instanceof ArrayBuffer && !buffer.detached) buffer.transfer(0)
}

export interface LoadOptions {
  readonly chunkSize: number
  readonly maxRejects?: number | undefined
  readonly onProgress?: (counts: LoadCounts, fraction: number) => void
}

/**
 * Loads one source chunk by chunk: each chunk, prepared ahead (read, validated, encoded, its inner
 * duplicates dropped), is written and committed with its rejects in one transaction, so a chunk is the
 * unit of commit (and, after a crash, of restart). Memory holds at most a few chunks, whatever the size
 * of the source (REL-3).
 */
export const loadFile = (source: RecordSource, kind: RecordKind, options: LoadOptions) =>
  Effect.gen(function*() {
    const database = yield* Database
    const preparer = yield* ChunkPreparer
    const writer = writerOf(kind)
    let total = emptyCounts

    const writeChunk = ({ chunk, progress }: ChunkRead) =>
      Effect.gen(function*() {
        const refusedRecords = yield* database.transaction("load chunk", (query, copy) =>
          Effect.gen(function*() {
            const refused = chunk.valid === 0 ? [] : yield* writer.write(query, copy, chunk.rows)
            yield* writeRejects(query, kind.runId, chunk.rejects)
            if (refused.length > 0) {
              const lines = linesOf(chunk, refused)
              const refusals = refused.map((key, index) => ({ source: source.name, line: lines[index]!, ...writer.notWritten(key) }))
              yield* writeRejects(query, kind.runId, JSON.stringify(refusals.sort((a, b) => a.line - b.line)))
            }
            return refused.length
          })
        )

        release(chunk.rows, chunk.index)
        const written = chunk.valid - refusedRecords
        const rejectedRecords = chunk.rejected + refusedRecords
        total = addCounts(total, { records: chunk.records, loaded: written, rejected: rejectedRecords })
        options.onProgress?.(total, progress)
        yield* Effect.logDebug("chunk committed").pipe(
          Effect.annotateLogs({ source: source.name, records: chunk.records, loaded: written, rejected: rejectedRecords })
        )
        if (options.maxRejects !== undefined && total.rejected > options.maxRejects) {
          return yield* new TooManyRejects({
            rejected: total.rejected,
            maxRejects: options.maxRejects,
            message: `${total.rejected} records were rejected, more than MAX_REJECTS=${options.maxRejects}; ` +
              `fix the export or raise MAX_REJECTS.`
          })
        }
      })

    yield* preparer.prepare(source, kind, options.chunkSize).pipe(Stream.runForEach(writeChunk))
    return total
  })
