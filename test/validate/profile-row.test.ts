import { describe, expect, it } from "vitest"
import { validateProfileRow } from "../../src/stages/validate/index.ts"
import { at, onlyReject, rejectsOf, valueOf } from "./fixtures.ts"

describe("profile rows", () => {
  it("turn into ProfileData with trimmed text", () => {
    expect(valueOf(validateProfileRow({ customer_number: " 0042", profile_description: " Hobby ", value: "Golf" }, at)))
      .toEqual({ customerNumber: 42, profileDescription: "Hobby", value: "Golf" })
  })

  it("VAL-3 rejects a profile row with a bad customer number", () => {
    expect(onlyReject(validateProfileRow({ customer_number: "ABC", profile_description: "Hobby", value: "Golf" }, at)))
      .toMatchObject({ field: "customer_number", rule: "VAL-3", customerNumber: "ABC", line: 7 })
  })

  it("VAL-1 rejects a profile row without description or value, one reject each", () => {
    expect(rejectsOf(validateProfileRow({ customer_number: "1", profile_description: " ", value: "" }, at)).map((r) => r.field))
      .toEqual(["profile_description", "value"])
  })
})
