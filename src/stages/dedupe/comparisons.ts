import type { MatchRecord } from "./normalise.ts"
import { areNicknames, nicknames, type NicknameTable } from "./nicknames.ts"
import { jaroWinkler, withinOneEdit } from "./string-metrics.ts"

/**
 * One field (or group of fields that travel together) compared between two records, as one of a few
 * levels from "the same" to "different". Level 0 is always "missing": one side has no value, which is no
 * evidence either way and weighs nothing.
 */
export interface Comparison {
  readonly name: string
  /** Labels of levels 0…n-1, level 0 being "missing". */
  readonly levels: ReadonlyArray<string>
  readonly compare: (a: MatchRecord, b: MatchRecord) => number
  /**
   * The level at which the weight depends on how common the shared value is (SMITH counts less than
   * ZYWICKI), the values a record has for it, and the value two records share.
   */
  readonly termFrequency?: {
    readonly level: number
    readonly keys: (record: MatchRecord) => ReadonlyArray<string>
    readonly shared: (a: MatchRecord, b: MatchRecord) => string
  }
}

const similar = 0.92
const close = 0.8

/**
 * One typed letter dropped, added, changed or swapped with its neighbour, in a value long enough that such
 * an edit is a slip rather than another word. Jaro–Winkler alone misses many of these: a letter dropped
 * mid-word (ARCADIA, ARCDIA: 0.908) shifts every later letter out of its match window.
 */
const typoOf = (a: string, b: string): boolean => a.length >= 5 && b.length >= 5 && withinOneEdit(a, b)

/** The same value, allowing a typo: what addresses are compared with. */
const alike = (a: string, b: string): boolean =>
  a !== "" && b !== "" && (a === b || jaroWinkler(a, b, similar) >= similar || typoOf(a, b))

const one = (value: string): ReadonlyArray<string> => (value === "" ? [] : [value])

/**
 * A question about a pair that several comparisons of that pair ask, one after the other: the last pair's
 * answer is kept (records never change once normalised).
 */
const askedOncePerPair = (question: (a: MatchRecord, b: MatchRecord) => boolean) => {
  let lastA: MatchRecord | undefined
  let lastB: MatchRecord | undefined
  let answer = false
  return (a: MatchRecord, b: MatchRecord): boolean => {
    if (a !== lastA || b !== lastB) (lastA = a), (lastB = b), (answer = question(a, b))
    return answer
  }
}

/** Names given the other way round: first ↔ last. */
const namesSwapped = askedOncePerPair((a, b) => alike(a.firstName, b.lastName) && alike(b.firstName, a.lastName))

/** One record's only name is in the other's other name field: SMITH as a last name, SMITH as a first name with no last. */
const nameInOtherField = (a: MatchRecord, b: MatchRecord) =>
  (a.firstName === "" || b.lastName === "" ? alike(a.lastName, b.firstName) : false) ||
  (b.firstName === "" || a.lastName === "" ? alike(b.lastName, a.firstName) : false)

const firstName = (table: NicknameTable): Comparison => ({
  name: "first name",
  levels: [
    "missing",
    "exact",
    "nickname",
    "similar",
    "one edit",
    "first and last name swapped",
    "initial",
    "close",
    "different",
    "a name in the other field"
  ],
  compare: (a, b) => {
    const x = a.firstName
    const y = b.firstName
    if (x === "" || y === "") return nameInOtherField(a, b) ? 9 : 0
    if (x === y) return 1
    if (areNicknames(table, x, y)) return 2
    const similarity = jaroWinkler(x, y, close)
    if (similarity >= similar) return 3
    // Its own level, not "similar": JOHN and JOAN are one edit apart too, so the model learns what it is worth.
    if (withinOneEdit(x, y)) return 4
    if (namesSwapped(a, b)) return 5
    if ((x.length === 1 || y.length === 1) && x[0] === y[0]) return 6
    return similarity >= close ? 7 : 8
  },
  termFrequency: { level: 1, keys: (r) => one(r.firstName), shared: (a) => a.firstName }
})

const lastName: Comparison = {
  name: "last name",
  levels: ["missing", "exact", "similar", "one edit", "same sound", "close", "different"],
  compare: (a, b) => {
    const x = a.lastName
    const y = b.lastName
    // Names given the wrong way round are one fact, weighed once, by the first-name comparison.
    if (x === "" || y === "") return 0
    if (x === y) return 1
    if (namesSwapped(a, b)) return 0
    const similarity = jaroWinkler(x, y, close)
    if (similarity >= similar) return 2
    if (withinOneEdit(x, y)) return 3
    if (a.lastNameSound !== "" && a.lastNameSound === b.lastNameSound) return 4
    return similarity >= close ? 5 : 6
  },
  termFrequency: { level: 1, keys: (r) => one(r.lastName), shared: (a) => a.lastName }
}

const company: Comparison = {
  name: "company",
  levels: ["missing", "exact", "similar", "different"],
  compare: (a, b) => {
    if (a.company === "" || b.company === "") return 0
    if (a.company === b.company) return 1
    return alike(a.company, b.company) ? 2 : 3
  },
  termFrequency: { level: 1, keys: (r) => one(r.company), shared: (a) => a.company }
}

/** Street name and address line 2 written into each other's place. */
const linesSwapped = askedOncePerPair(
  (a, b) =>
    (alike(a.streetName, b.unit) && (alike(b.streetName, a.unit) || a.unit === "" || b.streetName === "")) ||
    (alike(b.streetName, a.unit) && (b.unit === "" || a.streetName === ""))
)

