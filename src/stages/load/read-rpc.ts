import { Schema } from "effect"
import { Rpc, RpcGroup } from "effect/rpc"
import { ColumnOptions, SourceError } from "../../sources/record-source.ts"
import { ChunkRead } from "./assemble-chunks.ts"
import { RecordKind } from "./record-rules.ts"

/** Reads a CSV file and prepares its chunks, in file order, on the reading thread (see chunk-preparer.ts). */
export class ReadCsv extends Rpc.make("ReadCsv", {
  payload: {
    path: Schema.String,
    columns: ColumnOptions,
    kind: RecordKind,
    chunkSize: Schema.Int
  },
  success: ChunkRead,
  error: SourceError,
  stream: true
}) {}

/** Answers once the reading thread has loaded its code and reference data, so a load does not wait for it. */
export class ReaderReady extends Rpc.make("ReaderReady") {}

export const ReadRpcs = RpcGroup.make(ReadCsv, ReaderReady)
