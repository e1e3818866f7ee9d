import { Schema, Stream } from "effect"
import { Transferable } from "effect/workers"
import { Reject } from "../../domain/reject.ts"
import { CopyTextBuffer } from "./copy-text-buffer.ts"
import type { PreparedBatch } from "./prepare-batch.ts"
import type { RecordRules } from "./record-rules.ts"

/** The keys (VAL-3) and source lines of a chunk's valid records, in order. */
export const ChunkIndex = Schema.Struct({ keys: Schema.Array(Schema.String), lines: Schema.Array(Schema.Int) })
export type ChunkIndex = typeof ChunkIndex.Type

/**
 * A chunk ready for its transaction: its valid records as COPY text (UTF-8), and the rejects of the
 * others. Its index is needed only when COPY cannot take the chunk whole, so it crosses threads as JSON
 * in UTF-8, outside the heap like the rows, and is read only then.
 */
export const PreparedChunk = Schema.Struct({
  records: Schema.Int,
  valid: Schema.Int,
  /** The ChunkIndex, as JSON in UTF-8 (see indexOf). */
  index: Transferable.Uint8Array,
  rows: Transferable.Uint8Array,
  rejects: Schema.Array(Reject)
})
export type PreparedChunk = typeof PreparedChunk.Type

const encodeIndex = Schema.encodeSync(Schema.fromJsonString(ChunkIndex))
const decodeIndex = Schema.decodeSync(Schema.fromJsonString(ChunkIndex))
const utf8 = new TextEncoder()
const fromUtf8 = new TextDecoder()

/** A chunk's index, read from its JSON. */
export const indexOf = (chunk: PreparedChunk): ChunkIndex => decodeIndex(fromUtf8.decode(chunk.index))

/** A prepared chunk, with the share of its source read once it was (0 to 1), for progress. */
export const ChunkRead = Schema.Struct({ chunk: PreparedChunk, progress: Schema.Number })
export type ChunkRead = typeof ChunkRead.Type

/** One chunk's prepared batches, gathered; the later of two records with one key is rejected (VAL-3). */
class ChunkBuilder {
  #records = 0
  readonly #keys: Array<string> = []
  readonly #lines: Array<number> = []
  readonly #rows: CopyTextBuffer
  readonly #rejects: Array<Reject> = []
  readonly #firstLine = new Map<string, number>()

  readonly #source: string
  readonly #rules: RecordRules<unknown>

  constructor(source: string, rules: RecordRules<unknown>, expectedBytes: number) {
    this.#source = source
    this.#rules = rules
    this.#rows = new CopyTextBuffer(expectedBytes)
  }

  add(batch: PreparedBatch) {
    const { keys, lines, rows } = batch
    this.#records += batch.records
    for (const reject of batch.rejects) this.#rejects.push(reject)
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index]!
      const line = lines[index]!
      const seen = this.#firstLine.get(key)
      if (seen === undefined) {
        this.#firstLine.set(key, line)
        this.#keys.push(key)
        this.#lines.push(line)
        this.#rows.write(rows[index]!)
      } else {
        this.#rejects.push({ source: this.#source, line, ...this.#rules.duplicate(key, seen) })
      }
    }
  }

  build(): PreparedChunk {
    const index = utf8.encode(encodeIndex({ keys: this.#keys, lines: this.#lines }))
    return { records: this.#records, valid: this.#keys.length, index, rows: this.#rows.text(), rejects: this.#rejects }
  }
}

/** Room for a chunk's text: as much as the chunk before it took, and an eighth more. */
const expectedBytes = (previous: PreparedChunk | undefined) =>
  previous === undefined ? 0 : previous.rows.length + (previous.rows.length >> 3)

/** Gathers prepared batches, in source order, into the chunks they were cut for. */
export const assembleChunks = (source: string, rules: RecordRules<unknown>) =>
<E, R>(
  batches: Stream.Stream<{ readonly batch: PreparedBatch; readonly chunkEnd: number | undefined }, E, R>
): Stream.Stream<ChunkRead, E, R> =>
  batches.pipe(
    Stream.mapAccum(
      () => new ChunkBuilder(source, rules, expectedBytes(undefined)),
      (builder, { batch, chunkEnd }) => {
        builder.add(batch)
        if (chunkEnd === undefined) return [builder, []]
        const chunk = builder.build()
        return [new ChunkBuilder(source, rules, expectedBytes(chunk)), [{ chunk, progress: chunkEnd }]]
      }
    )
  )
