import { describe, expect, it } from "vitest"
import { candidatePairs, defaultBlockingRules } from "../../src/stages/dedupe/blocking.ts"
import { canonicalEmail, normalise, phoneKey } from "../../src/stages/dedupe/normalise.ts"
import { person, population } from "./fixtures.ts"

const options = { maxBlockSize: 50, window: 20 }
const recordsOf = (customers: ReadonlyArray<ReturnType<typeof person>>) => customers.map((customer, i) => normalise(customer, i))
const pairsOf = (result: ReturnType<typeof candidatePairs>) =>
  Array.from(result.left, (left, p) => `${left}:${result.right[p]}`)

describe("blocking", () => {
  it("DUP-1 produces candidate pairs from blocking keys, far fewer than all pairs", () => {
    const records = recordsOf(population(2000))
    const result = candidatePairs(records, defaultBlockingRules, options)
    expect(result.left.length).toBeGreaterThan(0)
    expect(result.left.length).toBeLessThan((2000 * 1999) / 2 / 50)
    expect(result.left.length).toBeLessThanOrEqual(2000 * options.window * defaultBlockingRules.length)
  })

  it("DUP-1 caps a huge common key: 3,000 customers in one postal code are compared only with their neighbours, and the cap is reported", () => {
    const customers = Array.from({ length: 3000 }, (_, i) =>
      person(i + 1, { firstName: `F${i}`, lastName: "SMITH", postalCode: "10001", city: "NEW YORK", street: `${i} BROADWAY` })
    )
    const result = candidatePairs(recordsOf(customers), defaultBlockingRules, options)
    expect(result.left.length).toBeLessThanOrEqual(3000 * options.window * defaultBlockingRules.length)
    const capped = result.capped.find((block) => block.rule === "postal code + last name initial")
    expect(capped?.size).toBe(3000)
    expect(capped?.pairs).toBeLessThanOrEqual(3000 * options.window)
    expect(capped?.key).not.toContain("10001")
    expect(result.rules.find((rule) => rule.rule === "postal code + last name initial")?.cappedBlocks).toBe(1)
  })

  it("DUP-1 lists each pair once however many rules produce it, and counts pairs per rule", () => {
    const twin = { firstName: "ANNA", lastName: "ZYWICKI", postalCode: "02110", city: "BOSTON", street: "1 MAIN ST", email: "anna@zywicki.org", dayPhone: "6175550199", birthMonth: 3, birthDay: 4 }
    const result = candidatePairs(recordsOf([person(1, twin), person(2, twin)]), defaultBlockingRules, options)
    expect(pairsOf(result)).toEqual(["0:1"])
    expect(result.rules.filter((rule) => rule.pairs === 1).length).toBe(defaultBlockingRules.length)
    expect(result.rules.reduce((sum, rule) => sum + rule.newPairs, 0)).toBe(1)
    expect(result.rules[0]?.newPairs).toBe(1)
  })

  it("DUP-6 never pairs an individual with an organization, whatever they share", () => {
    const shared = { lastName: "ACME", company: "ACME", postalCode: "02110", street: "1 MAIN ST", email: "info@acme.com", dayPhone: "6175550199" }
    const result = candidatePairs(recordsOf([person(1, shared), person(2, { ...shared, partyType: "O" })]), defaultBlockingRules, options)
    expect(result.left.length).toBe(0)
  })

  it("a shared placeholder email is no blocking key: 500 different customers with none@none.com are not paired by email", () => {
    const customers = population(500).map((customer) => ({ ...customer, email: "none@none.com" }))
    const result = candidatePairs(recordsOf(customers), defaultBlockingRules, options)
    expect(result.rules.find((rule) => rule.rule === "email")).toMatchObject({ blocks: 0, pairs: 0 })
  })

  it("DUP-1 pairs two registrations whose postal code, last name and house number all changed, by city and birth date", () => {
    const customers = [
      person(1, { firstName: "NENEH", lastName: "RYAN", street: "13 MORGAN CRESCENT", city: "TOOWOOMBA", postalCode: "2106", birthMonth: 10, birthDay: 20 }),
      person(2, { firstName: "NENEHY", lastName: "MATTHEWS", street: "MORGAN CRESCENT", city: "TOOWOOMBA", postalCode: "2160", birthMonth: 10, birthDay: 20 })
    ]
    const result = candidatePairs(recordsOf(customers), defaultBlockingRules, options)
    expect(pairsOf(result)).toEqual(["0:1"])
    expect(defaultBlockingRules[result.rule[0]!]!.name).toBe("city + birth date")
  })

  it("incremental runs compare only new records, against all of them", () => {
    const twin = { firstName: "ANNA", lastName: "ZYWICKI", postalCode: "02110", birthMonth: 3, birthDay: 4 }
    const customers = [person(1, twin), person(2, twin), person(3, twin)]
    const result = candidatePairs(recordsOf(customers), defaultBlockingRules, { ...options, probe: (index) => index === 2 })
    expect(pairsOf(result)).toEqual(["0:2", "1:2"])
  })
})

describe("normalisation of what would otherwise link strangers", () => {
  it("placeholder emails read as none", () => {
    for (const email of ["none@none.com", "NOEMAIL@gmail.com", "test@test.com", "no-email@yahoo.com", "xxx@aol.com"]) {
      expect(canonicalEmail(email)).toEqual({ email: "", placeholder: true })
    }
    expect(canonicalEmail("J.Smith+shop@GoogleMail.com")).toEqual({ email: "JSMITH@GMAIL.COM", placeholder: false })
    expect(canonicalEmail("j.smith+shop@outlook.com")).toEqual({ email: "J.SMITH@OUTLOOK.COM", placeholder: false })
  })

  it("phones are compared by subscriber number; placeholder numbers read as none", () => {
    expect(phoneKey("+1 (617) 555-0199 x12")).toBe("6175550199")
    expect(phoneKey("000-000-0000")).toBe("")
    expect(phoneKey("555-01")).toBe("")
  })
})
