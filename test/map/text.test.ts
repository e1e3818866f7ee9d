import { describe, expect, it } from "vitest"
import type { Truncation } from "../../src/domain/truncation.ts"
import { toOrceBirthDate } from "../../src/stages/map/birth-date.ts"
import { phoneDigits } from "../../src/stages/map/phones.ts"
import { oacsText, truncateCodePoints } from "../../src/stages/map/text.ts"

describe("text normalization", () => {
  it("MAP-3 cuts by code points and leaves a lone surrogate pair whole", () => {
    expect(truncateCodePoints("a😀b", 2)).toBe("a😀")
    expect(truncateCodePoints("😀😀😀", 2)).toBe("😀😀")
    // Two code points in four UTF-16 units fit a length of 2 untouched.
    expect(truncateCodePoints("😀😀", 2)).toBe("😀😀")
    expect(truncateCodePoints("\ud800abc", 2)).toBe("\ud800a")
  })

  it("MAP-1 MAP-2 MAP-3 normalize in the order trim, upper-case, cut, trim", () => {
    const truncations: Array<Truncation> = []
    const text = oacsText("1", "R", truncations)
    expect(text("city", "  new york  ")).toBe("  NEW YORK")
    expect(text("state", "n y")).toBe("N")
    expect(truncations).toEqual([{ customerNumber: "1", relateId: "R", field: "state", before: "n y", after: "N" }])
  })
})

describe("phone digits", () => {
  it("MAP-7 strips formatting and a written extension", () => {
    expect(phoneDigits("(617) 555-0100")).toBe("6175550100")
    expect(phoneDigits("617 555 0100 X 12")).toBe("6175550100")
    expect(phoneDigits("617-555-0100 extension 12")).toBe("6175550100")
    expect(phoneDigits("6175550100#")).toBe("6175550100")
    expect(phoneDigits("---")).toBe("")
  })
})

describe("birth date", () => {
  it("MAP-11 pads month and day and rejects impossible ones", () => {
    expect(toOrceBirthDate(1, 2, undefined)).toBe("1900-01-02")
    expect(toOrceBirthDate(13, 2, undefined)).toBeUndefined()
    expect(toOrceBirthDate(2, 32, undefined)).toBeUndefined()
  })

  it("MAP-11 sends Feb 29 with year 1900 as OACS holds it", () => {
    expect(toOrceBirthDate(2, 29, undefined)).toBe("1900-02-29")
  })
})
