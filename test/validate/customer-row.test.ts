import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Customer } from "../../src/domain/customer.ts"
import { Reject } from "../../src/domain/reject.ts"
import { validateCustomerRow } from "../../src/stages/validate/index.ts"
import { at, goodRow, reference, rejectsOf, validate, valueOf } from "./fixtures.ts"

describe("a valid customer row", () => {
  it("is a Customer by the domain schema", () => {
    const customer = valueOf(validate({ birth_month: "12", birth_day: "25", email_opt_in: "y" }))
    expect(Schema.decodeUnknownSync(Customer)(customer)).toEqual(customer)
  })

  it("keeps every text value as given apart from surrounding whitespace", () => {
    const customer = valueOf(
      validate({ first_name: "  ada ", last_name: "\tmcDonald-Lovelace ", city: " new york", email: " Ada@Example.COM " })
    )
    expect(customer).toMatchObject({
      firstName: "ada",
      lastName: "mcDonald-Lovelace",
      city: "new york",
      email: "Ada@Example.COM"
    })
  })

  it("passes a 10,000-character field untruncated, as truncation is MAP-3's", () => {
    const long = "A".repeat(10_000)
    const customer = valueOf(validate({ street: long, last_name: long, company: long, address4: long }))
    expect(customer.street).toHaveLength(10_000)
    expect(customer.lastName).toBe(long)
  })

  it("reads absent optional columns as blank", () => {
    const row = { customer_number: "7", last_name: "Byron", street: "1 A St", city: "London", state: "", postal_code: "", country: "gb", company: "" }
    const customer = valueOf(validateCustomerRow(row, at, reference))
    expect(customer).toMatchObject({ customerNumber: 7, email: "", mailFlag: "N", status: "A", partyType: "I", birthMonth: null })
  })

  it("copies every mapped column to its field", () => {
    const row = Object.fromEntries(Object.entries(goodRow).map(([k, v]) => [k, v === "" ? `v-${k}` : v]))
    const filled = {
      ...row,
      party_type: "I", email: "ada@example.com", day_phone: "2125550100", evening_phone: "2125550101",
      third_phone: "2125550102", birth_month: "3", birth_day: "4", sync_flag: "Y"
    }
    const customer = valueOf(validateCustomerRow(filled, at, reference))
    expect(customer).toMatchObject({
      suffix: "v-suffix", company: "v-company", apartment: "v-apartment", address2: "v-address2",
      address3: "v-address3", address4: "v-address4", deliveryCode: "v-delivery_code",
      customerClass: "v-customer_class", alternateCustomerNumber: "v-alternate_customer_number",
      dayPhoneExt: "v-day_phone_ext", eveningPhone: "2125550101", eveningPhoneExt: "v-evening_phone_ext",
      thirdPhone: "2125550102", thirdPhoneExt: "v-third_phone_ext", relateId: "v-relate_id",
      ecommerceId: "v-ecommerce_id", birthMonth: 3, birthDay: 4, syncFlag: "Y"
    })
  })
})

describe("VAL-1 rejects of a bad row", () => {
  const bad = validate({
    customer_number: "12x",
    last_name: "",
    company: "",
    country: "USA",
    email: "ada@",
    day_phone: "555-01",
    mail_flag: "X",
    birth_month: "2",
    birth_day: "30"
  })

  it("VAL-1 reports every bad field of the row, one reject each", () => {
    expect(rejectsOf(bad).map((r) => [r.field, r.rule])).toEqual([
      ["customer_number", "VAL-3"],
      ["last_name", "VAL-4"],
      ["country", "VAL-5"],
      ["email", "VAL-6"],
      ["day_phone", "VAL-6"],
      ["mail_flag", "VAL-7"],
      ["birth_day", "VAL-7"]
    ])
  })

  it("VAL-1 gives each reject the source file, line and raw customer number", () => {
    for (const reject of rejectsOf(bad)) {
      expect(reject).toMatchObject({ source: "customers.csv", line: 7, customerNumber: "12x" })
      expect(Schema.decodeUnknownSync(Reject)(reject)).toEqual(reject)
    }
  })

  it("VAL-1 keeps the customer number text untrimmed on the reject", () => {
    expect(rejectsOf(validate({ customer_number: " 12 ", email: "no" }))[0]?.customerNumber).toBe(" 12 ")
  })

  it("VAL-1 writes reasons as one sentence without the personal data", () => {
    for (const reject of rejectsOf(bad)) {
      expect(reject.reason).not.toMatch(/\n|ada@|555-01/)
    }
  })
})
