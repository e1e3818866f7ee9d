import type { Customer, PartyType } from "../../domain/customer.ts"
import { phoneDigits } from "../map/phones.ts"
import { soundOf } from "./phonetic.ts"

/**
 * A customer as dedupe compares it: every value upper-cased, stripped of accents, punctuation and spaces
 * (a space typed inside a name, "SOPH IE", is as common as any other typo), words of an address in their
 * standard short form. Built once per customer; every comparison reads these, never the Customer.
 */
export interface MatchRecord {
  /** Position in the array the records were normalised from. */
  readonly index: number
  readonly customerNumber: number
  readonly partyType: PartyType
  readonly firstName: string
  /** Last name; for an organization without one, its company name. */
  readonly lastName: string
  readonly company: string
  readonly firstNameSound: string
  readonly lastNameSound: string
  readonly streetNumber: string
  readonly streetName: string
  /** Apartment and address lines 2–4 together. */
  readonly unit: string
  readonly city: string
  readonly state: string
  readonly postalCode: string
  /** Canonical email; "" when blank or a placeholder. */
  readonly email: string
  readonly phones: ReadonlyArray<string>
  /** 1–12, 0 when unknown. */
  readonly birthMonth: number
  /** 1–31, 0 when unknown. */
  readonly birthDay: number
  /** The customer gave an email that only stands in for none (none@none.com). */
  readonly placeholderEmail: boolean
}

const marks = /\p{M}/gu
const notLetter = /[^\p{L}]/gu
const notLetterOrDigit = /[^\p{L}\p{N}]+/gu

const notAscii = /[^\x00-\x7f]/
const notAsciiLetter = /[^A-Z]/g
const notAsciiLetterOrDigit = /[^A-Z0-9]+/

// Most values are plain ASCII: they skip Unicode decomposition and Unicode-aware patterns, the bulk of the
// cost of normalising a million customers.
const plain = (value: string): string =>
  notAscii.test(value) ? value.normalize("NFD").replace(marks, "").toUpperCase() : value.toUpperCase()

/** Letters only: "O'Brien-Smith" → OBRIENSMITH. */
export const nameKey = (value: string): string => {
  if (value === "") return ""
  return notAscii.test(value) ? plain(value).replace(notLetter, "") : value.toUpperCase().replace(notAsciiLetter, "")
}

const noWords: Array<string> = []

const words = (value: string): Array<string> => {
  if (value === "") return noWords
  const ascii = !notAscii.test(value)
  return (ascii ? value.toUpperCase() : plain(value)).split(ascii ? notAsciiLetterOrDigit : notLetterOrDigit).filter((word) => word !== "")
}

// USPS Publication 28 suffixes and directions, plus the Commonwealth ones (CRESCENT, CLOSE) an import may hold.
const shortForms = new Map<string, string>([
  ["STREET", "ST"], ["AVENUE", "AVE"], ["ROAD", "RD"], ["DRIVE", "DR"], ["LANE", "LN"], ["COURT", "CT"],
  ["BOULEVARD", "BLVD"], ["PLACE", "PL"], ["CIRCLE", "CIR"], ["CIRCUIT", "CCT"], ["TERRACE", "TER"],
  ["PARKWAY", "PKWY"], ["HIGHWAY", "HWY"], ["CRESCENT", "CRES"], ["SQUARE", "SQ"], ["TRAIL", "TRL"],
  ["CLOSE", "CL"], ["GROVE", "GRV"], ["EXPRESSWAY", "EXPY"], ["FREEWAY", "FWY"], ["MOUNT", "MT"],
  ["NORTH", "N"], ["SOUTH", "S"], ["EAST", "E"], ["WEST", "W"], ["NORTHEAST", "NE"], ["NORTHWEST", "NW"],
  ["SOUTHEAST", "SE"], ["SOUTHWEST", "SW"], ["APARTMENT", "APT"], ["SUITE", "STE"], ["FLOOR", "FL"],
  ["BUILDING", "BLDG"], ["ROOM", "RM"], ["NUMBER", "NO"]
])

const standardWords = (value: string): Array<string> => words(value).map((word) => shortForms.get(word) ?? word)

const legalForms = new Set(["THE", "INC", "INCORPORATED", "LLC", "LTD", "LIMITED", "CO", "CORP", "CORPORATION", "COMPANY", "PLC", "LP", "LLP"])

/** A company name without punctuation, spaces or legal form: "The Acme Co., Inc." → ACME. */
export const companyKey = (value: string): string => words(value).filter((word) => !legalForms.has(word)).join("")

const hasDigit = /\d/

/** "1200 Commonwealth Avenue" → { number: "1200", name: "COMMONWEALTHAVE" }. */
export const streetParts = (street: string): { readonly number: string; readonly name: string } => {
  const parts = standardWords(street)
  const first = parts[0]
  if (first !== undefined && hasDigit.test(first)) return { number: first, name: parts.slice(1).join("") }
  return { number: "", name: parts.join("") }
}

const providersIgnoringDots = new Set(["GMAIL.COM", "GOOGLEMAIL.COM"])

