import { Effect } from "effect"
import type { Customer, ProfileData } from "../../domain/customer.ts"
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
}

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
    const outcome: Outcome = answer.created
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
