import { Clock, Effect } from "effect"
import type { ExpressionBuilder } from "kysely"
import type { Customer } from "../domain/customer.ts"
import { deduplicationRequest } from "../domain/merge-request.ts"
import type { SurvivorshipRules } from "../domain/survivorship-rules.ts"
import type { Activity } from "../stages/dedupe/survivor.ts"
import { rankForSurvivor } from "../stages/dedupe/survivor.ts"
import { survivorshipChoices } from "../stages/dedupe/survivorship-choices.ts"
import type { Decision } from "../stages/dedupe/review-decisions.ts"
import { Database } from "./database.ts"
import type { Tables } from "./tables.ts"

const openFlags = ["SAVED", "PROCESSING", "IN_PROGRESS"] as const

export interface RecordedDecisions {
  readonly accepted: number
  readonly rejected: number
  /** Accepted pairs that became merge requests (SAVED). */
  readonly requestsCreated: number
  /** Accepted pairs already in a request still open. */
  readonly alreadyRequested: number
  /** Accepted pairs left without a request: one of the two is being merged into another customer already. */
  readonly held: number
  /** Requests of rejected pairs not yet taken by a merge batch (SAVED), withdrawn: flag REJECTED. */
  readonly withdrawn: number
}

/**
 * Records a person's decisions on review pairs, each replacing any earlier decision on its pair, in one
 * transaction. An accepted pair becomes a merge request (SAVED, DUP-3) to the one of the two the survivor
 * rule ranks first (DUP-5), with the golden record's choices; a rejected pair is never proposed again, and a
 * request of it that no merge batch has taken yet is withdrawn.
 */
export const recordDecisions = Effect.fnUntraced(function*(
  sourceFile: string,
  decisions: ReadonlyArray<Decision>,
  customers: ReadonlyMap<number, Customer>,
  activity: Activity,
  rules: SurvivorshipRules
) {
  const { query, transaction } = yield* Database
  return yield* transaction("record review decisions", Effect.gen(function*() {
    const now = new Date(yield* Clock.currentTimeMillis)
    let requestsCreated = 0
    let alreadyRequested = 0
    let held = 0
    let withdrawn = 0
    for (const { decision, line, ...named } of decisions) {
      const [a, b] = named.a < named.b ? [named.a, named.b] : [named.b, named.a]
      const pair = (eb: ExpressionBuilder<Tables, "mergeRequests">) => eb.or([eb.and([eb("fromCustomer", "=", a), eb("toCustomer", "=", b)]), eb.and([eb("fromCustomer", "=", b), eb("toCustomer", "=", a)])])
      let mergeRequestId: number | null = null
      if (decision === "accept") {
        const open = yield* query("find an open request of the pair", (db) =>
          db.selectFrom("mergeRequests").select("id").where(pair).where("processFlag", "in", openFlags).orderBy("id").executeTakeFirst())
        const busy = yield* query("find customers being merged", (db) =>
          db.selectFrom("mergeRequests").select("id").where("fromCustomer", "in", [a, b]).where("processFlag", "in", openFlags).executeTakeFirst())
        if (open !== undefined) {
          alreadyRequested++
          mergeRequestId = open.id
        } else if (busy !== undefined) {
          held++
        } else {
          const [to, from] = rankForSurvivor([customers.get(a)!, customers.get(b)!], activity)
          const listed = yield* query("read the pair's probability", (db) =>
            db.selectFrom("dedupeReviewPairs").select("probability").where("customerA", "=", a).where("customerB", "=", b)
              .orderBy("id", "desc").limit(1).executeTakeFirst())
          const created = yield* query("create the accepted pair's merge request", (db) =>
            db.insertInto("mergeRequests").values({
              fromCustomer: from!.customerNumber,
              toCustomer: to!.customerNumber,
              ...deduplicationRequest,
              probability: listed?.probability ?? null,
              clusterId: null,
              survivorship: JSON.stringify(survivorshipChoices([to!, from!], rules)),
              processFlag: "SAVED",
              errorMessage: null,
              createdByRun: null,
              batchRunId: null,
              createdAt: now,
              updatedAt: now,
              processedAt: null
            }).returning("id").executeTakeFirstOrThrow())
          mergeRequestId = created.id
          requestsCreated++
        }
      } else {
        const result = yield* query("withdraw the rejected pair's saved requests", (db) =>
          db.updateTable("mergeRequests")
            .set({ processFlag: "REJECTED", errorMessage: `a person rejected the pair in ${sourceFile} line ${line}`, updatedAt: now })
            .where(pair).where("processFlag", "=", "SAVED").executeTakeFirst())
        withdrawn += Number(result.numUpdatedRows)
      }
      const row = { decision, decidedAt: now, sourceFile, sourceLine: line, mergeRequestId }
      yield* query("record a decision", (db) =>
        db.insertInto("dedupeDecisions").values({ customerA: a, customerB: b, ...row })
          .onConflict((oc) => oc.columns(["customerA", "customerB"]).doUpdateSet(row)).execute())
    }
    return {
      accepted: decisions.filter((decision) => decision.decision === "accept").length,
      rejected: decisions.filter((decision) => decision.decision === "reject").length,
      requestsCreated,
      alreadyRequested,
      held,
      withdrawn
    } satisfies RecordedDecisions
  }))
})
