import { Schema, Stream } from "effect"
import { Transferable } from "effect/workers"
import type { Reject } from "../../domain/reject.ts"
import { TextBuffer } from "./text-buffer.ts"
import type { PreparedBatch } from "./prepare-batch.ts"
import type { RecordRules } from "./record-rules.ts"

/**
 * A chunk ready for its transaction, in the forms the database takes: its valid records as COPY text and
 * its rejects as one JSON array (see writeRejects). Its index, each valid record's key and source line,
 * is needed only when COPY cannot take the chunk whole, and then only for the few records refused, so it
 * crosses threads as text and is searched, never read whole (see linesOf). Rows and index cross as
 * UTF-8 bytes, outside the heap.
 */
export const PreparedChunk = Schema.Struct({
  records: Schema.Int,
  valid: Schema.Int,
  /** Records rejected while the chunk was prepared: the source lines of `rejects`. */
  rejected: Schema.Int,
  rows: Transferable.Uint8Array,
  /** One line per valid record, after a first line feed: the key as JSON, a tab, the source line. */
  index: Transferable.Uint8Array,
  /** The rejects found while preparing, as a JSON array of Reject. */
  rejects: Schema.String
})
export type PreparedChunk = typeof PreparedChunk.Type

/** The source lines of some of a chunk's valid records, found by their keys. */
export const linesOf = (chunk: PreparedChunk, keys: ReadonlyArray<string>): Array<number> => {
  const index = Buffer.from(chunk.index.buffer, chunk.index.byteOffset, chunk.index.byteLength)
  return keys.map((key) => {
    const entry = Buffer.from(`\n${JSON.stringify(key)}\t`)
    const at = index.indexOf(entry)
    if (at === -1) throw new Error(`The key ${key} is not one of its chunk's records.`)
    const start = at + entry.length
    return Number(index.toString("latin1", start, index.indexOf(0x0a, start)))
  })
}

/** A prepared chunk, with the share of its source read once it was (0 to 1), for progress. */
export const ChunkRead = Schema.Struct({ chunk: PreparedChunk, progress: Schema.Number })
export type ChunkRead = typeof ChunkRead.Type

/** One chunk's prepared batches, gathered; the later of two records with one key is rejected (VAL-3). */
class ChunkBuilder {
  #records = 0
  #valid = 0
  readonly #rows: TextBuffer
  readonly #index: TextBuffer
  readonly #rejects: Array<Reject> = []
  readonly #firstLine = new Map<string, number>()

  readonly #source: string
  readonly #rules: RecordRules<unknown>

  constructor(source: string, rules: RecordRules<unknown>, expected: Expected) {
    this.#source = source
    this.#rules = rules
    this.#rows = new TextBuffer(expected.rows)
    this.#index = new TextBuffer(expected.index)
    this.#index.write("\n")
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
        this.#valid++
        this.#rows.write(rows[index]!)
        this.#index.write(`${JSON.stringify(key)}\t${line}\n`)
      } else {
        this.#rejects.push({ source: this.#source, line, ...this.#rules.duplicate(key, seen) })
      }
    }
  }

  build(): PreparedChunk {
    return {
      records: this.#records,
      valid: this.#valid,
      rejected: new Set(this.#rejects.map((reject) => reject.line)).size,
      rows: this.#rows.text(),
      index: this.#index.text(),
      rejects: JSON.stringify(this.#rejects)
    }
  }
}

interface Expected {
  readonly rows: number
  readonly index: number
}

/** Room for a chunk's texts: as much as the chunk before it took, and an eighth more. */
const expected = (previous: PreparedChunk | undefined): Expected => ({
  rows: previous === undefined ? 0 : previous.rows.length + (previous.rows.length >> 3),
  index: previous === undefined ? 0 : previous.index.length + (previous.index.length >> 3)
})

/** Gathers prepared batches, in source order, into the chunks they were cut for. */
export const assembleChunks = (source: string, rules: RecordRules<unknown>) =>
<E, R>(
  batches: Stream.Stream<{ readonly batch: PreparedBatch; readonly chunkEnd: number | undefined }, E, R>
): Stream.Stream<ChunkRead, E, R> =>
  batches.pipe(
    Stream.mapAccum(
      () => new ChunkBuilder(source, rules, expected(undefined)),
      (builder, { batch, chunkEnd }) => {
        builder.add(batch)
        if (chunkEnd === undefined) return [builder, []]
        const chunk = builder.build()
        return [new ChunkBuilder(source, rules, expected(chunk)), [{ chunk, progress: chunkEnd }]]
      }
    )
  )