const placeholderLocals = new Set([
  "NONE", "NOEMAIL", "NOMAIL", "NOREPLY", "DONOTREPLY", "DONTHAVE", "NOTHANKS", "TEST", "NA", "NULL", "UNKNOWN",
  "EMAIL", "NOBODY", "NOONE", "DECLINED", "REFUSED", "NOTAVAILABLE", "NOADDRESS", "NOTPROVIDED", "X", "XX", "XXX",
  "ASDF", "CUSTOMER"
])
const placeholderDomains = new Set([
  "NONE.COM", "NOEMAIL.COM", "NOMAIL.COM", "NOEMAIL.NET", "TEST.COM", "EXAMPLE.COM", "EXAMPLE.ORG", "EXAMPLE.NET",
  "DOMAIN.COM", "NOWHERE.COM", "NONE.NONE", "NA.COM"
])

/**
 * An email as the mailbox sees it: case folded, "+tag" dropped, and for providers that ignore dots in the
 * local part (Gmail) the dots too. Returns placeholder: true for an address that only says "no email"
 * (none@none.com, noemail@…, test@test.com), which must never link two customers.
 */
export const canonicalEmail = (raw: string): { readonly email: string; readonly placeholder: boolean } => {
  const value = raw.trim().toUpperCase()
  const at = value.lastIndexOf("@")
  if (at <= 0 || at === value.length - 1) return { email: "", placeholder: value !== "" }
  let local = value.slice(0, at)
  let domain = value.slice(at + 1)
  const plus = local.indexOf("+")
  if (plus > 0) local = local.slice(0, plus)
  if (domain === "GOOGLEMAIL.COM") domain = "GMAIL.COM"
  if (providersIgnoringDots.has(domain)) local = local.replaceAll(".", "")
  const bareLocal = local.replace(/[^A-Z0-9]/g, "")
  if (placeholderLocals.has(bareLocal) || placeholderDomains.has(domain) || /^(.)\1*$/.test(bareLocal)) {
    return { email: "", placeholder: true }
  }
  return { email: `${local}@${domain}`, placeholder: false }
}

const placeholderPhone = /^(\d)\1+$|^1234567890$|^0123456789$/

/** The subscriber number: digits only, a leading US country code dropped; "" when too short to dial or a placeholder. */
export const phoneKey = (raw: string): string => {
  let digits = phoneDigits(raw)
  if (digits.length === 11 && digits.startsWith("1")) digits = digits.slice(1)
  if (digits.length < 7 || placeholderPhone.test(digits)) return ""
  return digits.length > 10 ? digits.slice(-10) : digits
}

const postalKey = (postalCode: string, country: string): string => {
  const value = plain(postalCode).replace(notLetterOrDigit, "")
  // A US ZIP+4 is the same place as its five-digit ZIP.
  return (country === "US" || country === "") && /^\d{9}$/.test(value) ? value.slice(0, 5) : value
}

const validPart = (value: number | null, max: number): number =>
  value !== null && Number.isInteger(value) && value >= 1 && value <= max ? value : 0

/** Apartment and address lines 2–4 as one value; most customers have none of them. */
const unitOf = (customer: Customer): string => {
  let unit = ""
  for (const line of [customer.apartment, customer.address2, customer.address3, customer.address4]) {
    if (line !== "") unit += standardWords(line).join("")
  }
  return unit
}

export const normalise = (customer: Customer, index: number): MatchRecord => {
  const firstName = nameKey(customer.firstName)
  const company = companyKey(customer.company)
  const ownLastName = nameKey(customer.lastName)
  const lastName = ownLastName === "" && customer.partyType === "O" ? company : ownLastName
  const street = streetParts(customer.street)
  const { email, placeholder } = canonicalEmail(customer.email)
  const phones: Array<string> = []
  for (const raw of [customer.dayPhone, customer.eveningPhone, customer.thirdPhone]) {
    const key = phoneKey(raw)
    if (key !== "" && !phones.includes(key)) phones.push(key)
  }
  return {
    index,
    customerNumber: customer.customerNumber,
    partyType: customer.partyType,
    firstName,
    lastName,
    company,
    firstNameSound: soundOf(firstName),
    lastNameSound: soundOf(lastName),
    streetNumber: street.number,
    streetName: street.name,
    unit: unitOf(customer),
    city: nameKey(customer.city),
    state: plain(customer.state).replace(notLetterOrDigit, ""),
    postalCode: postalKey(customer.postalCode, customer.country.trim().toUpperCase()),
    email,
    phones,
    birthMonth: validPart(customer.birthMonth, 12),
    birthDay: validPart(customer.birthDay, 31),
    placeholderEmail: placeholder
  }
}

/** Why a record cannot take part in dedupe at all, or undefined when it can. */
export const unusable = (record: MatchRecord): "blank name" | undefined =>
  record.firstName === "" && record.lastName === "" && record.company === "" ? "blank name" : undefined

export const hasAddress = (record: MatchRecord): boolean =>
  record.streetName !== "" || record.postalCode !== "" || record.city !== ""
