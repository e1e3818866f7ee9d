import type { CustomerRow } from "./columns.ts"
import { moveTo, personalEmail } from "./compose-customer.ts"
import { alternativeFirstNames } from "./nicknames.ts"
import { reformatPhone } from "./phones.ts"
import type { Pools } from "./pools.ts"
import { type Prng, weighted } from "./prng.ts"
import { oacsLength } from "./text.ts"

// A duplicate is the same person or organization registered again: by a call-centre agent who mistyped,
// on the web shop under a nickname, after a move, or with a newer email address. Each duplicate keeps
// enough of the original (name plus email, address or phone) that a person would call it the same.

export const variationKinds = [
  "typo-first-name",
  "typo-last-name",
  "nickname",
  "moved",
  "email-domain",
  "new-email",
  "missing-fields",
  "phone-format",
  "street-abbreviation"
] as const
export type VariationKind = (typeof variationKinds)[number]

const pickKind = weighted<VariationKind>([
  ["typo-first-name", 0.14],
  ["typo-last-name", 0.14],
  ["nickname", 0.16],
  ["moved", 0.14],
  ["email-domain", 0.1],
  ["new-email", 0.05],
  ["missing-fields", 0.12],
  ["phone-format", 0.08],
  ["street-abbreviation", 0.07]
])

/** Transposes, drops or doubles one letter, as fast typing does. */
export const typo = (word: string, max: number, prng: Prng): string => {
  if (word.length < 3) return word
  const i = prng.int(1, word.length - 2)
  const kind = prng.int(0, 2)
  if (kind === 0 && word[i] !== word[i + 1]) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
  if (kind === 2 && word.length < max) return word.slice(0, i) + word[i] + word.slice(i)
  return word.slice(0, i) + word.slice(i + 1)
}

const abbreviations: ReadonlyArray<readonly [string, string]> = [
  ["STREET", "ST"],
  ["AVENUE", "AVE"],
  ["ROAD", "RD"],
  ["DRIVE", "DR"],
  ["LANE", "LN"],
  ["COURT", "CT"],
  ["BOULEVARD", "BLVD"],
  ["PLACE", "PL"],
  ["CIRCLE", "CIR"],
  ["TERRACE", "TER"],
  ["PARKWAY", "PKWY"]
]

const abbreviationPatterns = abbreviations.map(([long, short]) => ({
  long,
  short,
  longForm: new RegExp(`\\b${long}\\b`),
  shortForm: new RegExp(`(?<= )${short}\\b`)
}))

const abbreviate = (street: string): string => {
  for (const { long, short, longForm, shortForm } of abbreviationPatterns) {
    if (longForm.test(street)) return street.replace(longForm, short)
    if (shortForm.test(street)) return street.replace(shortForm, long)
  }
  return street.replace(/^(\d+) /, "$1, ")
}

const changeDomain = (email: string, domains: ReadonlyArray<string>, prng: Prng): string => {
  const at = email.indexOf("@")
  const current = email.slice(at + 1)
  const others = domains.filter((d) => d !== current)
  return others.length === 0 ? email : `${email.slice(0, at + 1)}${prng.pick(others)}`
}

const apply = (kind: VariationKind, row: CustomerRow, pools: Pools, prng: Prng): boolean => {
  const pool = pools.byCountry.get(row.country)
  switch (kind) {
    case "typo-first-name":
      if (row.first_name.length < 3) return false
      row.first_name = typo(row.first_name, oacsLength.firstName, prng)
      return true
    case "typo-last-name": {
      const field = row.last_name.length >= 3 ? "last_name" : "company"
      if (row[field].length < 3) return false
      row[field] = typo(row[field], field === "company" ? oacsLength.company : oacsLength.lastName, prng)
      return true
    }
    case "nickname": {
      const alternatives = alternativeFirstNames(row.first_name)
      if (alternatives.length === 0) return false
      row.first_name = prng.pick(alternatives)
      return true
    }
    case "moved":
      if (pool === undefined || row.po_box === "Y") return false
      moveTo(row, pool, prng)
      return true
    case "email-domain":
      if (row.email === "" || pool === undefined) return false
      row.email = changeDomain(row.email, pool.emailDomains, prng)
      return true
    case "new-email":
      if (pool === undefined || row.party_type === "O" || row.first_name === "") return false
      row.email = personalEmail(row.first_name, row.last_name, pool, prng)
      return true
    case "missing-fields":
      for (const field of ["middle_initial", "prefix", "apartment", "evening_phone", "third_phone", "birth_month"] as const) {
        if (row[field] !== "" && prng.chance(0.6)) row[field] = ""
      }
      if (row.birth_month === "") row.birth_day = ""
      if (row.evening_phone === "") row.evening_phone_ext = ""
      if (row.email !== "" && row.day_phone !== "" && prng.chance(0.4)) (row.email = ""), (row.email_opt_in = "N")
      else if (row.day_phone !== "" && prng.chance(0.5)) (row.day_phone = ""), (row.day_phone_ext = "")
      return true
    case "phone-format": {
      const field = row.day_phone !== "" ? "day_phone" : row.evening_phone !== "" ? "evening_phone" : undefined
      if (field === undefined) return false
      row[field] = reformatPhone(row[field], row.country, prng)
      return true
    }
    case "street-abbreviation": {
      if (row.po_box === "Y") return false
      const changed = abbreviate(row.street)
      if (changed === row.street || changed.length > oacsLength.street) return false
      row.street = changed
      return true
    }
  }
}

/** Moving and changing the email leave only the name: kept apart so that every duplicate stays findable. */
const exclusive: ReadonlyArray<readonly [VariationKind, VariationKind]> = [
  ["moved", "email-domain"],
  ["moved", "new-email"],
  ["moved", "missing-fields"],
  ["email-domain", "new-email"]
]

/**
 * Copies `original` under `customerNumber` and applies one to three variations; returns which.
 * The copy is a new web or call-centre registration, so it has its own (or no) e-commerce ID and no Relate ID.
 */
export const makeDuplicate = (
  original: CustomerRow,
  customerNumber: string,
  pools: Pools,
  prng: Prng
): { readonly row: CustomerRow; readonly variations: ReadonlyArray<VariationKind> } => {
  const row: CustomerRow = { ...original, customer_number: customerNumber }
  row.relate_id = ""
  row.ecommerce_id = prng.chance(0.3) ? `W${prng.digits(9)}` : ""
  row.sync_flag = "Y"
  row.status = "A"
  row.alternate_customer_number = ""
  const wanted = prng.chance(0.5) ? 1 : prng.chance(0.7) ? 2 : 3
  const variations: Array<VariationKind> = []
  // Only a minority of first names have a nickname; when one does, people use it more often than not.
  if (alternativeFirstNames(row.first_name).length > 0 && prng.chance(0.6) && apply("nickname", row, pools, prng)) {
    variations.push("nickname")
  }
  for (let attempt = 0; attempt < 12 && variations.length < wanted; attempt++) {
    const kind = pickKind(prng)
    if (variations.includes(kind)) continue
    if (exclusive.some(([a, b]) => (a === kind && variations.includes(b)) || (b === kind && variations.includes(a)))) continue
    if (apply(kind, row, pools, prng)) variations.push(kind)
  }
  return { row, variations }
}
