import { Schema } from "effect"

/** The ORD rule a decision on an order message follows. */
export const OrdRule = Schema.Literals(["ORD-1", "ORD-2", "ORD-3", "ORD-4", "ORD-5"])
export type OrdRule = typeof OrdRule.Type

/**
 * How a message ended: `synchronized` (ORCE answered, the Relate ID stored), `oacs-only` (no ORCE call was due),
 * `deferred` (ORCE unreachable: sync flag set, e-commerce ID kept, ORD-5), `failed` (ORCE refused: the flag is
 * set too, so SYNCRDB retries).
 */
export const OrderOutcome = Schema.Literals(["synchronized", "oacs-only", "deferred", "failed"])
export type OrderOutcome = typeof OrderOutcome.Type

/** One ORCE call an order message made, as the report lists it: no personal data, only IDs and counts. */
export const OrceCall = Schema.Struct({
  operation: Schema.Literals(["searchCustomers", "addOrUpdateCustomer", "findCustomer"]),
  /** What was asked: "email", "alt key WEB_ID", "customer 0001234", "by alt keys". */
  by: Schema.String,
  /** What came back: "2 found: A, B", "created 0001234", "updated 0001234", or the error. */
  answer: Schema.String
})
export type OrceCall = typeof OrceCall.Type

/** What was decided for one order message (ORD-1..ORD-5). */
export const OrderDecision = Schema.Struct({
  line: Schema.Int,
  /** The OACS customer the order ends on; null when the message could not be tied to one. */
  customerNumber: Schema.NullOr(Schema.Int),
  rule: OrdRule,
  /** The decision in words, e.g. "known customer, flag Y: OACS name and address updated, no ORCE call". */
  decision: Schema.String,
  outcome: OrderOutcome,
  relateId: Schema.String,
  syncFlag: Schema.Literals(["Y", "N"]),
  orceCalls: Schema.Array(OrceCall),
  reason: Schema.String
})
export type OrderDecision = typeof OrderDecision.Type
