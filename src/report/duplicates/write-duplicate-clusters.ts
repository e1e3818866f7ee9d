import { Effect } from "effect"
import { writeCsvFile } from "../csv-file.ts"
import { customerName } from "../../domain/customer-name.ts"
import type { ClusterView } from "./duplicate-views.ts"

export const duplicateClusterColumns = ["cluster_id", "change", "customer", "name", "survivor", "probability", "request_id", "survivor_reason"] as const

const batchSize = 1_000

/**
 * Writes duplicate-clusters.csv (DUP-7): one row per member of every cluster, in cluster-ID order, the
 * survivor first with the rule that chose it (DUP-5), each other member with its probability against the
 * survivor and its merge request. Streamed a batch at a time. Returns the number of rows.
 */
export const writeDuplicateClustersCsv = Effect.fn("writeDuplicateClustersCsv")(function*(
  path: string,
  clusters: ReadonlyArray<ClusterView>
) {
  return yield* writeCsvFile(path, duplicateClusterColumns, (write) =>
    Effect.gen(function*() {
      let rows = 0
      let batch: Array<ReadonlyArray<unknown>> = []
      for (const cluster of clusters) {
        const reasonOf = new Map(cluster.survivors.map((survivor) => [survivor.customerNumber, survivor.reason]))
        for (const member of cluster.members) {
          batch.push([
            cluster.id ?? "",
            cluster.change ?? "",
            member.customerNumber,
            customerName(member.customer),
            member.survivor ? "Y" : "N",
            member.probability ?? "",
            member.requestId ?? "",
            reasonOf.get(member.customerNumber) ?? ""
          ])
        }
        if (batch.length >= batchSize) {
          rows += batch.length
          yield* write(batch)
          batch = []
        }
      }
      rows += batch.length
      if (batch.length > 0) yield* write(batch)
      return rows
    }))
})
