import { Effect } from "effect"
import type { Customer, ProfileData } from "../../domain/customer.ts"
import type { OrceCustomer } from "../../domain/orce-customer.ts"
import type { MatchKind, Outcome } from "../../domain/outcome.ts"
import type { Settings } from "../../domain/settings.ts"
import type { Truncation } from "../../domain/truncation.ts"
import { OrceClient } from "../../orce/client.ts"
import type { OrceError } from "../../orce/errors.ts"
import { toOrceMessage } from "../map/index.ts"
import { matchCustomer } from "../match/match-customer.ts"

/** What happened to one customer in ORCE; the write-back stage turns it into staging updates (SYNC-7, SYNC-8). */
export interface SyncResult {
  readonly customer: Customer
  readonly outcome: Outcome
  readonly match: MatchKind
  /** The ORCE customer ID after the sync; the customer's Relate ID when it did not succeed. */
  readonly relateIdAfter: string
  readonly reason: string
  readonly requests: number
  readonly truncations: ReadonlyArray<Truncation>
}

export interface SyncContext {
  readonly settings: Settings
  readonly profile: ReadonlyArray<ProfileData>
  readonly mayHaveReachedOrce: boolean
  /** When the run started: what ORCE created for a customer since then, this run created (see createdByThisRun). */
  readonly runStartedAt: Date
}

/**
 * A resumed run finds again what its killed attempt created in ORCE before the answer was written back: the
 * ORCE customer then holds this customer's OROMS alt key, was last changed by orce-sync's user (MAP-12) and
 * after the run started. It is reported as created, as an uninterrupted run would have reported it; one created
 * by an earlier run is an update of this one. Customer Services answers no create user or create time, so
 * ORCE's LastUpdateInfo stands for them; its update date is compared with this machine's clock.
 */
const createdByThisRun = (customer: Customer, existing: OrceCustomer | undefined, context: SyncContext) =>
  context.mayHaveReachedOrce && customer.relateId === "" && existing !== undefined &&
  existing.updateUser === `OROMS-${context.settings.userId}` &&
  existing.updateDate !== undefined && Date.parse(existing.updateDate) >= context.runStartedAt.getTime() &&
  (existing.alternateKeys ?? []).some((key) =>
    key.type === context.settings.altIdOroms && key.value === String(customer.customerNumber)
  )

/** SYNC-8 and SYNC-10/11: how an ORCE error ends a customer. Unauthorized is not here: it stops the run. */
const failureOf = (error: Exclude<OrceError, { _tag: "OrceUnauthorized" }>): { outcome: Outcome; reason: string } => {
  switch (error._tag) {
    case "OrceUnavailable":
      return { outcome: "deferred", reason: `ORCE unavailable (${error.reason}) after retries; retried next run` }
    case "OrceMaskedResponse":
      return {
        outcome: "failed",
        reason: "ORCE returned masked values: the ORCE security user lacks read/write authority"
      }
    case "OrceLookupLimit":
      return { outcome: "failed", reason: `ORCE search: ${error.message}` }
    case "OrceRejected":
      return { outcome: "failed", reason: `ORCE refused the customer (${error.status} ${error.code})` }
    case "OrceNotFound":
      return { outcome: "failed", reason: "ORCE does not know the customer it was asked to update" }
  }
}

/**
 * One customer through match, map and add-or-update. Only the Relate ID comes back from ORCE (SYNC-9).
 * Communication failures end as `deferred` and refusals as `failed`, with the reason; neither stops the
 * run, except ORCE refusing our credentials, which would fail every customer alike.
 */
export const syncCustomer = Effect.fnUntraced(function*(customer: Customer, context: SyncContext) {
  const orce = yield* OrceClient
  const { settings } = context
  let requests = 0
  let match: MatchKind = "none"
  let truncations: ReadonlyArray<Truncation> = []

  const attempt = Effect.gen(function*() {
    const matched = yield* matchCustomer(customer, {
      altIdOroms: settings.altIdOroms,
      altIdWeb: settings.altIdWeb,
      mayHaveReachedOrce: context.mayHaveReachedOrce
    })
    requests += matched.requests
    match = matched.match.kind
    const mapped = toOrceMessage(customer, {
      settings,
      profile: context.profile,
      relateId: matched.match.customerId,
      // No ORCE customer was found for it, so ORCE creates one (MAP-12): "new", or an e-commerce ID ORCE lacks.
      isNew: matched.match.existing === undefined,
      existingBirthDate: matched.match.existing?.birthDate
    })
    truncations = mapped.truncations
    requests++
    const answer = yield* orce.addOrUpdateCustomer(mapped.message)
    if (createdByThisRun(customer, matched.match.existing, context)) {
      // The match the killed attempt made: ORCE had no customer for it, or none holding its e-commerce ID.
      if (match === "oroms-alt-key") match = "new"
      return { outcome: "created" as const, relateIdAfter: answer.customerId, reason: "" }
    }
    // addOrUpdateCustomer answers only an ID: whether ORCE created the customer follows from the match, as in
    // OACS. A customer the match found no ORCE customer for is created (MAP-12 sent it as new).
    const outcome: Outcome = matched.match.existing === undefined
      ? "created"
      : customer.relateId !== "" && answer.customerId !== customer.relateId
      ? "relate-id-changed"
      : "updated"
    const reason = outcome !== "relate-id-changed"
      ? ""
      : match === "relate-id"
      ? `ORCE answered ${answer.customerId} for Relate ID ${customer.relateId} (merged in ORCE)`
      : `Relate ID ${customer.relateId} is not known to ORCE; synchronized with ${answer.customerId} (${match} match)`
    return { outcome, relateIdAfter: answer.customerId, reason }
  })

  const ended = yield* attempt.pipe(
    Effect.catch((error) =>
      error._tag === "OrceUnauthorized"
        ? Effect.fail(error)
        : Effect.succeed({ ...failureOf(error), relateIdAfter: customer.relateId })
    )
  )
  return { customer, ...ended, match, requests, truncations } satisfies SyncResult
})
