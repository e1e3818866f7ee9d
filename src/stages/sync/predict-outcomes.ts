import { Effect } from "effect"
import type { Customer } from "../../domain/customer.ts"
import type { MatchKind } from "../../domain/outcome.ts"
import { matchCustomer } from "../match/match-customer.ts"
import { trimTrailing } from "../map/text.ts"

/** A dry run's decision for one customer, kept small: a dry run holds one per customer until it predicts. */
export interface Decision {
  readonly customerNumber: number
  readonly relateId: string
  /** Lower-cased, as ORCE's email search compares it. */
  readonly email: string
  readonly ecommerceId: string
  readonly kind: MatchKind | "error"
  /** The ORCE customer the match found; undefined when ORCE would create one. */
  readonly found: string | undefined
}

/** What a real run would report: outcomes, and for the updates how their ORCE customer was found. */
export interface Prediction {
  readonly outcomes: Record<"created" | "updated" | "relate-id-changed" | "error" | "rejected", number>
  readonly updatesBy: Partial<Record<MatchKind, number>>
}

/**
 * Reads ORCE as the sync would (SYNC-3..SYNC-6) and writes nothing. As the sync, it tells a create from an
 * update by the match alone: Customer Services answers an add-or-update with an ID and no "created" flag.
 */
export const decide = (customer: Customer, ids: { readonly altIdOroms: string; readonly altIdWeb: string }) =>
  Effect.gen(function*() {
    const { match } = yield* matchCustomer(customer, { ...ids, mayHaveReachedOrce: false })
    return {
      customerNumber: customer.customerNumber,
      relateId: customer.relateId,
      email: customer.email.toLowerCase(),
      ecommerceId: trimTrailing(customer.ecommerceId),
      kind: match.kind,
      found: match.customerId
    } satisfies Decision
  }).pipe(
    Effect.catch(() =>
      Effect.succeed<Decision>({ customerNumber: customer.customerNumber, relateId: "", email: "", ecommerceId: "", kind: "error", found: undefined })
    )
  )

/**
 * The outcomes a real run would report, from the decisions a dry run made without writing. The real run
 * goes in customer-number order and creates as it goes, so a later customer finds what an earlier one
 * created: by its e-commerce ID (SYNC-3), or by email (SYNC-5: every such match holds an OROMS key). The dry
 * run replays that order over its decisions.
 */
export const predictOutcomes = (decisions: ReadonlyArray<Decision>, rejected: number): Prediction => {
  const outcomes = { created: 0, updated: 0, "relate-id-changed": 0, error: 0, rejected }
  const updatesBy: Partial<Record<MatchKind, number>> = {}
  const createdEmails = new Set<string>()
  const createdEcommerceIds = new Set<string>()
  const update = (decision: Decision, kind: MatchKind, id: string | undefined) => {
    updatesBy[kind] = (updatesBy[kind] ?? 0) + 1
    outcomes[decision.relateId !== "" && id !== decision.relateId ? "relate-id-changed" : "updated"]++
  }
  for (const decision of [...decisions].sort((a, b) => a.customerNumber - b.customerNumber)) {
    if (decision.kind === "error") {
      outcomes.error++
    } else if (decision.found !== undefined) {
      update(decision, decision.kind, decision.found)
    } else if (decision.ecommerceId !== "" && createdEcommerceIds.has(decision.ecommerceId)) {
      update(decision, "ecommerce-id", undefined)
    } else if (decision.ecommerceId === "" && decision.email !== "" && createdEmails.has(decision.email)) {
      update(decision, "email-with-oroms-key", undefined)
    } else {
      outcomes.created++
      if (decision.email !== "") createdEmails.add(decision.email)
      if (decision.ecommerceId !== "") createdEcommerceIds.add(decision.ecommerceId)
    }
  }
  return { outcomes, updatesBy }
}
