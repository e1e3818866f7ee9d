import { Stream } from "effect"
import type { RecordSource, SourceError } from "../../sources/record-source.ts"
import type { ReferenceData } from "../validate/index.ts"
import { assembleChunks, type ChunkRead } from "./assemble-chunks.ts"
import { cutBatches } from "./cut-batches.ts"
import { prepareBatch } from "./prepare-batch.ts"
import { type RecordKind, rulesOf } from "./record-rules.ts"

/** Records per batch: records are validated and encoded soon after they are read, so few are held at once. */
const batchSize = 1000

/** Chunks prepared ahead of the one being written, so this work overlaps the database's. */
const readAhead = 2

/**
 * Reads a source and prepares its chunks for the writes, in source order: its records are cut into
 * batches, each batch validated and encoded, and the batches gathered into the chunks they were cut for,
 * dropping a chunk's inner duplicates (VAL-3).
 */
export const prepareChunks = (
  source: RecordSource,
  kind: RecordKind,
  chunkSize: number,
  reference: ReferenceData
): Stream.Stream<ChunkRead, SourceError> => {
  const rules = rulesOf(kind, reference)
  return source.records.pipe(
    cutBatches(chunkSize, batchSize, source.progress),
    Stream.map(({ chunkEnd, records }) => ({ batch: prepareBatch(source.name, rules, records), chunkEnd })),
    assembleChunks(source.name, rules),
    Stream.buffer({ capacity: readAhead })
  )
}
