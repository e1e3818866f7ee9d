import { describe, expect, it } from "vitest"
import type { Customer } from "../../src/domain/customer.ts"
import { defaultComparisons } from "../../src/stages/dedupe/comparisons.ts"
import { normalise } from "../../src/stages/dedupe/normalise.ts"
import { jaroWinkler } from "../../src/stages/dedupe/string-metrics.ts"
import { person } from "./fixtures.ts"

const comparisons = defaultComparisons()
/** The level label two customers get on the named comparison. */
const level = (name: string, a: Partial<Customer>, b: Partial<Customer>): string => {
  const comparison = comparisons.find((candidate) => candidate.name === name)!
  return comparison.levels[comparison.compare(normalise(person(1, a), 0), normalise(person(2, b), 1))]!
}

const home = { street: "12 Coghill Close", city: "Blacktown", postalCode: "5253", state: "NSW" }

describe("comparison levels (DUP-2)", () => {
  it("DUP-2 takes a letter dropped mid-word for the typo it is, where Jaro-Winkler alone falls short (ARCADIA/ARCDIA 0.908)", () => {
    expect(jaroWinkler("ARCADIA", "ARCDIA")).toBeCloseTo(0.908, 3)
    expect(level("address line 2", { address2: "Arcadia" }, { address2: "Arcdia" })).toBe("similar")
    expect(level("address", { ...home, street: "12 Vaughan Garden" }, { ...home, street: "12 Vaughn Garden" })).toBe("same address")
    expect(level("address line 2", { address2: "Arcadia" }, { address2: "Acacia" })).toBe("different")
  })

  it("DUP-2 gives a first name one edit away its own level, apart from the Jaro-Winkler bands", () => {
    expect(level("first name", { firstName: "Nathan" }, { firstName: "Nathab" })).toBe("similar")
    expect(level("first name", { firstName: "Jon" }, { firstName: "Jan" })).toBe("one edit")
    expect(level("last name", { lastName: "Stubbs" }, { lastName: "Stubs" })).toBe("similar")
  })

  it("DUP-2 weighs the house number only inside the address: same house, a neighbour, a typo of the number, or no number", () => {
    expect(level("address", home, home)).toBe("same address")
    expect(level("address", home, { ...home, street: "14 Coghill Close" })).toBe("same street, house number one edit")
    expect(level("address", home, { ...home, street: "256 Coghill Close" })).toBe("same street, other house number")
    expect(level("address", home, { ...home, street: "Coghill Close" })).toBe("same street, a house number missing")
    expect(level("address", home, { ...home, street: "3 Other Street" })).toBe("same postal code or city")
    expect(comparisons.map((comparison) => comparison.name)).not.toContain("street number")
  })

  it("DUP-2 reads a birth date known only in part as agreeing when the part both know agrees", () => {
    expect(level("birth date", { birthMonth: 11, birthDay: 14 }, { birthMonth: 11, birthDay: null })).toBe("known part agrees")
    expect(level("birth date", { birthMonth: 11, birthDay: 14 }, { birthMonth: 11, birthDay: 20 })).toBe("month or day")
    expect(level("birth date", { birthMonth: 11, birthDay: 14 }, { birthMonth: 3, birthDay: null })).toBe("different")
    expect(level("birth date", { birthMonth: 11, birthDay: 4 }, { birthMonth: 4, birthDay: 11 })).toBe("month and day swapped")
  })

  it("DUP-2 notices a lone name given in the other name field", () => {
    expect(level("first name", { lastName: "Szklarz" }, { firstName: "Szklarz" })).toBe("a name in the other field")
    expect(level("first name", { firstName: "Snell", lastName: "Sophie" }, { firstName: "Sophie", lastName: "Snell" })).toBe("first and last name swapped")
    expect(level("first name", { lastName: "Szklarz" }, { firstName: "Molly" })).toBe("missing")
  })
})
