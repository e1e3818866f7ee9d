import type { CustomerRow } from "./columns.ts"
import { alternativeFirstNames } from "./nicknames.ts"
import { digitsOf } from "./phones.ts"
import { type Prng, weighted } from "./prng.ts"
import { oacsLength } from "./text.ts"
import { usStates, zipMatchesState } from "./us-zip-prefixes.ts"

// The faults real OACS exports carry. A *loadable* fault is one the pipeline must repair on the way
// (upper-casing, trimming, truncation with a report, stripping phone formatting: MAP-1..3, VAL-6);
// a *rejectable* one breaks a VAL rule, so the row must end up in the rejects with a reason (VAL-1).

export const loadableDirtKinds = [
  "lowercase",
  "long-first-name",
  "long-last-name",
  "long-street",
  "long-city",
  "trailing-spaces",
  "odd-phone-format",
  "quoted-nickname",
  "embedded-newline"
] as const

export const rejectableDirtKinds = [
  "country-usa",
  "unknown-state",
  "state-zip-mismatch",
  "bad-email",
  "short-phone",
  "birth-month-13",
  "invalid-birth-day",
  "bad-flag",
  "no-name-or-company",
  "repeated-customer-number",
  "non-numeric-customer-number",
  "ten-digit-customer-number"
] as const

export type LoadableDirtKind = (typeof loadableDirtKinds)[number]
export type RejectableDirtKind = (typeof rejectableDirtKinds)[number]
export type DirtKind = LoadableDirtKind | RejectableDirtKind

export const dirtKinds: ReadonlyArray<DirtKind> = [...loadableDirtKinds, ...rejectableDirtKinds]

const rejectable: ReadonlySet<DirtKind> = new Set(rejectableDirtKinds)
export const isRejectable = (kind: DirtKind): boolean => rejectable.has(kind)

/** Faults that replace the customer number: such a row cannot stand for a customer in the truth file. */
export const customerNumberDirtKinds: ReadonlySet<DirtKind> = new Set([
  "repeated-customer-number",
  "non-numeric-customer-number",
  "ten-digit-customer-number"
])

/**
 * Faults are dealt from a shuffled deck holding each loadable kind twice and each rejectable kind once,
 * so that three dirty rows in five stay loadable and every kind turns up within 30 dirty rows, even in
 * a small sample.
 */
const deck: ReadonlyArray<DirtKind> = [...loadableDirtKinds, ...loadableDirtKinds, ...rejectableDirtKinds]

const pickAny = weighted<DirtKind>(deck.map((kind) => [kind, 1] as const))

/** Appends words until the value is longer than `max`. */
const lengthen = (value: string, max: number, words: () => string, separator = " "): string => {
  let out = value
  while (out.length <= max) out = `${out}${separator}${words()}`
  return out
}

const nameWords = ["MARIE", "ANNE", "LOUISE", "CHRISTOPHER", "ALEXANDER", "JEAN", "PAUL", "MAXIMILIAN"]
const surnameWords = ["MONTGOMERY", "FITZGERALD", "WESTINGHOUSE", "VAN DER BERG", "HERNANDEZ", "OSTROWSKI"]
const placeWords = ["HEIGHTS", "JUNCTION", "SPRINGS", "TOWNSHIP", "CROSSING", "VILLAGE"]

