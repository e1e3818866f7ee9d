// A worker thread that prepares batches of CSV records for a load: parsing, validating and encoding are most
// of a load's work, and here they run beside the reads and writes instead of between them.
import { NodeWorkerRunner } from "@effect/platform-node"
import { Effect, Layer } from "effect"
import { RpcServer } from "effect/rpc"
import { parseRawRecords } from "../../sources/csv/parse-records.ts"
import { loadReferenceData } from "../validate/index.ts"
import { prepareBatch } from "./prepare-batch.ts"
import { batchRecords, PrepareRpcs } from "./prepare-rpc.ts"
import { type RecordKind, type RecordRules, rulesOf } from "./record-kinds.ts"

const handlers = PrepareRpcs.toLayer(Effect.sync(() => {
  const reference = loadReferenceData()
  // A load sends the same kind with each of its batches; its rules are built once, so they stay compiled.
  let rules: { readonly kind: string; readonly rules: RecordRules<unknown> } | undefined
  const rulesFor = (kind: RecordKind) => {
    const key = JSON.stringify(kind)
    if (rules?.kind !== key) rules = { kind: key, rules: rulesOf(kind, reference) }
    return rules.rules
  }
  return {
    PrepareBatch: (payload) =>
      Effect.sync(() =>
        prepareBatch(payload.source, rulesFor(payload.kind), parseRawRecords(payload.columns, batchRecords(payload)))
      ),
    Ready: () => Effect.void
  }
}))

RpcServer.layer(PrepareRpcs).pipe(
  Layer.provide(handlers),
  Layer.provide(RpcServer.layerProtocolWorkerRunner),
  Layer.provide(NodeWorkerRunner.layer),
  Layer.launch,
  Effect.runFork
)
