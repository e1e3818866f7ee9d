import { NodeWorker } from "@effect/platform-node"
import { Context, Effect, Layer } from "effect"
import { RpcClient, type RpcClientError } from "effect/rpc"
import { availableParallelism } from "node:os"
import { Worker } from "node:worker_threads"
import type { RawRecord } from "../../sources/csv/split-records.ts"
import type { PreparedBatch } from "./prepare-batch.ts"
import { batchPayload, PrepareRpcs } from "./prepare-rpc.ts"
import type { RecordKind } from "./record-kinds.ts"

/** Worker threads that prepare batches of CSV records: two at least, so one prepares while the other's batch is sent. */
const size = Math.min(4, Math.max(2, availableParallelism() - 1))

/** Threads that parse, validate and encode batches of a CSV file's records (see prepare-worker.ts). */
export class BatchPreparers extends Context.Service<BatchPreparers, {
  /** How many batches can be prepared at once. */
  readonly size: number
  readonly prepare: (
    source: string,
    columns: ReadonlyArray<string | null>,
    kind: RecordKind,
    records: ReadonlyArray<RawRecord>
  ) => Effect.Effect<PreparedBatch, RpcClientError.RpcClientError>
}>()("orce-sync/load/BatchPreparers") {}

export const batchPreparersLayer = Layer.effect(BatchPreparers)(Effect.gen(function*() {
  const client = yield* RpcClient.make(PrepareRpcs)
  // A thread takes one call at a time, so these reach every thread, and answer once all are ready.
  yield* Effect.all(Array.from({ length: size }, () => client.Ready()), { concurrency: "unbounded" }).pipe(Effect.orDie)
  return BatchPreparers.of({
    size,
    prepare: (source, columns, kind, records) => client.PrepareBatch({ source, columns, kind, ...batchPayload(records) })
  })
})).pipe(
  Layer.provide(RpcClient.layerProtocolWorker({ size, concurrency: 1 })),
  Layer.provide(NodeWorker.layer(() => new Worker(new URL("./prepare-worker.ts", import.meta.url), { name: "prepare" })))
)
