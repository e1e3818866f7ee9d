import { describe, expect, it } from "vitest"
import type { CustomerRow } from "../../src/generate/columns.ts"
import { defaultDirtyRate } from "../../src/generate/generate-export.ts"
import { type DirtKind, dirtKinds, isRejectable, loadableDirtKinds } from "../../src/generate/make-dirty.ts"
import { oacsLength } from "../../src/generate/text.ts"
import { zipMatchesState } from "../../src/generate/us-zip-prefixes.ts"
import { collect } from "./collect.ts"

const { customers } = collect({ customers: 20_000, seed: 33, duplicateRate: 0.05, dirtyRate: 0.3 })
const dirty = customers.filter((c) => c.dirt !== undefined)

const digits = (phone: string) => phone.replace(/\D/g, "")

/** What each fault must look like in the row. */
const shows: Record<DirtKind, (row: CustomerRow, earlier: ReadonlySet<string>) => boolean> = {
  "lowercase": (row) => /[a-z]/.test(row.street + row.city) && !/[A-Z]/.test(row.last_name + row.city),
  "long-first-name": (row) => row.first_name.length > oacsLength.firstName,
  "long-last-name": (row) => row.last_name.length > oacsLength.lastName,
  "long-street": (row) => row.street.length > oacsLength.street,
  "long-city": (row) => row.city.length > oacsLength.city,
  "trailing-spaces": (row) => row.street.endsWith(" ") && row.city.endsWith(" "),
  "odd-phone-format": (row) => digits(row.day_phone).length >= 7 && digits(row.day_phone).length <= 15,
  "quoted-nickname": (row) => /^[A-Z]+ "[A-Z]+"$/.test(row.first_name),
  "embedded-newline": (row) => row.address2.includes("\n"),
  "country-usa": (row) => row.country === "USA",
  "unknown-state": (row) => row.state === "XX",
  "state-zip-mismatch": (row) => row.country === "US" && !zipMatchesState(row.postal_code, row.state),
  "bad-email": (row) => !/^[^\s@,]+@[^\s@,]+\.[a-z]{2,}$/i.test(row.email),
  "short-phone": (row) => digits(row.day_phone).length === 6,
  "birth-month-13": (row) => row.birth_month === "13",
  "invalid-birth-day": (row) => new Date(Date.UTC(1900, Number(row.birth_month) - 1, Number(row.birth_day))).getUTCDate() !== Number(row.birth_day),
  "bad-flag": (row) => !["Y", "N"].includes(row.mail_flag) || !["Y", "N"].includes(row.email_opt_in),
  "no-name-or-company": (row) => row.last_name === "" && row.company === "",
  "repeated-customer-number": (row, earlier) => earlier.has(row.customer_number),
  "non-numeric-customer-number": (row) => /\D/.test(row.customer_number),
  "ten-digit-customer-number": (row) => /^\d{10}$/.test(row.customer_number)
}

describe("dirty rows", () => {
  it("make up exactly the requested share, 3% by default", () => {
    expect(dirty.length).toBe(6_000)
    const byDefault = collect({ customers: 5_000, seed: 1, duplicateRate: 0.05 }).customers
    expect(byDefault.filter((c) => c.dirt !== undefined).length).toBe(5_000 * defaultDirtyRate)
    const none = collect({ customers: 2_000, seed: 1, duplicateRate: 0.05, dirtyRate: 0 }).customers
    expect(none.filter((c) => c.dirt !== undefined)).toEqual([])
  })

  it("include every kind of fault, mostly loadable ones", () => {
    expect(new Set(dirty.map((c) => c.dirt))).toEqual(new Set(dirtKinds))
    const loadable = dirty.filter((c) => (loadableDirtKinds as ReadonlyArray<string>).includes(c.dirt ?? "")).length
    expect(loadable / dirty.length).toBeGreaterThan(0.5)
    expect(loadable / dirty.length).toBeLessThan(0.75)
  })

  it("show the fault they are labelled with", () => {
    const earlier = new Set<string>()
    for (const { row, dirt } of customers) {
      if (dirt !== undefined) expect(shows[dirt](row, earlier), `${dirt}: ${JSON.stringify(row)}`).toBe(true)
      earlier.add(row.customer_number)
    }
  })

  it("never make a duplicate rejectable, so that dedupe recall can be measured on every duplicate", () => {
    const rejectableDuplicates = customers.filter((c) => c.duplicateOf !== undefined && c.dirt !== undefined && isRejectable(c.dirt))
    expect(rejectableDuplicates).toEqual([])
    expect(customers.some((c) => c.duplicateOf !== undefined && c.dirt !== undefined)).toBe(true)
  })
})
