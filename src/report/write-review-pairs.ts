import { Effect } from "effect"
import type { Customer } from "../domain/customer.ts"
import type { ReviewPair } from "../stages/dedupe/dedupe.ts"
import { writeCsvFile } from "./csv-file.ts"

/**
 * The review file's columns. The first three are the decisions file `orce-sync dedupe review` reads: a person
 * writes accept or reject in `decision` and hands the file back as it is; the other columns are there to
 * decide by, and the review command ignores them.
 */
export const reviewPairColumns = [
  "customer_a", "customer_b", "decision", "probability", "reason",
  "name_a", "name_b", "address_a", "address_b", "email_a", "email_b", "phone_a", "phone_b"
] as const

const nameOf = (customer: Customer) =>
  [customer.firstName, customer.middleInitial, customer.lastName].filter((part) => part !== "").join(" ") || customer.company

const addressOf = (customer: Customer) =>
  [customer.street, customer.apartment, customer.city, customer.state, customer.postalCode].filter((part) => part !== "").join(", ")

/** Writes review-pairs.csv: the run's pairs for a person (DUP-3), `decision` blank, to be filled in. */
export const writeReviewPairs = Effect.fn("writeReviewPairs")(function*(
  path: string,
  customers: ReadonlyArray<Customer>,
  review: ReadonlyArray<ReviewPair>
) {
  yield* writeCsvFile(path, reviewPairColumns, (write) =>
    write(review.map((pair) => {
      const a = customers[pair.a]!
      const b = customers[pair.b]!
      return [
        a.customerNumber, b.customerNumber, "", pair.probability, pair.reason,
        nameOf(a), nameOf(b), addressOf(a), addressOf(b), a.email, b.email, a.dayPhone || a.eveningPhone, b.dayPhone || b.eveningPhone
      ]
    })))
})
