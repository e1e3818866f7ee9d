// The thread that reads a load's CSV files: it parses, validates and encodes them, most of a load's work,
// and hands the main thread whole chunks ready to write. So the reading runs beside the writes, and the
// text of the file, with all it costs the garbage collector, never reaches the main thread.
import * as NodeWorkerRunner from "@effect/platform-node/NodeWorkerRunner"
import { Effect, Layer, Stream } from "effect"
import { RpcServer } from "effect/rpc"
import { readCsv } from "../../sources/csv/read-csv.ts"
import { loadReferenceData } from "../validate/index.ts"
import { prepareChunks } from "./prepare-chunks.ts"
import { ReadRpcs } from "./read-rpc.ts"

const handlers = ReadRpcs.toLayer(Effect.sync(() => {
  const reference = loadReferenceData()
  return {
    ReadCsv: ({ chunkSize, columns, kind, path }) =>
      Stream.unwrap(Effect.map(readCsv(path, columns), (source) => prepareChunks(source, kind, chunkSize, reference))),
    ReaderReady: () => Effect.void
  }
}))

RpcServer.layer(ReadRpcs).pipe(
  Layer.provide(handlers),
  Layer.provide(RpcServer.layerProtocolWorkerRunner),
  Layer.provide(NodeWorkerRunner.layer),
  Layer.launch,
  Effect.runFork
)
