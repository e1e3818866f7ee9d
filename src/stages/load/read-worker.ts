// The thread that reads a load's CSV files: it cuts each file into batches of records, has them prepared
// on threads of their own, and hands the main thread whole chunks ready to write. The text of the file
// never reaches the main thread, whose memory then holds little more than the chunks being written.
import { NodeWorkerRunner } from "@effect/platform-node"
import { Effect, Layer, Stream } from "effect"
import { RpcServer } from "effect/rpc"
import { readCsv } from "../../sources/csv/read-csv.ts"
import { SourceError } from "../../sources/record-source.ts"
import { BatchPreparers, batchPreparersLayer } from "./batch-preparers.ts"
import { prepareChunks } from "./prepare-chunks.ts"
import { ReadRpcs } from "./read-rpc.ts"

/** Chunks prepared ahead of the one being written, so this work overlaps the database's. */
const readAhead = 2

const handlers = ReadRpcs.toLayer(Effect.gen(function*() {
  const preparers = yield* BatchPreparers
  return {
    ReadCsv: ({ chunkSize, columns, kind, path }) =>
      Stream.unwrap(Effect.map(readCsv(path, columns), (source) => {
        const stopped = (error: { readonly message: string }) =>
          new SourceError({ source: path, message: `Reading ${path} failed: a preparing thread stopped (${error.message}).` })
        return prepareChunks(source.rawRecords, {
          source: path,
          kind,
          chunkSize,
          progress: source.progress,
          prepare: (records) =>
            preparers.prepare(path, source.header.columns, kind, records).pipe(Effect.mapError(stopped)),
          concurrency: preparers.size
        }).pipe(Stream.buffer({ capacity: readAhead }))
      })),
    ReaderReady: () => Effect.void
  }
}))

RpcServer.layer(ReadRpcs).pipe(
  Layer.provide(handlers),
  Layer.provide(batchPreparersLayer),
  Layer.provide(RpcServer.layerProtocolWorkerRunner),
  Layer.provide(NodeWorkerRunner.layer),
  Layer.launch,
  Effect.runFork
)
