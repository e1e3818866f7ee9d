import { en_CA } from "@faker-js/faker"
import { describe, expect, it } from "vitest"
import { australianPostcodeRanges, canadianFirstLetters } from "../../src/generate/postal-codes.ts"
import { oacsLength } from "../../src/generate/text.ts"
import { usZipPrefixesByState, zipMatchesState } from "../../src/generate/us-zip-prefixes.ts"
import { collect } from "./collect.ts"

const { customers } = collect({ customers: 20_000, seed: 11, duplicateRate: 0.05, dirtyRate: 0.05 })
const clean = customers.filter((c) => c.dirt === undefined).map((c) => c.row)
const share = (predicate: (row: (typeof clean)[number]) => boolean) => clean.filter(predicate).length / clean.length

describe("clean generated customers", () => {
  it("have US ZIPs whose first 3 digits are a sectional center of their state", () => {
    const us = clean.filter((row) => row.country === "US")
    expect(us.length).toBeGreaterThan(10_000)
    const wrong = us.filter((row) => !zipMatchesState(row.postal_code, row.state))
    expect(wrong).toEqual([])
    expect(new Set(us.map((row) => row.state)).size).toBeGreaterThan(45)
  })

  it("use a ZIP prefix table in which no prefix belongs to two states", () => {
    const owners = new Map<string, string>()
    for (const [state, prefixes] of usZipPrefixesByState) {
      for (const prefix of prefixes) {
        expect(owners.get(prefix), `${prefix} in ${state} and ${owners.get(prefix)}`).toBeUndefined()
        owners.set(prefix, state)
      }
    }
    expect(usZipPrefixesByState.size).toBe(51)
  })

  it("have Canadian postal codes whose first letter belongs to the province", () => {
    const ca = clean.filter((row) => row.country === "CA")
    expect(ca.length).toBeGreaterThan(500)
    for (const row of ca) {
      expect(row.postal_code).toMatch(/^[A-Z]\d[A-Z] \d[A-Z]\d$/)
      expect(canadianFirstLetters[row.state] ?? "").toContain(row.postal_code[0])
    }
  })

  it("have Australian postcodes in the range of their state, held as its first two letters", () => {
    const au = clean.filter((row) => row.country === "AU")
    expect(au.length).toBeGreaterThan(200)
    for (const row of au) {
      const state = Object.keys(australianPostcodeRanges).find((code) => code.slice(0, 2) === row.state)
      expect(state, row.state).toBeDefined()
      const postcode = Number(row.postal_code)
      expect(australianPostcodeRanges[state!]!.some(([from, to]) => postcode >= from && postcode <= to)).toBe(true)
    }
  })

  it("take the Canadian first letters from the same facts as faker's en_CA data", () => {
    const fakerPatterns = en_CA.location?.postcode_by_state ?? {}
    for (const [province, letters] of Object.entries(canadianFirstLetters)) {
      const pattern = String(fakerPatterns[province] ?? "")
      const first = /fromRegExp\((\[[A-Z]+\]|[A-Z])/.exec(pattern)?.[1]?.replace(/[[\]]/g, "")
      expect(first, province).toBe(letters)
    }
  })

  it("are mostly US, with every other country present", () => {
    const byCountry = Map.groupBy(clean, (row) => row.country)
    expect((byCountry.get("US")?.length ?? 0) / clean.length).toBeGreaterThan(0.75)
    expect([...byCountry.keys()].sort()).toEqual(["AU", "CA", "DE", "FR", "GB", "IE", "MX", "NL", "NZ", "US"])
  })

  it("fit the OACS field lengths, so that only dirty rows need truncating", () => {
    for (const row of clean) {
      expect(row.first_name.length).toBeLessThanOrEqual(oacsLength.firstName)
      expect(row.last_name.length).toBeLessThanOrEqual(oacsLength.lastName)
      expect(row.company.length).toBeLessThanOrEqual(oacsLength.company)
      expect(row.street.length).toBeLessThanOrEqual(oacsLength.street)
      expect(row.apartment.length).toBeLessThanOrEqual(oacsLength.apartment)
      expect(row.address2.length).toBeLessThanOrEqual(oacsLength.addressLine)
      expect(row.city.length).toBeLessThanOrEqual(oacsLength.city)
      expect(row.state.length).toBeLessThanOrEqual(oacsLength.state)
      expect(row.postal_code.length).toBeLessThanOrEqual(oacsLength.postalCode)
      expect(row.prefix.length).toBeLessThanOrEqual(oacsLength.prefix)
      expect(row.suffix.length).toBeLessThanOrEqual(oacsLength.suffix)
    }
  })

  it("have valid emails, 7 to 15 digit phones, Y/N flags and real birth dates", () => {
    const flags = ["po_box", "email_opt_in", "do_not_fax", "mail_flag", "rent_flag", "sync_flag"] as const
    const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    for (const row of clean) {
      if (row.email !== "") expect(row.email).toMatch(/^[A-Za-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$/)
      for (const phone of [row.day_phone, row.evening_phone, row.third_phone]) {
        if (phone !== "") expect(phone.replace(/\D/g, "").length).toBeGreaterThanOrEqual(7)
        if (phone !== "") expect(phone.replace(/\D/g, "").length).toBeLessThanOrEqual(15)
      }
      for (const flag of flags) expect(["Y", "N"]).toContain(row[flag])
      expect(row.customer_number).toMatch(/^\d{1,9}$/)
      expect(row.last_name !== "" || row.company !== "").toBe(true)
      if (row.birth_month !== "") {
        const month = Number(row.birth_month)
        expect(Number(row.birth_day)).toBeLessThanOrEqual(daysInMonth[month - 1] ?? 0)
      }
    }
  })

  it("have formatted phones in several styles, some with extensions", () => {
    const phones = clean.map((row) => row.day_phone).filter((p) => p !== "")
    expect(phones.some((p) => /^\(\d{3}\) \d{3}-\d{4}$/.test(p))).toBe(true)
    expect(phones.some((p) => /^\d{3}\.\d{3}\.\d{4}$/.test(p))).toBe(true)
    expect(phones.some((p) => /^\+1 \d{3} \d{3} \d{4}$/.test(p))).toBe(true)
    expect(share((row) => row.day_phone_ext !== "")).toBeGreaterThan(0.01)
  })

  it("include about 10% organizations with a company name, most without a last name", () => {
    const organizations = clean.filter((row) => row.party_type === "O")
    expect(organizations.length / clean.length).toBeGreaterThan(0.07)
    expect(organizations.length / clean.length).toBeLessThan(0.13)
    for (const row of organizations) expect(row.company).not.toBe("")
    expect(organizations.filter((row) => row.last_name === "").length / organizations.length).toBeGreaterThan(0.5)
  })

  it("give a minority relate IDs, e-commerce IDs and birth dates", () => {
    for (const field of ["relate_id", "ecommerce_id", "birth_month"] as const) {
      const filled = share((row) => row[field] !== "")
      expect(filled, field).toBeGreaterThan(0.05)
      expect(filled, field).toBeLessThan(0.5)
    }
  })
})
