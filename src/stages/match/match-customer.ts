import { Effect } from "effect"
import type { Customer } from "../../domain/customer.ts"
import type { MatchKind } from "../../domain/outcome.ts"
import type { OrceCustomer } from "../../domain/orce-customer.ts"
import { OrceClient } from "../../orce/client.ts"
import { pickEmailMatch } from "./pick-email-match.ts"

/** The ORCE customer a sync addresses, or none: then ORCE creates one. */
export interface Match {
  readonly kind: MatchKind
  /** The ORCE customer ID to send; undefined means addressed by alt keys only (create, or the WEB key). */
  readonly customerId: string | undefined
  /** ORCE's view of the customer when the match read it (its birth year survives, MAP-11). */
  readonly existing: OrceCustomer | undefined
}

export interface MatchContext {
  readonly altIdOroms: string
  /** SYNC-12: an earlier attempt of this run may have reached ORCE, so look the customer up by alt key first. */
  readonly mayHaveReachedOrce: boolean
}

/**
 * The SYNCRDB matching rules. A customer with a Relate ID is addressed by it, after ORCE confirms it knows
 * it (a Relate ID ORCE does not know is not valid, SYNC-6); one with an e-commerce ID is addressed by its
 * alt keys (SYNC-3). Otherwise ORCE is searched by primary email (SYNC-5). Name, address and phone are
 * never used (SYNC-6). Returns the match and the number of ORCE requests it took.
 */
export const matchCustomer = Effect.fnUntraced(function*(customer: Customer, context: MatchContext) {
  const orce = yield* OrceClient
  let requests = 0

  if (customer.relateId !== "") {
    requests++
    const known = yield* orce.getCustomer(customer.relateId).pipe(
      Effect.map((answer) => answer.customer),
      Effect.catchTag("OrceNotFound", () => Effect.succeed(undefined))
    )
    if (known !== undefined) {
      return { match: { kind: "relate-id", customerId: known.customerId, existing: known } satisfies Match, requests }
    }
  }
  if (customer.ecommerceId !== "") {
    return { match: { kind: "ecommerce-id", customerId: undefined, existing: undefined } satisfies Match, requests }
  }
  if (context.mayHaveReachedOrce) {
    requests++
    const [earlier] = yield* orce.searchCustomers({
      alternateKey: { type: context.altIdOroms, value: String(customer.customerNumber) }
    })
    if (earlier !== undefined) {
      return { match: { kind: "oroms-alt-key", customerId: earlier.customerId, existing: earlier } satisfies Match, requests }
    }
  }
  if (customer.email !== "") {
    requests++
    const picked = pickEmailMatch(yield* orce.searchCustomers({ email: customer.email }), context.altIdOroms)
    if (picked !== undefined) {
      const kind: MatchKind = picked.hasOromsKey ? "email-with-oroms-key" : "email"
      return { match: { kind, customerId: picked.customer.customerId, existing: picked.customer } satisfies Match, requests }
    }
  }
  return { match: { kind: "new", customerId: undefined, existing: undefined } satisfies Match, requests }
})