/** 2 when postal code and city both agree (the city allowing a typo), 1 when one does, 0 when neither. */
const localityAgreement = (a: MatchRecord, b: MatchRecord): number => {
  const samePostal = a.postalCode !== "" && a.postalCode === b.postalCode
  const sameCity = alike(a.city, b.city)
  if (samePostal && sameCity) return 2
  return samePostal || sameCity ? 1 : 0
}

const hasLocality = (r: MatchRecord) => r.postalCode !== "" || r.city !== ""

/**
 * House number, street, postal code and city as one comparison, from "same address" to "different". They
 * change together when a customer moves and agree together for neighbours: weighed as separate fields, one
 * move would count as three or four disagreements, one shared postal code as several agreements, and the
 * house number agreeing again after the street already did. The house number only tells on the same
 * street: there a different number is a neighbour, a number one keystroke off more likely a typo.
 */
const address: Comparison = {
  name: "address",
  levels: [
    "missing",
    "same address",
    "same street, a house number missing",
    "same street, house number one edit",
    "same street, other house number",
    "similar street",
    "same postal code or city",
    "nearby",
    "different"
  ],
  compare: (a, b) => {
    const streets = a.streetName !== "" && b.streetName !== ""
    const localities = hasLocality(a) && hasLocality(b)
    const sameStreet = alike(a.streetName, b.streetName) || linesSwapped(a, b)
    if (!streets && !localities && !sameStreet) return 0
    const locality = localities ? localityAgreement(a, b) : 0
    const samePlace = locality > 0 || !localities
    if (sameStreet && samePlace) {
      if (a.streetNumber === "" || b.streetNumber === "") return 2
      if (a.streetNumber === b.streetNumber) return 1
      return withinOneEdit(a.streetNumber, b.streetNumber) ? 3 : 4
    }
    const postalClose = a.postalCode !== "" && b.postalCode !== "" && withinOneEdit(a.postalCode, b.postalCode)
    const streetClose = sameStreet || (streets && jaroWinkler(a.streetName, b.streetName, close) >= close)
    if (streetClose && (samePlace || postalClose)) return 5
    if (locality > 0) return 6
    return postalClose || sameStreet || (a.state !== "" && a.state === b.state) ? 7 : 8
  }
}

const unit: Comparison = {
  name: "address line 2",
  levels: ["missing", "exact", "similar", "swapped with street", "different"],
  compare: (a, b) => {
    const x = a.unit
    const y = b.unit
    if (x === "" || y === "") return 0
    if (x === y) return 1
    if (alike(x, y)) return 2
    return linesSwapped(a, b) ? 3 : 4
  },
  // A building or estate name ("ROSETTA VILLAGE", "APT 1") is shared by many customers.
  termFrequency: { level: 1, keys: (r) => one(r.unit), shared: (a) => a.unit }
}

const monthDay = (r: MatchRecord) => `${r.birthMonth < 10 ? "0" : ""}${r.birthMonth}${r.birthDay < 10 ? "0" : ""}${r.birthDay}`

const birthDate: Comparison = {
  name: "birth date",
  levels: ["missing", "exact", "month and day swapped", "one edit", "month or day", "known part agrees", "different"],
  compare: (a, b) => {
    if ((a.birthMonth === 0 && a.birthDay === 0) || (b.birthMonth === 0 && b.birthDay === 0)) return 0
    const complete = a.birthMonth !== 0 && a.birthDay !== 0 && b.birthMonth !== 0 && b.birthDay !== 0
    const sameMonth = a.birthMonth !== 0 && a.birthMonth === b.birthMonth
    const sameDay = a.birthDay !== 0 && a.birthDay === b.birthDay
    if (complete) {
      if (sameMonth && sameDay) return 1
      if (a.birthMonth === b.birthDay && a.birthDay === b.birthMonth) return 2
      if (withinOneEdit(monthDay(a), monthDay(b))) return 3
      return sameMonth || sameDay ? 4 : 6
    }
    // One side knows only the month (or only the day): agreeing on all both know is not the disagreement
    // that a complete date agreeing on the month alone is.
    return sameMonth || sameDay ? 5 : 6
  }
}

const localPart = (email: string) => email.slice(0, email.lastIndexOf("@"))

const email: Comparison = {
  name: "email",
  levels: ["missing", "exact", "same user name", "different"],
  compare: (a, b) => {
    if (a.email === "" || b.email === "") return 0
    if (a.email === b.email) return 1
    return localPart(a.email) === localPart(b.email) ? 2 : 3
  },
  termFrequency: { level: 1, keys: (r) => one(r.email), shared: (a) => a.email }
}

const sharedPhone = (a: MatchRecord, b: MatchRecord): string => {
  for (const phone of a.phones) if (b.phones.includes(phone)) return phone
  return ""
}

const phone: Comparison = {
  name: "phone",
  levels: ["missing", "shared number", "same last 7 digits", "different"],
  compare: (a, b) => {
    if (a.phones.length === 0 || b.phones.length === 0) return 0
    if (sharedPhone(a, b) !== "") return 1
    for (const x of a.phones) for (const y of b.phones) if (x.slice(-7) === y.slice(-7)) return 2
    return 3
  },
  termFrequency: { level: 1, keys: (r) => r.phones, shared: sharedPhone }
}

/** The production comparisons, in the order the model and the waterfall list them. */
export const defaultComparisons = (table: NicknameTable = nicknames()): ReadonlyArray<Comparison> => [
  firstName(table),
  lastName,
  company,
  address,
  unit,
  birthDate,
  email,
  phone
]
