import { describe, expect, it } from "vitest"
import type { CustomerRow } from "../../src/generate/columns.ts"
import { generateDuplicateTruth } from "../../src/generate/generate-export.ts"
import { typo, variationKinds } from "../../src/generate/make-duplicate.ts"
import { isRejectable } from "../../src/generate/make-dirty.ts"
import { alternativeFirstNames, nicknameTable } from "../../src/generate/nicknames.ts"
import { makePrng } from "../../src/generate/prng.ts"
import { collect } from "./collect.ts"

const options = { customers: 20_000, seed: 21, duplicateRate: 0.1 }
const { customers } = collect(options)
// A later row may repeat a customer number (a deliberate fault that validation rejects); truth refers
// to the first row with the number, the one that loads.
const byNumber = new Map<string, (typeof customers)[number] & { readonly index: number }>()
customers.forEach((c, index) => {
  if (!byNumber.has(c.row.customer_number)) byNumber.set(c.row.customer_number, { ...c, index })
})
const duplicates = customers.filter((c) => c.duplicateOf !== undefined)

/** Levenshtein distance with adjacent transpositions counted as one edit. */
const editDistance = (a: string, b: string): number => {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  const at = (i: number, j: number) => d[i]?.[j] ?? 0
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1)
      d[i]![j] = best
    }
  }
  return at(a.length, b.length)
}

describe("generated duplicates", () => {
  it("make up exactly the requested share of the customer rows", () => {
    expect(customers.length).toBe(20_000)
    expect(duplicates.length).toBe(2_000)
    for (const rate of [0, 0.05, 0.33]) {
      const small = collect({ customers: 1_000, seed: 4, duplicateRate: rate }).customers
      expect(small.length).toBe(1_000)
      expect(small.filter((c) => c.duplicateOf !== undefined).length).toBe(Math.round(1_000 * rate))
    }
  })

  it("point at an earlier, loadable original that is no duplicate itself, under a new customer number", () => {
    for (const duplicate of duplicates) {
      const original = byNumber.get(duplicate.duplicateOf ?? "")
      expect(original).toBeDefined()
      expect(original!.index).toBeLessThan(byNumber.get(duplicate.row.customer_number)!.index)
      expect(original!.duplicateOf).toBeUndefined()
      expect(original!.dirt === undefined || !isRejectable(original!.dirt)).toBe(true)
      expect(duplicate.row.customer_number).not.toBe(duplicate.duplicateOf)
      expect(duplicate.dirt === undefined || !isRejectable(duplicate.dirt)).toBe(true)
    }
    expect(new Set(duplicates.map((d) => d.row.customer_number)).size).toBe(duplicates.length)
  })

  it("change only what their variations say", () => {
    const untouchedUnless: ReadonlyArray<readonly [ReadonlyArray<keyof CustomerRow>, ReadonlyArray<string>]> = [
      [["first_name"], ["typo-first-name", "nickname"]],
      [["last_name", "company"], ["typo-last-name"]],
      [["street"], ["moved", "street-abbreviation"]],
      [["city", "state", "postal_code"], ["moved"]],
      [["email"], ["email-domain", "new-email", "missing-fields"]],
      [["party_type", "country", "suffix"], []]
    ]
    for (const duplicate of duplicates.filter((d) => d.dirt === undefined)) {
      const original = byNumber.get(duplicate.duplicateOf ?? "")!
      // The original may carry a loadable fault: the duplicate is made from its clean version.
      if (original.dirt !== undefined) continue
      for (const [fields, unless] of untouchedUnless) {
        if (duplicate.variations.some((v) => unless.includes(v))) continue
        for (const field of fields) expect(duplicate.row[field], `${field} of ${duplicate.row.customer_number}`).toBe(original.row[field])
      }
      if (duplicate.variations.includes("nickname") && !duplicate.variations.includes("typo-first-name")) {
        expect(alternativeFirstNames(original.row.first_name)).toContain(duplicate.row.first_name)
      }
      if (duplicate.variations.includes("typo-last-name") && !duplicate.variations.includes("typo-first-name")) {
        const field = original.row.last_name.length >= 3 ? "last_name" : "company"
        expect(editDistance(duplicate.row[field], original.row[field])).toBe(1)
      }
    }
  })

  it("use every kind of variation, nicknames and moves included", () => {
    const seen = new Set(duplicates.flatMap((d) => d.variations))
    expect([...seen].sort()).toEqual([...variationKinds].sort())
  })

  it("are listed by the truth iterable exactly as flagged on the rows", () => {
    const truth = [...generateDuplicateTruth(options)]
    expect(truth).toEqual(duplicates.map((d) => ({ duplicate: d.row.customer_number, original: d.duplicateOf, variations: d.variations })))
  })
})

describe("nickname table", () => {
  it("holds at least 40 formal names, each recognised in both directions", () => {
    expect(nicknameTable.length).toBeGreaterThanOrEqual(40)
    for (const [formal, nicknames] of nicknameTable) {
      for (const nickname of nicknames) {
        expect(alternativeFirstNames(formal)).toContain(nickname)
        expect(alternativeFirstNames(nickname)).toContain(formal)
      }
    }
    expect(alternativeFirstNames("ROBERT")).toEqual(expect.arrayContaining(["BOB", "ROB"]))
  })
})

describe("typo", () => {
  it("changes a word by exactly one transposition, deletion or doubling, within the length limit", () => {
    const prng = makePrng(3)
    for (let i = 0; i < 500; i++) {
      const changed = typo("MONTGOMERY", 10, prng)
      expect(changed).not.toBe("MONTGOMERY")
      expect(changed.length).toBeLessThanOrEqual(10)
      expect(editDistance(changed, "MONTGOMERY")).toBe(1)
    }
  })
})
