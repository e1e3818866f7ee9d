import { describe, expect, it } from "vitest"
import { validateCustomerRow } from "../../src/stages/validate/index.ts"
import { at, goodRow, onlyReject, reference, validate, valueOf } from "./fixtures.ts"

describe("VAL-3 customer number", () => {
  it("VAL-3 accepts a 9-digit number", () => {
    expect(valueOf(validate({ customer_number: "999999999" })).customerNumber).toBe(999_999_999)
  })

  it("VAL-3 rejects a blank number", () => {
    expect(onlyReject(validate({ customer_number: "  " }))).toMatchObject({
      field: "customer_number",
      rule: "VAL-3",
      reason: "customer number is required"
    })
  })

  it("VAL-3 rejects a number with letters, keeping the raw text on the reject", () => {
    expect(onlyReject(validate({ customer_number: "12A4" }))).toMatchObject({
      field: "customer_number",
      rule: "VAL-3",
      reason: "customer number is not numeric",
      customerNumber: "12A4"
    })
  })

  it("VAL-3 rejects a signed or decimal number", () => {
    expect(onlyReject(validate({ customer_number: "-5" })).rule).toBe("VAL-3")
    expect(onlyReject(validate({ customer_number: "5.0" })).rule).toBe("VAL-3")
  })

  it("VAL-3 rejects 10 digits", () => {
    expect(onlyReject(validate({ customer_number: "1234567890" }))).toMatchObject({
      field: "customer_number",
      reason: "customer number has 10 digits; at most 9 are allowed"
    })
  })

  it("VAL-3 treats leading zeros as padding", () => {
    expect(valueOf(validate({ customer_number: "0000000123" })).customerNumber).toBe(123)
  })

  it("VAL-3 rejects zero", () => {
    expect(onlyReject(validate({ customer_number: "000" })).reason).toBe("customer number must be greater than 0")
  })

  it("VAL-3 trims surrounding whitespace", () => {
    expect(valueOf(validate({ customer_number: " 42 " })).customerNumber).toBe(42)
  })
})

describe("VAL-4 last name or company", () => {
  it("VAL-4 rejects a row with neither", () => {
    expect(onlyReject(validate({ last_name: " ", company: "" }))).toMatchObject({
      field: "last_name",
      rule: "VAL-4",
      reason: "last name or company is required; both are blank"
    })
  })

  it("VAL-4 rejects a row whose name columns are absent", () => {
    const { last_name: _lastName, company: _company, ...row } = goodRow
    expect(onlyReject(validateCustomerRow(row, at, reference)).rule).toBe("VAL-4")
  })

  it("VAL-4 accepts a company alone, as an organization", () => {
    const customer = valueOf(validate({ last_name: "", company: "Acme" }))
    expect(customer).toMatchObject({ company: "Acme", lastName: "", partyType: "O" })
  })

  it("VAL-4 accepts a last name alone, as an individual", () => {
    expect(valueOf(validate({ last_name: "Lovelace", company: "" })).partyType).toBe("I")
  })
})
