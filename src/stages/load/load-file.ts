import { Effect, Schema, Stream } from "effect"
import { type Copy, Database, type DatabaseError, type Query } from "../../db/database.ts"
import type { Reject } from "../../domain/reject.ts"
import { writeRejects } from "../../runs/run-ledger.ts"
import type { RecordSource, SourceRecord } from "../../sources/record-source.ts"
import type { RowPosition, Validated } from "../validate/index.ts"
import { addCounts, emptyCounts, type LoadCounts } from "./load-counts.ts"

export class TooManyRejects extends Schema.TaggedError<TooManyRejects>()("TooManyRejects", {
  rejected: Schema.Int,
  maxRejects: Schema.Int,
  message: Schema.String
}) {}

/** How one kind of record (customers, profile data) is validated, keyed, encoded and written. */
export interface RecordKind<A, W> {
  readonly validate: (values: Readonly<Record<string, string>>, at: RowPosition) => Validated<A>
  /** Records with the same key in one load are duplicates: the later one is rejected (VAL-3). */
  readonly key: (value: A) => string
  readonly duplicate: (value: A, firstLine: number) => Omit<Reject, "source" | "line">
  /** Turns a chunk's valid records into what `write` sends; pure, so it runs ahead of the writes. */
  readonly encode: (runId: string, values: ReadonlyArray<A>) => W
  /** Writes a chunk in the caller's transaction; returns the keys written, so the rest can be rejected. */
  readonly write: (query: Query, copy: Copy, chunk: W) => Effect.Effect<ReadonlyArray<string>, DatabaseError>
  /** Why a record that `write` did not take was refused (an earlier chunk had it, or its customer is unknown). */
  readonly notWritten: (value: A) => Omit<Reject, "source" | "line">
}

export interface LoadOptions {
  readonly runId: string
  readonly chunkSize: number
  readonly maxRejects?: number | undefined
  readonly onProgress?: (counts: LoadCounts) => void
}

const malformed = (source: string, record: Extract<SourceRecord, { _tag: "Malformed" }>): Reject => ({
  source,
  line: record.line,
  customerNumber: "",
  field: "(record)",
  reason: record.reason,
  rule: "VAL-8"
})

/** A chunk ready to write: its valid records, encoded, and the rejects of the others. */
interface PreparedChunk<A, W> {
  readonly records: number
  readonly valid: ReadonlyArray<{ readonly value: A; readonly line: number }>
  readonly encoded: W | undefined
  readonly rejects: Array<Reject>
}

/** Validates and encodes a chunk and drops its inner duplicates; pure, so it runs ahead of the writes. */
const prepareChunk = <A, W>(
  source: string,
  kind: RecordKind<A, W>,
  runId: string,
  records: ReadonlyArray<SourceRecord>
): PreparedChunk<A, W> => {
  const rejects: Array<Reject> = []
  const valid: Array<{ readonly value: A; readonly line: number }> = []
  const firstLine = new Map<string, number>()
  for (const record of records) {
    if (record._tag === "Malformed") {
      rejects.push(malformed(source, record))
      continue
    }
    const result = kind.validate(record.values, { source, line: record.line })
    if (!result.ok) {
      rejects.push(...result.rejects)
      continue
    }
    const key = kind.key(result.value)
    const seen = firstLine.get(key)
    if (seen !== undefined) {
      rejects.push({ source, line: record.line, ...kind.duplicate(result.value, seen) })
      continue
    }
    firstLine.set(key, record.line)
    valid.push({ value: result.value, line: record.line })
  }
  const encoded = valid.length === 0 ? undefined : kind.encode(runId, valid.map((entry) => entry.value))
  return { records: records.length, valid, encoded, rejects }
}

/** Chunks read, validated and encoded ahead of the one being written, so this work overlaps the database's. */
const readAhead = 2

/**
 * Loads one CSV file chunk by chunk: validate, drop duplicates, write, and commit each chunk with its
 * rejects in one transaction, so a chunk is the unit of commit (and, after a crash, of restart). Memory
 * holds at most a few chunks, whatever the size of the file (REL-3).
 */
export const loadFile = <A, W>(source: RecordSource, kind: RecordKind<A, W>, options: LoadOptions) =>
  Effect.gen(function*() {
    const database = yield* Database
    let total = emptyCounts

    const writeChunk = (chunk: PreparedChunk<A, W>) =>
      Effect.gen(function*() {
        const { encoded, rejects, valid } = chunk
        const written = yield* database.transaction("load chunk", (query, copy) =>
          Effect.gen(function*() {
            const keys = encoded === undefined ? [] : yield* kind.write(query, copy, encoded)
            const writtenKeys = new Set(keys)
            for (const entry of valid) {
              if (!writtenKeys.has(kind.key(entry.value))) {
                rejects.push({ source: source.name, line: entry.line, ...kind.notWritten(entry.value) })
              }
            }
            yield* writeRejects(query, options.runId, rejects)
            return writtenKeys.size
          })
        )

        const rejectedRecords = new Set(rejects.map((reject) => reject.line)).size
        total = addCounts(total, { records: chunk.records, loaded: written, rejected: rejectedRecords })
        options.onProgress?.(total)
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

    yield* source.records.pipe(
      Stream.grouped(options.chunkSize),
      Stream.map((records) => prepareChunk(source.name, kind, options.runId, records)),
      Stream.buffer({ capacity: readAhead }),
      Stream.runForEach(writeChunk)
    )
    return total
  })
