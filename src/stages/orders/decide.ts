import type { Customer } from "../../domain/customer.ts"
import type { OrdRule } from "../../domain/order-decision.ts"
import type { OrderMessage } from "./order-message.ts"

/**
 * The decisions of "Customer Synchronization through the Order API" (seed 000, SPEC ORD-1..ORD-4), as a pure
 * function of the message and the OACS customer it found. ORD-5 (ORCE unreachable) is not decided here: it
 * overrides the outcome of any decision that calls ORCE (process-message.ts).
 */

/** How the OACS customer of the order was found. */
export type Selection =
  /** By the message's customer number, or by its ORCE customer ID as an OACS customer's Relate ID. */
  | { readonly how: "known"; readonly customer: Customer }
  /** By the matchcode search (matchcode.ts): a guest, or a customer number OACS no longer has (merge/purge). */
  | { readonly how: "matchcode"; readonly customer: Customer }
  | { readonly how: "none" }

/** What to do with ORCE. */
export type OrceAction =
  | { readonly kind: "none" }
  /** Send name, address and customer number to this ORCE customer, or by alt keys when undefined. */
  | { readonly kind: "send"; readonly customerId: string | undefined }
  /** Search ORCE by this email first: the first result without an OROMS alt key, else the first; none: create. */
  | { readonly kind: "search-email-then-send"; readonly email: string }

export interface Plan {
  readonly rule: OrdRule
  readonly decision: string
  /** The OACS side: keep the selected customer, update it from the message, or create a new one. */
  readonly oacs: "update" | "create"
  /** The selected customer (absent when a new one is created). */
  readonly customer: Customer | undefined
  /** ORD-2: OACS had no email, so the message's is stored with the customer. */
  readonly takeMessageEmail: boolean
  readonly orce: OrceAction
}

const found = (selection: Selection) => (selection.how === "known" ? "known customer" : "customer found by matchcode")

/** relate_cust_sync_success = Y: the web shop has synchronized the customer with ORCE already. */
const decideSynchronized = (message: OrderMessage, selection: Selection): Plan => {
  const orceId = message.orceCustomerId
  if (selection.how === "none") {
    return {
      rule: "ORD-4",
      decision: "no OACS customer matches, flag Y: new OACS customer synchronized with ORCE, no email search",
      oacs: "create",
      customer: undefined,
      takeMessageEmail: false,
      orce: { kind: "send", customerId: orceId === "" ? undefined : orceId }
    }
  }
  const customer = selection.customer
  if (customer.relateId !== "" && (orceId === customer.relateId || (orceId === "" && selection.how === "known"))) {
    return {
      rule: "ORD-1",
      decision: `${found(selection)} with its Relate ID, flag Y: OACS name and address updated, no ORCE call`,
      oacs: "update",
      customer,
      takeMessageEmail: false,
      orce: { kind: "none" }
    }
  }
  if (customer.relateId !== "") {
    return {
      rule: "ORD-4",
      decision: `${found(selection)} holds a Relate ID the message does not confirm, flag Y: ` +
        "new OACS customer created and synchronized with ORCE, no email search",
      oacs: "create",
      customer: undefined,
      takeMessageEmail: false,
      orce: { kind: "send", customerId: orceId === "" ? undefined : orceId }
    }
  }
  return {
    rule: "ORD-4",
    decision: `${found(selection)} without a Relate ID, flag Y: OACS updated and synchronized with ORCE, no email search`,
    oacs: "update",
    customer,
    takeMessageEmail: false,
    orce: { kind: "send", customerId: orceId === "" ? undefined : orceId }
  }
}

/** relate_cust_sync_success = N: OACS synchronizes the customer with ORCE itself. */
const decideUnsynchronized = (message: OrderMessage, selection: Selection): Plan => {
  const orceId = message.orceCustomerId
  if (selection.how === "none") {
    return {
      rule: "ORD-3",
      decision: message.email === ""
        ? "no OACS customer matches, flag N: new OACS customer; no email to search ORCE by, so created in ORCE"
        : "no OACS customer matches, flag N: new OACS customer; ORCE searched by email",
      oacs: "create",
      customer: undefined,
      takeMessageEmail: false,
      orce: message.email === "" ? { kind: "send", customerId: undefined } : { kind: "search-email-then-send", email: message.email }
    }
  }
  const customer = selection.customer
  if (customer.relateId !== "") {
    return {
      rule: "ORD-3",
      decision: `${found(selection)} with its Relate ID, flag N: OACS and ORCE both updated`,
      oacs: "update",
      customer,
      takeMessageEmail: false,
      orce: { kind: "send", customerId: customer.relateId }
    }
  }
  if (orceId !== "") {
    return {
      rule: "ORD-3",
      decision: `${found(selection)} without a Relate ID, flag N: OACS updated, the message's ORCE customer given the OROMS alt key`,
      oacs: "update",
      customer,
      takeMessageEmail: false,
      orce: { kind: "send", customerId: orceId }
    }
  }
  if (selection.how === "known") {
    // ORD-2: the customer number alone when OACS had an email; with the message's email when it had none.
    const email = customer.email !== "" ? customer.email : message.email
    if (email === "") {
      return {
        rule: "ORD-2",
        decision: "known customer without a Relate ID, flag N, no email known: Relate ID not updated, no ORCE call",
        oacs: "update",
        customer,
        takeMessageEmail: false,
        orce: { kind: "none" }
      }
    }
    return {
      rule: "ORD-2",
      decision: customer.email !== ""
        ? "known customer without a Relate ID, flag N: Relate ID obtained by the customer's OACS email"
        : "known customer without a Relate ID or email, flag N: Relate ID obtained by the message's email, stored with it",
      oacs: "update",
      customer,
      takeMessageEmail: customer.email === "",
      orce: { kind: "search-email-then-send", email }
    }
  }
  const email = message.email !== "" ? message.email : customer.email
  return {
    rule: "ORD-3",
    decision: email === ""
      ? "customer found by matchcode without a Relate ID, flag N: OACS updated; no email to search ORCE by, so created in ORCE"
      : "customer found by matchcode without a Relate ID, flag N: OACS updated; ORCE searched by email",
    oacs: "update",
    customer,
    takeMessageEmail: false,
    orce: email === "" ? { kind: "send", customerId: undefined } : { kind: "search-email-then-send", email }
  }
}

export const decide = (message: OrderMessage, selection: Selection): Plan =>
  message.syncSuccess === "Y" ? decideSynchronized(message, selection) : decideUnsynchronized(message, selection)
