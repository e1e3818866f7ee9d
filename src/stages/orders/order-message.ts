import { Schema } from "effect"
import type { Reject } from "../../domain/reject.ts"
import { customerNumberProblem, emailProblem } from "../validate/field-checks.ts"

/**
 * The customer block of one order message (CWOrderIn), one JSON object per line of an NDJSON file, in the
 * seed's words ("Customer Synchronization through the Order API"): the OACS customer number and/or the ORCE
 * customer ID when the web shop has them, its own e-commerce ID, the sold-to name, address and email, and
 * the two flags. Every text field may be absent or blank.
 */
const Text = Schema.optional(Schema.String)

export const OrderMessageFields = Schema.Struct({
  customer_number: Schema.optional(Schema.Union([Schema.String, Schema.Number])),
  orce_customer_id: Text,
  ecommerce_id: Text,
  first_name: Text,
  last_name: Text,
  company: Text,
  street: Text,
  apartment: Text,
  city: Text,
  state: Text,
  postal_code: Text,
  country: Text,
  email: Text,
  /** Y: the web shop and ORCE have synchronized the customer before sending the order. */
  relate_cust_sync_success: Text,
  /** Y: OACS updates its customer's name and address from the message. */
  sold_to_address_update: Text
})
export type OrderMessageFields = typeof OrderMessageFields.Type

/** An order message as the decisions read it: trimmed, flags as Y/N, the customer number as a number. */
export interface OrderMessage {
  /** Line of the NDJSON file, from 1: names the message in the report. */
  readonly line: number
  readonly customerNumber: number | undefined
  readonly orceCustomerId: string
  readonly ecommerceId: string
  readonly firstName: string
  readonly lastName: string
  readonly company: string
  readonly street: string
  readonly apartment: string
  readonly city: string
  readonly state: string
  readonly postalCode: string
  readonly country: string
  readonly email: string
  readonly syncSuccess: "Y" | "N"
  readonly addressUpdate: "Y" | "N"
}

/** Whether the message carries a sold-to name and address (the seed's "includes the name and address"). */
export const hasNameAndAddress = (message: OrderMessage) =>
  (message.lastName !== "" || message.company !== "") && message.street !== "" && message.postalCode !== ""

const decodeFields = Schema.decodeUnknownExit(Schema.fromJsonString(OrderMessageFields))

export type ParsedLine =
  | { readonly ok: true; readonly message: OrderMessage }
  | { readonly ok: false; readonly rejects: ReadonlyArray<Reject> }

const flagProblem = (name: string, value: string) =>
  value === "Y" || value === "N" ? undefined : `${name} must be Y or N, not "${value.slice(0, 10)}"`

/**
 * Decodes and checks one line. A bad line is a reject naming the file, the line, the field and the reason
 * (VAL-1); it never stops the others. The flags are required: the seed's decisions all turn on them.
 */
export const parseOrderLine = (source: string, line: number, text: string): ParsedLine => {
  const reject = (field: string, reason: string, customerNumber = ""): ParsedLine => ({
    ok: false,
    rejects: [{ source, line, customerNumber, field, reason, rule: "ORD" }]
  })
  const decoded = decodeFields(text)
  if (decoded._tag === "Failure") return reject("message", "the line is not a JSON order message with text fields")
  const fields = decoded.value
  const get = (value: string | undefined) => value?.trim() ?? ""
  const numberText = fields.customer_number === undefined ? "" : String(fields.customer_number).trim()
  const problems: Array<[string, string]> = []
  if (numberText !== "") {
    const problem = customerNumberProblem(numberText)
    if (problem !== undefined) problems.push(["customer_number", problem])
  }
  const syncSuccess = get(fields.relate_cust_sync_success).toUpperCase()
  const addressUpdate = get(fields.sold_to_address_update).toUpperCase()
  const syncProblem = flagProblem("relate_cust_sync_success", syncSuccess)
  if (syncProblem !== undefined) problems.push(["relate_cust_sync_success", syncProblem])
  const updateProblem = flagProblem("sold_to_address_update", addressUpdate)
  if (updateProblem !== undefined) problems.push(["sold_to_address_update", updateProblem])
  const email = get(fields.email)
  const badEmail = emailProblem(email)
  if (badEmail !== undefined) problems.push(["email", badEmail])
  if (addressUpdate === "Y" && get(fields.last_name) === "" && get(fields.company) === "") {
    problems.push(["last_name", "sold_to_address_update is Y but the message has neither a last name nor a company"])
  }
  if (problems.length > 0) {
    return {
      ok: false,
      rejects: problems.map(([field, reason]) => ({ source, line, customerNumber: numberText, field, reason, rule: "ORD" }))
    }
  }
  return {
    ok: true,
    message: {
      line,
      customerNumber: numberText === "" ? undefined : Number(numberText),
      orceCustomerId: get(fields.orce_customer_id),
      ecommerceId: get(fields.ecommerce_id),
      firstName: get(fields.first_name),
      lastName: get(fields.last_name),
      company: get(fields.company),
      street: get(fields.street),
      apartment: get(fields.apartment),
      city: get(fields.city),
      state: get(fields.state),
      postalCode: get(fields.postal_code),
      country: get(fields.country),
      email,
      syncSuccess: syncSuccess as "Y" | "N",
      addressUpdate: addressUpdate as "Y" | "N"
    }
  }
}
