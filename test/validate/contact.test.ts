import { describe, expect, it } from "vitest"
import { onlyReject, rejectsOf, validate, valueOf } from "./fixtures.ts"

describe("VAL-6 email", () => {
  it.each([
    "ada@example.com",
    "Ada.Lovelace+orders@mail.example.co.uk",
    "o'brien@example.ie",
    "jörg@müller.de",
    "user@xn--mller-kva.de"
  ])("VAL-6 accepts %s and keeps its case", (email) => {
    expect(valueOf(validate({ email })).email).toBe(email)
  })

  it("VAL-6 accepts a blank email", () => {
    expect(valueOf(validate({ email: "  " })).email).toBe("")
  })

  it.each([
    "plainaddress",
    "ada@",
    "@example.com",
    "ada@example",
    "ada@@example.com",
    "ada@exa mple.com",
    "ada lovelace@example.com",
    "ada..lovelace@example.com",
    ".ada@example.com",
    "ada.@example.com",
    "ada@-example.com",
    "ada@example-.com",
    "ada@example.c",
    "ada@example..com",
    "\"ada\"@example.com",
    `${"a".repeat(65)}@example.com`,
    `ada@${"b".repeat(250)}.com`
  ])("VAL-6 rejects %s without repeating it", (email) => {
    const reject = onlyReject(validate({ email }))
    expect(reject).toMatchObject({ field: "email", rule: "VAL-6", reason: "email is not a valid address" })
  })

  it("VAL-6 rejects a 10,000-character email quickly", () => {
    const started = performance.now()
    expect(onlyReject(validate({ email: `${"a.".repeat(5000)}@example.com` })).field).toBe("email")
    expect(performance.now() - started).toBeLessThan(50)
  })
})

describe("VAL-6 phones", () => {
  it.each([
    "(212) 555-0100",
    "212.555.0100",
    "+1 212 555 0100",
    "+44 20 7946 0958",
    "2125550100",
    "030/1234567",
    "5550100",
    "123456789012345"
  ])("VAL-6 accepts formatted phone %s and stores it as given", (phone) => {
    expect(valueOf(validate({ day_phone: ` ${phone} ` })).dayPhone).toBe(phone)
  })

  it.each(["212-555-0100 x123", "212 555 0100 ext. 12", "212-555-0100 Ext 4", "(212) 555-0100 #77", "2125550100x1"])(
    "VAL-6 drops the extension of %s before counting",
    (phone) => {
      expect(valueOf(validate({ day_phone: phone })).dayPhone).toBe(phone)
    }
  )

  it("VAL-6 does not count extension digits toward the 7", () => {
    expect(onlyReject(validate({ day_phone: "555-01 x123456" })).reason).toBe(
      "day phone has 5 digits; 7 to 15 are required"
    )
  })

  it("VAL-6 rejects too few digits without repeating the number", () => {
    const reject = onlyReject(validate({ day_phone: "555-01" }))
    expect(reject).toMatchObject({
      field: "day_phone",
      rule: "VAL-6",
      reason: "day phone has 5 digits; 7 to 15 are required"
    })
    expect(reject.reason).not.toContain("555")
  })

  it("VAL-6 rejects 16 digits", () => {
    expect(onlyReject(validate({ evening_phone: "+1 234 567 890 123 456" }))).toMatchObject({
      field: "evening_phone",
      reason: "evening phone has 16 digits; 7 to 15 are required"
    })
  })

  it("VAL-6 rejects letters in a phone", () => {
    expect(onlyReject(validate({ third_phone: "1-800-FLOWERS" }))).toMatchObject({
      field: "third_phone",
      reason: "third phone has characters other than digits and formatting"
    })
  })

  it("VAL-6 rejects a plus that is not leading", () => {
    expect(onlyReject(validate({ day_phone: "212+5550100" })).field).toBe("day_phone")
  })

  it("VAL-6 rejects a phone of formatting only", () => {
    expect(onlyReject(validate({ day_phone: "( ) -" })).reason).toBe("day phone has no digits; 7 to 15 are required")
  })

  it("VAL-6 accepts blank phones", () => {
    expect(valueOf(validate({ day_phone: "", evening_phone: " ", third_phone: "" })).dayPhone).toBe("")
  })

  it("VAL-6 reports each bad phone on its own field", () => {
    const rejects = rejectsOf(validate({ day_phone: "1", evening_phone: "12", third_phone: "123" }))
    expect(rejects.map((r) => [r.field, r.rule])).toEqual([
      ["day_phone", "VAL-6"],
      ["evening_phone", "VAL-6"],
      ["third_phone", "VAL-6"]
    ])
  })
})
