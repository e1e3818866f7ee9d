import * as NodeWorker from "@effect/platform-node/NodeWorker"
import { Context, Effect, Layer, Stream } from "effect"
import { RpcClient } from "effect/rpc"
import { Worker } from "node:worker_threads"
import { type RecordSource, SourceError } from "../../sources/record-source.ts"
import { loadReferenceData, type ReferenceData } from "../validate/index.ts"
import type { ChunkRead } from "./assemble-chunks.ts"
import { prepareChunks } from "./prepare-chunks.ts"
import { ReadRpcs } from "./read-rpc.ts"
import type { RecordKind } from "./record-rules.ts"

/** Reads a load's sources and prepares their chunks for the writes, in source order. */
export class ChunkPreparer extends Context.Service<ChunkPreparer, {
  readonly prepare: (source: RecordSource, kind: RecordKind, chunkSize: number) => Stream.Stream<ChunkRead, SourceError>
}>()("orce-sync/load/ChunkPreparer") {}

/**
 * The reading thread's heap. It holds the keys of the chunk it is building and the batch it is preparing
 * (a chunk's COPY text and index are outside the heap), some 50 MB; without a ceiling V8 lets the heap grow to several
 * times that before it collects, and the longer the file, the further, so memory would grow with the
 * input. Below about 180 MB the collector runs so often that reading slows down.
 */
const readerHeapMb = 256

/**
 * A CSV file is read, parsed, validated and encoded on a thread of its own (read-worker.ts), and this
 * thread receives whole chunks ready to write: so the load's work runs beside its writes, on two cores,
 * and this thread's memory stays small. The thread starts with the layer, beside the database, and is
 * ready when the load begins. A table's pages arrive through a database connection of this thread, and
 * are prepared here.
 */
export const chunkPreparerLayer = Layer.effect(ChunkPreparer)(Effect.gen(function*() {
  const reader = yield* RpcClient.make(ReadRpcs)
  yield* reader.ReaderReady().pipe(Effect.orDie)
  let reference: ReferenceData | undefined

  const readElsewhere = (source: RecordSource, file: NonNullable<RecordSource["file"]>, kind: RecordKind, chunkSize: number) =>
    // One chunk waits here while the reading thread prepares the next: more would only hold memory.
    reader.ReadCsv({ path: file.path, columns: file.columns, kind, chunkSize }, { streamBufferSize: 1 }).pipe(
      Stream.catchTag("RpcClientError", (error) =>
        Stream.fail(
          new SourceError({ source: source.name, message: `Reading ${source.name} failed: the reading thread stopped (${error.message}).` })
        ))
    )

  return ChunkPreparer.of({
    prepare: (source, kind, chunkSize) =>
      source.file === undefined
        ? prepareChunks(source, kind, chunkSize, reference ??= loadReferenceData())
        : readElsewhere(source, source.file, kind, chunkSize)
  })
})).pipe(
  Layer.provide(RpcClient.layerProtocolWorker({ size: 1 })),
  Layer.provide(NodeWorker.layer(() =>
    new Worker(new URL("./read-worker.ts", import.meta.url), { name: "read", resourceLimits: { maxOldGenerationSizeMb: readerHeapMb } })
  ))
)
