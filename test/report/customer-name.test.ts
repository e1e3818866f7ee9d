import { describe, expect, it } from "vitest"
import { customerName } from "../../src/domain/customer-name.ts"
import { person } from "../dedupe/fixtures.ts"

describe("customer name", () => {
  it("names an individual by full name, else the company; an organization by its company, else its contact", () => {
    const named = { prefix: "DR", firstName: "ADA", middleInitial: "B", lastName: "LOVELACE", suffix: "JR", company: "ACME" }
    expect(customerName(person(1, { ...named, partyType: "I" }))).toBe("DR ADA B LOVELACE JR")
    expect(customerName(person(2, { ...named, partyType: "O" }))).toBe("ACME")
    expect(customerName(person(3, { ...named, partyType: "O", company: "" }))).toBe("DR ADA B LOVELACE JR")
    expect(customerName(person(4, { partyType: "I", company: "ACME" }))).toBe("ACME")
    expect(customerName(undefined)).toBe("")
  })
})
