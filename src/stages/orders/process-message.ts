import { Effect } from "effect"
import { blankCustomer, type Customer } from "../../domain/customer.ts"
import type { OrderDecision, OrderOutcome } from "../../domain/order-decision.ts"
import type { OrceCustomerMessage } from "../../domain/orce-customer.ts"
import type { Settings } from "../../domain/settings.ts"
import type { OrceError } from "../../orce/errors.ts"
import { oacsLengths, toOrceMessage } from "../map/index.ts"
import { truncateCodePoints } from "../map/text.ts"
import { pickEmailMatch } from "../match/pick-email-match.ts"
import { decide, type Plan, type Selection } from "./decide.ts"
import { searchByMatchcode } from "./matchcode.ts"
import { customerByNumber, customerByRelateId, nextCustomerNumber, saveCustomer } from "./oacs-customers.ts"
import { orceCalls } from "./orce-calls.ts"
import type { OrderMessage } from "./order-message.ts"

/** OACS keeps names and addresses upper-cased (MAP-1) and at its lengths (MAP-3). */
const oacs = (field: keyof typeof oacsLengths, value: string) => truncateCodePoints(value.toUpperCase(), oacsLengths[field])

const nameAndAddress = ["firstName", "lastName", "company", "street", "apartment", "city", "state", "postalCode", "country"] as const

/** The sold-to name and address of the message over the customer's (sold_to_address_update = Y): blank fields keep OACS's. */
const updatedFrom = (customer: Customer, message: OrderMessage, takeMessageEmail: boolean): Customer => {
  const next = { ...customer }
  if (message.addressUpdate === "Y") {
    for (const field of nameAndAddress) if (message[field] !== "") next[field] = oacs(field, message[field])
    if (message.email !== "") next.email = message.email
  }
  if (takeMessageEmail && message.email !== "") next.email = message.email
  return next
}

/** A new OACS customer from the message's sold-to. */
const createdFrom = (customerNumber: number, message: OrderMessage): Customer => ({
  ...blankCustomer(customerNumber),
  partyType: message.lastName === "" && message.company !== "" ? "O" : "I",
  firstName: oacs("firstName", message.firstName),
  lastName: oacs("lastName", message.lastName),
  company: oacs("company", message.company),
  street: oacs("street", message.street),
  apartment: oacs("apartment", message.apartment),
  city: oacs("city", message.city),
  state: oacs("state", message.state),
  postalCode: oacs("postalCode", message.postalCode),
  country: oacs("country", message.country),
  email: message.email
})

/** The OACS customer the message names: by customer number, else by its ORCE customer ID; else the matchcode search. */
const select = Effect.fnUntraced(function*(message: OrderMessage) {
  if (message.customerNumber !== undefined) {
    const byNumber = yield* customerByNumber(message.customerNumber)
    if (byNumber !== undefined) return { how: "known", customer: byNumber } satisfies Selection
  }
  if (message.orceCustomerId !== "") {
    const byRelateId = yield* customerByRelateId(message.orceCustomerId)
    if (byRelateId !== undefined) return { how: "known", customer: byRelateId } satisfies Selection
  }
  const matched = yield* searchByMatchcode(message)
  return matched === undefined ? ({ how: "none" } satisfies Selection) : ({ how: "matchcode", customer: matched } satisfies Selection)
})

/**
 * What the order API sends ORCE: "the customer's name, address, and customer number" (and the WEB alt key
 * when the message has an e-commerce ID) — the mapped message (MAP-1..MAP-15) less phones, permissions,
 * birth date and profile attributes, which an order does not carry. Signup and home store only for a
 * customer new to ORCE (MAP-12), never on an update.
 */
