import { Effect } from "effect"
import type { Customer } from "../../domain/customer.ts"
import type { OrderMessage } from "./order-message.ts"
import { customersInPostalArea } from "./oacs-customers.ts"

/**
 * The OACS matchcode search of the order API (ORD-3, and ORD-4's "selected customer").
 *
 * The seed names OACS's "standard matchcode search logic" without spelling it out, and says what it
 * compares: a new customer is created "because a customer does not match the name and address in the
 * CWOrderIn message". So the matchcode is built from the name and the address only — never the email (the
 * seed keeps the email for the ORCE search) and never a phone. We use the classic Order Administration
 * shape of it:
 *
 *   first 5 characters of the postal code + first 5 letters of the last name (the company when there is no
 *   last name) + the house number and the first 3 letters of the street name
 *
 * upper-cased, letters and digits only (so "12 Main St." and "12 MAIN STREET" match, and a typo in the
 * apartment or city does not split a customer). Of several customers with the same matchcode the lowest
 * customer number is selected, so a replay selects the same one every time.
 */
const alphanumeric = (value: string) => value.toUpperCase().replace(/[^A-Z0-9]/g, "")

export const matchcodeOf = (parts: {
  readonly postalCode: string
  readonly lastName: string
  readonly company: string
  readonly street: string
}): string => {
  const postal = alphanumeric(parts.postalCode).slice(0, 5)
  const name = alphanumeric(parts.lastName !== "" ? parts.lastName : parts.company).slice(0, 5)
  const street = parts.street.toUpperCase().trim()
  const house = /^\d+/.exec(street)?.[0] ?? ""
  const streetName = alphanumeric(street.slice(house.length)).replace(/^\d+/, "").slice(0, 3)
  return `${postal}${name}${house}${streetName}`
}

/** The matchcode of a message, or undefined when it lacks the name or address a matchcode is made of. */
export const messageMatchcode = (message: OrderMessage): string | undefined =>
  (message.lastName === "" && message.company === "") || message.street === "" || message.postalCode === ""
    ? undefined
    : matchcodeOf(message)

/** The active OACS customer whose matchcode equals the message's, lowest customer number first. */
export const searchByMatchcode = Effect.fnUntraced(function*(message: OrderMessage) {
  const code = messageMatchcode(message)
  if (code === undefined) return undefined
  const candidates: ReadonlyArray<Customer> = yield* customersInPostalArea(alphanumeric(message.postalCode).slice(0, 5))
  return candidates.find((customer) => matchcodeOf(customer) === code)
})
