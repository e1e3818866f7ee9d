import { describe, expect, it } from "vitest"
import { matchcodeOf } from "../../src/stages/orders/matchcode.ts"
import { parseOrderLine } from "../../src/stages/orders/order-message.ts"

describe("an order message line", () => {
  it("ORD reads the customer block: trimmed, flags upper-cased, the customer number as a number", () => {
    const parsed = parseOrderLine("orders.ndjson", 3, JSON.stringify({
      customer_number: " 00123 ",
      orce_customer_id: "0001",
      email: "Ann@Example.com",
      last_name: "Abbott ",
      relate_cust_sync_success: "y",
      sold_to_address_update: "N"
    }))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.message).toMatchObject({
      line: 3,
      customerNumber: 123,
      orceCustomerId: "0001",
      email: "Ann@Example.com",
      lastName: "Abbott",
      syncSuccess: "Y",
      addressUpdate: "N"
    })
  })

  it("ORD a message without its flags is rejected, naming the line, each field and the reason", () => {
    const parsed = parseOrderLine("orders.ndjson", 7, JSON.stringify({ customer_number: 5 }))
    expect(parsed).toEqual({
      ok: false,
      rejects: [
        { source: "orders.ndjson", line: 7, customerNumber: "5", field: "relate_cust_sync_success", rule: "ORD", reason: "relate_cust_sync_success must be Y or N, not \"\"" },
        { source: "orders.ndjson", line: 7, customerNumber: "5", field: "sold_to_address_update", rule: "ORD", reason: "sold_to_address_update must be Y or N, not \"\"" }
      ]
    })
  })

  it("ORD a line that is not a JSON object of text fields is one reject", () => {
    for (const text of ["{", "[1,2]", JSON.stringify({ email: 7, relate_cust_sync_success: "N", sold_to_address_update: "N" })]) {
      const parsed = parseOrderLine("o.ndjson", 2, text)
      expect(parsed.ok).toBe(false)
      if (!parsed.ok) expect(parsed.rejects.map((reject) => reject.field)).toEqual(["message"])
    }
  })
})

describe("the OACS matchcode (ORD-3)", () => {
  const customer = { postalCode: "98101", lastName: "GOLD", company: "", street: "7 GLEN ST" }

  it("ORD-3 is the postal code, the last name and the street: formatting, ZIP+4 and the rest of the street name do not split a customer", () => {
    expect(matchcodeOf(customer)).toBe("98101GOLD7GLE")
    expect(matchcodeOf({ ...customer, postalCode: "98101-1234", lastName: "Gold", street: "7 Glen Street" })).toBe(matchcodeOf(customer))
  })

  it("ORD-3 another house, street, name or postal code is another customer; the company stands in for a missing last name", () => {
    for (const other of [{ street: "8 GLEN ST" }, { street: "7 HILL ST" }, { lastName: "GOLDBERG" }, { postalCode: "98102" }]) {
      expect(matchcodeOf({ ...customer, ...other })).not.toBe(matchcodeOf(customer))
    }
    expect(matchcodeOf({ ...customer, lastName: "", company: "GOLD INC" })).toBe("98101GOLDI7GLE")
  })
})
