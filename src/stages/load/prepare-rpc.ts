import { Schema } from "effect"
import { Rpc, RpcGroup } from "effect/rpc"
import { lineCountOf, type RawRecord } from "../../sources/csv/split-records.ts"
import { PreparedBatch } from "./prepare-batch.ts"
import { RecordKind } from "./record-kinds.ts"

/** Parses, validates and encodes a batch of a CSV file's records, on a worker thread (see batch-preparers.ts). */
export class PrepareBatch extends Rpc.make("PrepareBatch", {
  payload: {
    /** The file, as rejects cite it. */
    source: Schema.String,
    /** The known column read from each position of the header, null where the column is ignored. */
    columns: Schema.Array(Schema.NullOr(Schema.String)),
    /** The records' texts and first lines: plain strings and numbers cross threads far cheaper than objects. */
    texts: Schema.Array(Schema.String),
    lines: Schema.Array(Schema.Int),
    kind: RecordKind
  },
  success: PreparedBatch
}) {}

/** Answers once a worker thread has loaded its code and reference data, so a load does not wait for it. */
export class Ready extends Rpc.make("Ready") {}

export const PrepareRpcs = RpcGroup.make(PrepareBatch, Ready)

/** The payload of PrepareBatch for a batch of raw records. */
export const batchPayload = (records: ReadonlyArray<RawRecord>) => ({
  texts: records.map((record) => record.text),
  lines: records.map((record) => record.line)
})

/** The raw records of a PrepareBatch payload. */
export const batchRecords = (payload: { texts: ReadonlyArray<string>; lines: ReadonlyArray<number> }): Array<RawRecord> =>
  payload.texts.map((text, index) => ({ line: payload.lines[index]!, lineCount: lineCountOf(text), text }))
