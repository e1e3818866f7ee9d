import { Effect } from "effect"
import type { Customer } from "../../domain/customer.ts"
import type { MatchKind } from "../../domain/outcome.ts"
import type { OrceCustomer } from "../../domain/orce-customer.ts"
import { OrceClient } from "../../orce/client.ts"
import { trimTrailing } from "../map/text.ts"
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
  /**
   * The WEB alt-key type. When given, a customer with an e-commerce ID is read from ORCE by that key, so the
   * sync knows ORCE's view of it (its birth year, MAP-11) and whether ORCE will create it (MAP-12). A caller
   * that only wants the decision may leave it out: the customer is then addressed by its alt keys unread.
   */
  readonly altIdWeb: string
  /** SYNC-12: an earlier attempt of this run may have reached ORCE, so look the customer up by alt key first. */
  readonly mayHaveReachedOrce: boolean
}

/**
 * The SYNCRDB matching rules. A customer with a Relate ID is addressed by it, after ORCE confirms it knows
 * it (a Relate ID ORCE does not know is not valid, SYNC-6); one with an e-commerce ID is addressed as the
 * ORCE customer holding it as WEB alt key, else by its alt keys (SYNC-3). Otherwise ORCE is searched by
 * primary email (SYNC-5). Name, address and phone are never used (SYNC-6). Returns the match and the
 * number of ORCE requests it took.
 */
export const matchCustomer = Effect.fnUntraced(function*(customer: Customer, context: MatchContext) {
  const orce = yield* OrceClient
  let requests = 0

  if (customer.relateId !== "") {
    requests++
    const known = (yield* orce.findCustomer(customer.relateId))?.customer
    if (known !== undefined) {
      return { match: { kind: "relate-id", customerId: known.customerId, existing: known } satisfies Match, requests }
    }
  }
  // As the message carries it (MAP-2), so the key read is the key sent.
  const ecommerceId = trimTrailing(customer.ecommerceId)
  if (ecommerceId !== "") {
    requests++
    const [holder] = yield* orce.searchCustomers({ alternateKey: { type: context.altIdWeb, value: ecommerceId } })
    if (holder !== undefined) {
      return { match: { kind: "ecommerce-id", customerId: holder.customerId, existing: holder } satisfies Match, requests }
    }
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
  // An e-commerce ID no ORCE customer holds: sent under its alt keys, never searched
  // by email (SYNC-3); ORCE creates the customer unless one holds its keys.
  if (ecommerceId !== "") {
    return { match: { kind: "ecommerce-id", customerId: undefined, existing: undefined } satisfies Match, requests }
  }
  if (customer.email !== "") {
    requests++
    const found = yield* orce.searchCustomers({ email: customer.email })
    const picked = pickEmailMatch(found, context.altIdOroms, customer.customerNumber)
    if (picked !== undefined) {
      const kind: MatchKind = picked.hasOromsKey ? "email-with-oroms-key" : "email"
      return { match: { kind, customerId: picked.customer.customerId, existing: picked.customer } satisfies Match, requests }
    }
  }
  return { match: { kind: "new", customerId: undefined, existing: undefined } satisfies Match, requests }
})
