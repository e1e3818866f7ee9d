import { Effect } from "effect"
import { AppSettings } from "../../config/app-settings.ts"
import { Database } from "../../db/database.ts"
import { OrceClient } from "../../orce/client.ts"

/**
 * MRG-11: once a set has committed, the ORCE records of its customer merges whose two customers both have
 * Relate IDs are merged in ORCE, the from-customer's into the survivor's. An ORCE failure is recorded on the
 * merge and nothing else: the local merge stays committed, and the survivor, flagged for synchronization by
 * the merge, goes to ORCE with the next sync. Merges left pending by a batch that stopped before this are
 * taken too (`runId` undefined: every run's).
 */
export const followUpInOrce = Effect.fnUntraced(function*(runId: string | undefined) {
  const { query } = yield* Database
  const settings = yield* AppSettings
  const client = yield* OrceClient
  const pending = yield* query("read the merges ORCE has still to follow", (db) => {
    let select = db.selectFrom("mergeResults").select(["runId", "requestId", "line", "oldRelateId", "newRelateId"])
      .where("orceMerge", "=", "pending")
    if (runId !== undefined) select = select.where("runId", "=", runId)
    return select.orderBy("runId").orderBy("requestId").execute()
  })
  let merged = 0
  let failed = 0
  for (const row of pending) {
    const outcome = settings.integration !== "INTERACT"
      ? `not sent: L37 is ${JSON.stringify(settings.integration)}, not INTERACT`
      : yield* client.mergeCustomers(row.oldRelateId ?? "", row.newRelateId ?? "").pipe(
        Effect.as("merged"),
        Effect.catch((error) =>
          Effect.logWarning("ORCE did not merge the customers; the survivor stays flagged for the next sync").pipe(
            Effect.annotateLogs({ requestId: row.requestId, error: error.message }),
            Effect.as(`failed: ${error.message}`)
          ))
      )
    if (outcome === "merged") merged++
    else failed++
    yield* query("record the ORCE merge", (db) =>
      db.updateTable("mergeResults").set({ orceMerge: outcome })
        .where("runId", "=", row.runId).where("requestId", "=", row.requestId).where("line", "=", row.line).execute())
  }
  return { merged, failed }
})
