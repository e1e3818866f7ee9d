import { Effect, Stream } from "effect"
import { assembleChunks } from "./assemble-chunks.ts"
import { cutBatches } from "./cut-batches.ts"
import type { PreparedBatch } from "./prepare-batch.ts"
import { type RecordKind, writerOf } from "./record-kinds.ts"

/** Records per batch: small enough to keep records moving, large enough that a call's cost does not show. */
const batchSize = 1000

/**
 * Cuts a source's records into batches, prepares up to `concurrency` batches at once, and gathers them,
 * in source order, into the chunks they were cut for; so the later of two duplicates is always the one
 * rejected (VAL-3), whichever batch was prepared first.
 */
export const prepareChunks = <A, E, E2, R>(
  records: Stream.Stream<A, E>,
  options: {
    readonly source: string
    readonly kind: RecordKind
    readonly chunkSize: number
    /** Share of the source read so far, 0 to 1. */
    readonly progress: () => number
    readonly prepare: (records: ReadonlyArray<A>) => Effect.Effect<PreparedBatch, E2, R>
    readonly concurrency: number
  }
) =>
  records.pipe(
    cutBatches(options.chunkSize, batchSize, options.progress),
    Stream.mapEffect(
      ({ chunkEnd, records }) => Effect.map(options.prepare(records), (batch) => ({ batch, chunkEnd })),
      { concurrency: options.concurrency }
    ),
    assembleChunks(options.source, writerOf(options.kind))
  )