const apply = (kind: DirtKind, row: CustomerRow, prng: Prng, earlierNumber: () => string | undefined): boolean => {
  switch (kind) {
    case "lowercase":
      row.first_name = row.first_name.toLowerCase()
      row.last_name = row.last_name.toLowerCase()
      row.company = row.company.toLowerCase()
      row.street = row.street.toLowerCase()
      row.city = row.city.toLowerCase()
      return true
    case "long-first-name":
      if (row.first_name === "") return false
      row.first_name = lengthen(row.first_name, oacsLength.firstName, () => prng.pick(nameWords), prng.pick([" ", "-"]))
      return true
    case "long-last-name":
      if (row.last_name === "") return false
      row.last_name = lengthen(row.last_name, oacsLength.lastName, () => prng.pick(surnameWords), prng.pick([" ", "-"]))
      return true
    case "long-street":
      if (row.po_box === "Y") return false
      row.street = lengthen(row.street, oacsLength.street, () => prng.pick(["NORTHWEST", "EXTENSION", "BUSINESS PARK", "REAR"]))
      return true
    case "long-city":
      row.city = lengthen(row.city, oacsLength.city, () => prng.pick(placeWords))
      return true
    case "trailing-spaces":
      row.first_name = `${row.first_name}${" ".repeat(prng.int(1, 4))}`
      row.last_name = `${row.last_name}  `
      row.street = `${row.street}${" ".repeat(prng.int(1, 8))}`
      row.city = `${row.city} `
      return true
    case "odd-phone-format": {
      if (row.day_phone === "") return false
      const digits = digitsOf(row.day_phone)
      row.day_phone = digits.length === 10
        ? `1-${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)} `
        : ` ${digits.slice(0, 3)} / ${digits.slice(3)}`
      return true
    }
    case "quoted-nickname": {
      const nickname = alternativeFirstNames(row.first_name)[0]
      if (nickname === undefined) return false
      row.first_name = `${row.first_name} "${nickname}"`
      return true
    }
    case "embedded-newline":
      row.address2 = `${row.address2 === "" ? "BLDG 4" : row.address2}\nREAR ENTRANCE, LOADING DOCK`
      return true
    case "country-usa":
      if (row.country !== "US") return false
      row.country = "USA"
      return true
    case "unknown-state":
      if (row.state === "") return false
      row.state = "XX"
      return true
    case "state-zip-mismatch": {
      if (row.country !== "US") return false
      let state = prng.pick(usStates)
      while (zipMatchesState(row.postal_code, state)) state = prng.pick(usStates)
      row.state = state
      return true
    }
    case "bad-email": {
      if (row.email === "") return false
      const at = row.email.indexOf("@")
      const local = row.email.slice(0, at)
      const domain = row.email.slice(at + 1)
      row.email = prng.pick([
        `${local}@${domain.split(".")[0] ?? "mail"}`,
        `${local}.${domain}`,
        `${local}@@${domain}`,
        `${local.replace(/[._]/, " ")} @${domain}`,
        `${local}@${domain},`
      ])
      return true
    }
    case "short-phone":
      row.day_phone = `${prng.digits(3)}-${prng.digits(3)}`
      row.day_phone_ext = ""
      return true
    case "birth-month-13":
      row.birth_month = "13"
      row.birth_day = String(prng.int(1, 28))
      return true
    case "invalid-birth-day": {
      const [month, day] = prng.pick([["2", "30"], ["2", "31"], ["4", "31"], ["6", "31"], ["9", "31"], ["11", "31"], ["1", "32"]])
      row.birth_month = month ?? "2"
      row.birth_day = day ?? "30"
      return true
    }
    case "bad-flag":
      if (prng.chance(0.5)) row.mail_flag = prng.pick(["X", "YES", "1"])
      else row.email_opt_in = prng.pick(["T", "TRUE", "0"])
      return true
    case "no-name-or-company":
      row.last_name = ""
      row.company = ""
      return true
    case "repeated-customer-number": {
      const earlier = earlierNumber()
      if (earlier === undefined) return false
      row.customer_number = earlier
      return true
    }
    case "non-numeric-customer-number":
      row.customer_number = prng.pick([`${row.customer_number}A`, `C-${row.customer_number}`, `${row.customer_number.slice(0, -1)}O`])
      return true
    case "ten-digit-customer-number":
      row.customer_number = `${prng.int(1, 9)}${prng.digits(9)}`
      return true
  }
}

export interface DirtOptions {
  /** Only faults the pipeline repairs: for duplicates, which must load for dedupe to be measured on them. */
  readonly loadableOnly: boolean
  /** An earlier customer number to repeat, if there is one. */
  readonly earlierNumber: () => string | undefined
}

/** Returns a function that spoils a row in place with one fault and says which. */
export const makeSoiler = (prng: Prng) => {
  const cards = [...deck]
  let dealt = cards.length

  const shuffle = () => {
    for (let i = cards.length - 1; i > 0; i--) {
      const j = prng.int(0, i)
      const card = cards[i] as DirtKind
      cards[i] = cards[j] as DirtKind
      cards[j] = card
    }
    dealt = 0
  }

  return (row: CustomerRow, options: DirtOptions): DirtKind => {
    if (dealt === cards.length) shuffle()
    // A card that does not fit this row (USA on a Canadian row, say) stays in the deck for a later row.
    for (let i = dealt; i < cards.length; i++) {
      const kind = cards[i] as DirtKind
      if (options.loadableOnly && isRejectable(kind)) continue
      if (!apply(kind, row, prng, options.earlierNumber)) continue
      cards[i] = cards[dealt] as DirtKind
      cards[dealt] = kind
      dealt++
      return kind
    }
    for (let attempt = 0; attempt < 8; attempt++) {
      const kind = pickAny(prng)
      if (options.loadableOnly && isRejectable(kind)) continue
      if (apply(kind, row, prng, options.earlierNumber)) return kind
    }
    apply("lowercase", row, prng, options.earlierNumber)
    return "lowercase"
  }
}
