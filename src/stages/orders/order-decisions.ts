import { Effect } from "effect"
import { Database } from "../../db/database.ts"
import type { OrderDecision } from "../../domain/order-decision.ts"

/** Writes a chunk's decisions in the chunk's transaction, so each message is counted once across resumes. */
export const writeOrderDecisions = (runId: string, decisions: ReadonlyArray<OrderDecision>) =>
  decisions.length === 0
    ? Effect.void
    : Effect.flatMap(Effect.service(Database), ({ query }) =>
      query("write order decisions", (db) =>
        db.insertInto("orderDecisions")
          .values(decisions.map((decision) => ({ ...decision, runId, orceCalls: JSON.stringify(decision.orceCalls) })))
          .execute())).pipe(Effect.asVoid)

/** A run's decisions in message order. */
export const readOrderDecisions = (runId: string) =>
  Effect.flatMap(Effect.service(Database), ({ query }) =>
    query("read order decisions", (db) =>
      db.selectFrom("orderDecisions")
        .select(["line", "customerNumber", "rule", "decision", "outcome", "relateId", "syncFlag", "orceCalls", "reason"])
        .where("runId", "=", runId).orderBy("line").execute()
        .then((rows) =>
          rows.map((row): OrderDecision => ({
            ...row,
            orceCalls: typeof row.orceCalls === "string" ? JSON.parse(row.orceCalls) : row.orceCalls
          })))))
