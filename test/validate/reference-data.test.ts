import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { Schema } from "effect"
import { CountriesFile, referenceDataFrom, validateCustomerRow } from "../../src/stages/validate/index.ts"
import { at, goodRow, reference } from "./fixtures.ts"

const countriesFile = Schema.decodeUnknownSync(CountriesFile)(
  JSON.parse(readFileSync(new URL("../../data/reference/countries.json", import.meta.url), "utf8"))
)

describe("reference data", () => {
  it("holds every ISO 3166-1 country", () => {
    expect(reference.countries.size).toBe(249)
    for (const code of ["US", "CA", "GB", "AU", "DE", "FR", "NL", "IE", "NZ", "MX", "JP", "BR", "ZA", "AQ"]) {
      expect(reference.countries.has(code), code).toBe(true)
    }
  })

  it("holds the subdivisions of the ten main countries", () => {
    const counts = Object.fromEntries(
      ["US", "CA", "AU", "DE", "NL", "IE", "NZ", "MX"].map((c) => [
        c,
        Object.keys(countriesFile.countries.find((x) => x.alpha2 === c)?.states ?? {}).length
      ])
    )
    expect(counts).toEqual({ US: 63, CA: 13, AU: 8, DE: 16, NL: 18, IE: 30, NZ: 17, MX: 32 })
    expect(reference.countries.get("GB")?.states.has("ENG")).toBe(true)
    expect(reference.countries.get("FR")?.states.has("13")).toBe(true)
  })

  it("maps alpha-3 codes to alpha-2", () => {
    expect(reference.countryHints.get("USA")).toBe("US")
    expect(reference.countryHints.get("NZL")).toBe("NZ")
  })

  it("has the SCFs of DC, PR, the military states and the territories", () => {
    const scf = reference.countries.get("US")?.scf
    const statesOf = (prefix: string) => scf?.get(prefix)
    expect(statesOf("200")).toEqual(["DC"])
    expect(statesOf("009")).toEqual(["PR"])
    expect(statesOf("340")).toEqual(["AA"])
    expect(statesOf("090")).toEqual(["AE"])
    expect(statesOf("099")).toEqual(["AE"])
    expect(statesOf("962")).toEqual(["AP"])
    expect(statesOf("008")).toEqual(["VI"])
    expect(statesOf("969")).toEqual(["FM", "GU", "MH", "MP", "PW"])
    expect(statesOf("967")).toEqual(["AS", "HI"])
    expect(statesOf("000")).toBeUndefined()
  })

  it("gives every US state and DC at least one SCF", () => {
    const served = new Set([...(reference.countries.get("US")?.scf?.values() ?? [])].flat())
    const states = countriesFile.countries.find((c) => c.alpha2 === "US")?.states ?? {}
    const unserved = Object.keys(states).filter((s) => !served.has(s))
    expect(unserved).toEqual(["UM"])
  })

  it("VAL-5 validates against whatever tables it is given", () => {
    const tiny = referenceDataFrom(
      {
        reservedCodeHints: {},
        countries: [{ alpha2: "US", alpha3: "USA", name: "US", stateRequired: true, states: { NY: "New York" }, truncatedStates: {} }]
      },
      { "123": ["NY"] }
    )
    expect(validateCustomerRow({ ...goodRow, postal_code: "12345" }, at, tiny).ok).toBe(true)
    expect(validateCustomerRow({ ...goodRow, postal_code: "10001" }, at, tiny).ok).toBe(false)
  })
})