const orceMessageOf = (customer: Customer, ecommerceId: string, customerId: string | undefined, isNew: boolean, settings: Settings) => {
  const { message } = toOrceMessage({ ...customer, ecommerceId }, { settings, profile: [], relateId: customerId, isNew })
  const { phones: _phones, contactPermissions: _permissions, birthDate: _birthDate, attributes: _attributes, ...nameAndAddress } = message
  return nameAndAddress satisfies OrceCustomerMessage
}

interface Ended {
  readonly outcome: OrderOutcome
  readonly relateId: string
  readonly reason: string
}

/** ORD-5 and refusals: the flag is set for SYNCRDB and the e-commerce ID kept; a refusal says why. */
const endedBy = (error: Exclude<OrceError, { _tag: "OrceUnauthorized" }>, relateId: string): Ended =>
  error._tag === "OrceUnavailable"
    ? { outcome: "deferred", relateId, reason: `ORCE unreachable (${error.reason}) after retries: sync flag set for SYNCRDB (ORD-5)` }
    : { outcome: "failed", relateId, reason: `ORCE refused the customer (${error._tag}): sync flag set for SYNCRDB` }

/**
 * One order message through the ORD decisions: select the OACS customer, decide (decide.ts), update or create
 * it in OACS, make the ORCE calls the decision asks for, and write back the Relate ID — or, when ORCE cannot be
 * reached, set the sync flag and keep the e-commerce ID (ORD-5). Runs in the transaction of its chunk.
 */
export const processOrderMessage = Effect.fnUntraced(function*(message: OrderMessage, runId: string, settings: Settings) {
  const selection = yield* select(message)
  const plan: Plan = decide(message, selection)
  const customer = plan.customer === undefined || plan.oacs === "create"
    ? createdFrom(yield* nextCustomerNumber, message)
    : updatedFrom(plan.customer, message, plan.takeMessageEmail)
  const calls = yield* orceCalls

  const synchronize = Effect.gen(function*() {
    if (plan.orce.kind === "none") return { outcome: "oacs-only", relateId: customer.relateId, reason: "" } satisfies Ended
    let customerId: string | undefined
    let isNew = false
    if (plan.orce.kind === "search-email-then-send") {
      const picked = pickEmailMatch(yield* calls.searchByEmail(plan.orce.email), settings.altIdOroms, customer.customerNumber)
      customerId = picked?.customer.customerId
      isNew = picked === undefined
    } else {
      customerId = plan.orce.customerId
      // Flag N with nothing to address: ORCE creates the customer. Flag Y: the web shop already created it.
      isNew = customerId === undefined && message.syncSuccess === "N"
    }
    const answer = yield* calls.addOrUpdate(orceMessageOf(customer, message.ecommerceId, customerId, isNew, settings))
    return { outcome: "synchronized", relateId: answer.customerId, reason: "" } satisfies Ended
  })
  const ended: Ended = yield* synchronize.pipe(
    Effect.catch((error) => error._tag === "OrceUnauthorized" ? Effect.fail(error) : Effect.succeed(endedBy(error, customer.relateId)))
  )

  const saved: Customer = ended.outcome === "synchronized"
    // SYNC-7 as the order API does it: Relate ID stored, flag cleared, e-commerce ID not retained.
    ? { ...customer, relateId: ended.relateId, syncFlag: "N", ecommerceId: "" }
    : ended.outcome === "oacs-only"
    ? customer
    : { ...customer, syncFlag: "Y", ecommerceId: message.ecommerceId !== "" ? message.ecommerceId : customer.ecommerceId }
  yield* saveCustomer(saved, runId)
  return {
    line: message.line,
    customerNumber: saved.customerNumber,
    rule: ended.outcome === "deferred" ? "ORD-5" : plan.rule,
    decision: ended.outcome === "deferred" ? `${plan.decision} (${plan.rule}); ORCE unreachable` : plan.decision,
    outcome: ended.outcome,
    relateId: saved.relateId,
    syncFlag: saved.syncFlag,
    orceCalls: [...calls.calls],
    reason: ended.reason
  } satisfies OrderDecision
})
