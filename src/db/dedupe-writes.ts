import { Clock, Effect } from "effect"
import type { Customer } from "../domain/customer.ts"
import { deduplicationRequest } from "../domain/merge-request.ts"
import type { ModelParameters } from "../stages/dedupe/model.ts"
import type { Reconciled } from "../stages/dedupe/reconcile-clusters.ts"
import { Database, type DatabaseError } from "./database.ts"

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest row written here. */
const rowsPerInsert = 1_000

const inBatches = <A>(rows: ReadonlyArray<A>, write: (batch: ReadonlyArray<A>) => Effect.Effect<unknown, DatabaseError, Database>) =>
  Effect.forEach(
    Array.from({ length: Math.ceil(rows.length / rowsPerInsert) }, (_, i) => rows.slice(i * rowsPerInsert, (i + 1) * rowsPerInsert)),
    write,
    { discard: true }
  )

export interface DedupeRunWrites {
  readonly runId: string
  readonly model: ModelParameters
  readonly estimated: boolean
  readonly reconciled: Reconciled
  /** The dedupe's input: the review pairs' indexes refer to it. */
  readonly customers: ReadonlyArray<Customer>
}

/**
 * Everything a dedupe run decided, written in the caller's transaction: the model, the clusters (new,
 * grown, joined, absorbed, dissolved, merged), their members, the merge requests (flag SAVED, DUP-3) — those of
 * members that left their cluster withdrawn while no merge batch has taken them — and the review pairs.
 * Answers the IDs of the requests it created and how many it withdrew.
 */
export const writeDedupeRun = Effect.fnUntraced(function*(writes: DedupeRunWrites) {
  const { query } = yield* Database
  const { runId, reconciled } = writes
  const now = new Date(yield* Clock.currentTimeMillis)

  yield* query("save the dedupe model", (db) =>
    db.insertInto("dedupeModels")
      .values({ runId, model: JSON.stringify(writes.model), estimated: writes.estimated, savedAt: now })
      .execute())

  // Members leave their old clusters before any joins another: one cluster per customer.
  const emptied = [...reconciled.absorbed.map((absorbed) => absorbed.id), ...reconciled.dissolved, ...reconciled.merged.map((cluster) => cluster.id)]
  if (emptied.length > 0) {
    yield* query("empty absorbed, dissolved and merged clusters", (db) =>
      db.deleteFrom("dedupeClusterMembers").where("clusterId", "in", emptied).execute())
  }
  for (const { id, into } of reconciled.absorbed) {
    yield* query("mark a cluster absorbed", (db) =>
      db.updateTable("dedupeClusters")
        .set({ status: "absorbed", absorbedInto: into, absorbedByRun: runId, updatedByRun: runId })
        .where("id", "=", id).execute())
  }
  if (reconciled.dissolved.length > 0) {
    yield* query("mark clusters dissolved", (db) =>
      db.updateTable("dedupeClusters").set({ status: "dissolved", updatedByRun: runId })
        .where("id", "in", reconciled.dissolved).execute())
  }

  if (reconciled.merged.length > 0) {
    yield* query("mark clusters merged", (db) =>
      db.updateTable("dedupeClusters").set({ status: "merged", updatedByRun: runId })
        .where("id", "in", reconciled.merged.map((cluster) => cluster.id)).execute())
  }

  const rewritten = reconciled.clusters.filter((cluster) => cluster.rewritten)
  for (const cluster of rewritten) {
    const numbers = cluster.memberships.map((member) => member.customerNumber)
    yield* query("drop members that left a cluster", (db) =>
      db.deleteFrom("dedupeClusterMembers").where("clusterId", "=", cluster.id).where("customerNumber", "not in", numbers).execute())
    yield* query("save a cluster", (db) =>
      db.insertInto("dedupeClusters")
        .values({
          id: cluster.id,
          status: "active",
          survivor: cluster.survivor,
          survivorReason: cluster.survivorReason,
          createdByRun: runId,
          updatedByRun: runId,
          absorbedInto: null,
          absorbedByRun: null
        })
        .onConflict((oc) =>
          oc.column("id").doUpdateSet({ status: "active", survivor: cluster.survivor, survivorReason: cluster.survivorReason, updatedByRun: runId })
        )
        .execute())
  }
  const members = rewritten.flatMap((cluster) =>
    cluster.memberships.map((member) => ({ clusterId: cluster.id, customerNumber: member.customerNumber, probability: member.probability, addedByRun: runId }))
  )
  yield* inBatches(members, (batch) =>
    query("save cluster members", (db) =>
      db.insertInto("dedupeClusterMembers").values([...batch])
        // A member that stays keeps the run that added it; its probability is today's.
        .onConflict((oc) => oc.columns(["clusterId", "customerNumber"]).doUpdateSet((eb) => ({ probability: eb.ref("excluded.probability") })))
        .execute()))

  let withdrawn = 0
  for (const { customerNumber, clusterId } of reconciled.left) {
    const result = yield* query("withdraw the request of a member that left its cluster", (db) =>
      db.updateTable("mergeRequests")
        .set({ processFlag: "REJECTED", errorMessage: `no longer a duplicate in cluster ${clusterId} by run ${runId}`, updatedAt: now })
        .where("fromCustomer", "=", customerNumber).where("clusterId", "=", clusterId).where("processFlag", "=", "SAVED")
        .executeTakeFirst())
    withdrawn += Number(result.numUpdatedRows)
  }

  const requestIds: Array<number> = []
  yield* inBatches(reconciled.requests, (batch) =>
    query("save merge requests", (db) =>
      db.insertInto("mergeRequests")
        .values(batch.map((request) => ({
          fromCustomer: request.fromCustomer,
          toCustomer: request.toCustomer,
          ...deduplicationRequest,
          probability: request.probability,
          clusterId: request.clusterId,
          survivorship: JSON.stringify(request.survivorship),
          processFlag: "SAVED" as const,
          errorMessage: null,
          createdByRun: runId,
          batchRunId: null,
          createdAt: now,
          updatedAt: now,
          processedAt: null
        })))
        .returning("id")
        .execute()
        .then((rows) => requestIds.push(...rows.map((row) => row.id)))))

  yield* inBatches(reconciled.review, (batch) =>
    query("save review pairs", (db) =>
      db.insertInto("dedupeReviewPairs")
        .values(batch.map((pair) => ({
          runId,
          customerA: writes.customers[pair.a]!.customerNumber,
          customerB: writes.customers[pair.b]!.customerNumber,
          probability: pair.probability,
          reason: pair.reason
        })))
        .execute()))

  return { requestIds, withdrawn }
})
