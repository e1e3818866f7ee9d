import { Schema, Stream } from "effect"
import { Transferable } from "effect/workers"
import { Reject } from "../../domain/reject.ts"
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

const lineFeed = 0x0a

/** One chunk's prepared batches, gathered; the later of two records with one key is rejected (VAL-3). */
class ChunkBuilder {
  #records = 0
  readonly #keys: Array<string> = []
  readonly #lines: Array<number> = []
  readonly #rows: Array<Uint8Array> = []
  readonly #rejects: Array<Reject> = []
  readonly #firstLine = new Map<string, number>()

  readonly #source: string
  readonly #rules: RecordRules<unknown>

  constructor(source: string, rules: RecordRules<unknown>) {
    this.#source = source
    this.#rules = rules
  }

  add(batch: PreparedBatch) {
    const { keys, lines, rows } = batch
    this.#records += batch.records
    for (const reject of batch.rejects) this.#rejects.push(reject)
    // Where the rows of the batch start and end is looked up only for a duplicate, which is rare: a COPY
    // line ends at its line feed, the only one it holds (copy-text.ts escapes the others).
    let kept = 0
    let row = 0
    let rowStart = 0
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index]!
      const line = lines[index]!
      const seen = this.#firstLine.get(key)
      if (seen === undefined) {
        this.#firstLine.set(key, line)
        this.#keys.push(key)
        this.#lines.push(line)
        continue
      }
      // The duplicate's row is left out of the chunk's COPY text.
      this.#rejects.push({ source: this.#source, line, ...this.#rules.duplicate(key, seen) })
      for (; row < index; row++) rowStart = rows.indexOf(lineFeed, rowStart) + 1
      if (rowStart > kept) this.#rows.push(rows.subarray(kept, rowStart))
      kept = rows.indexOf(lineFeed, rowStart) + 1
      rowStart = kept
      row++
    }
    if (kept < rows.length) this.#rows.push(rows.subarray(kept))
  }

  build(): PreparedChunk {
    // A buffer of its own, never a slice of Node's shared pool: it is handed to other threads.
    const rows = new Uint8Array(this.#rows.reduce((total, piece) => total + piece.length, 0))
    let at = 0
    for (const piece of this.#rows) {
      rows.set(piece, at)
      at += piece.length
    }
    const index = utf8.encode(encodeIndex({ keys: this.#keys, lines: this.#lines }))
    return { records: this.#records, valid: this.#keys.length, index, rows, rejects: this.#rejects }
  }
}

/** Gathers prepared batches, in source order, into the chunks they were cut for. */
export const assembleChunks = (source: string, rules: RecordRules<unknown>) =>
<E, R>(
  batches: Stream.Stream<{ readonly batch: PreparedBatch; readonly chunkEnd: number | undefined }, E, R>
): Stream.Stream<ChunkRead, E, R> =>
  batches.pipe(
    Stream.mapAccum(
      () => new ChunkBuilder(source, rules),
      (builder, { batch, chunkEnd }) => {
        builder.add(batch)
        return chunkEnd === undefined
          ? [builder, []]
          : [new ChunkBuilder(source, rules), [{ chunk: builder.build(), progress: chunkEnd }]]
      }
    )
  )
