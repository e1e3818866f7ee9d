import { describe, expect, it } from "vitest"
import {
  canonicalColumns,
  missingColumns,
  missingColumnsMessage,
  requiredColumns,
  requiredProfileColumns
} from "../../src/stages/validate/index.ts"

describe("canonical columns", () => {
  it("are the snake_case names of the Customer fields, in field order", () => {
    expect(canonicalColumns).toEqual([
      "customer_number", "party_type", "prefix", "first_name", "middle_initial", "last_name", "suffix",
      "company", "street", "apartment", "address2", "address3", "address4", "city", "state", "postal_code",
      "country", "po_box", "delivery_code", "customer_class", "alternate_customer_number", "email",
      "email_opt_in", "day_phone", "day_phone_ext", "evening_phone", "evening_phone_ext", "third_phone",
      "third_phone_ext", "do_not_fax", "mail_flag", "rent_flag", "birth_month", "birth_day", "relate_id",
      "ecommerce_id", "sync_flag", "status"
    ])
  })

  it("include every required column", () => {
    expect(requiredColumns.filter((column) => !canonicalColumns.includes(column))).toEqual([])
  })
})

describe("VAL-2 required columns", () => {
  it("VAL-2 accepts a header with every canonical column", () => {
    expect(missingColumns(canonicalColumns)).toEqual([])
  })

  it("VAL-2 accepts a header with only the required columns, in any order", () => {
    expect(missingColumns([...requiredColumns].reverse())).toEqual([])
  })

  it("VAL-2 names every missing required column, in required order", () => {
    const header = canonicalColumns.filter((column) => column !== "country" && column !== "last_name")
    expect(missingColumns(header)).toEqual(["last_name", "country"])
  })

  it("VAL-2 refuses an empty header naming all eight required columns", () => {
    expect(missingColumns([])).toEqual([
      "customer_number", "last_name", "company", "street", "city", "state", "postal_code", "country"
    ])
  })

  it("VAL-2 does not accept a column under another spelling, since rows are read by exact name", () => {
    const header = requiredColumns.map((column) => (column === "postal_code" ? "Postal_Code" : column))
    expect(missingColumns(header)).toEqual(["postal_code"])
  })

  it("VAL-2 message names the missing columns", () => {
    expect(missingColumnsMessage(["state", "country"])).toBe("the file is missing required columns: state, country")
    expect(missingColumnsMessage(["city"])).toBe("the file is missing required column: city")
  })

  it("VAL-2 checks a profile file for its three columns", () => {
    expect(missingColumns(["customer_number", "value"], requiredProfileColumns)).toEqual(["profile_description"])
    expect(missingColumns(["customer_number", "profile_description", "value"], requiredProfileColumns)).toEqual([])
  })
})
