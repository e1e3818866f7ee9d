import { describe, expect, it } from "vitest"
import { onlyReject, rejectsOf, validate, valueOf } from "./fixtures.ts"

const address = (country: string, state: string, postal_code = "") => validate({ country, state, postal_code })

describe("VAL-5 country", () => {
  it("VAL-5 accepts a lowercase code and stores it upper-cased", () => {
    expect(valueOf(validate({ country: "us" })).country).toBe("US")
  })

  it("VAL-5 rejects USA with the hint US", () => {
    expect(onlyReject(validate({ country: "USA" }))).toMatchObject({
      field: "country",
      rule: "VAL-5",
      reason: "country USA is not a 2-letter ISO code; use US"
    })
  })

  it("VAL-5 gives any alpha-3 code the hint of its alpha-2, whatever its case", () => {
    expect(onlyReject(address("gbr", "")).reason).toBe("country GBR is not a 2-letter ISO code; use GB")
    expect(onlyReject(address("DEU", "")).reason).toBe("country DEU is not a 2-letter ISO code; use DE")
  })

  it("VAL-5 rejects the reserved code UK with the hint GB", () => {
    expect(onlyReject(address("UK", "")).reason).toBe("country UK is not an assigned ISO code; use GB")
  })

  it("VAL-5 rejects a 2-letter code missing from the country table", () => {
    expect(onlyReject(address("XX", "")).reason).toBe("country XX is not in the country table")
  })

  it("VAL-5 rejects a country name, cutting a long value in the reason", () => {
    expect(onlyReject(address("United States", "NY", "10001")).reason).toBe(
      "country UNITED STATES is not a 2-letter ISO code"
    )
    expect(onlyReject(address("X".repeat(500), "")).reason.length).toBeLessThan(80)
  })

  it("VAL-5 rejects a blank country", () => {
    expect(onlyReject(address(" ", ""))).toMatchObject({ field: "country", reason: "country is required" })
  })

  it.each([
    ["US", "NY", "10001"],
    ["CA", "ON", "M5V 2T6"],
    ["GB", "", "SW1A 1AA"],
    ["AU", "WA", "6000"],
    ["DE", "BE", "10115"],
    ["FR", "", "75001"],
    ["NL", "", "1012 AB"],
    ["IE", "", "D02 X285"],
    ["NZ", "", "6011"],
    ["MX", "", "06600"]
  ])("VAL-5 accepts country %s", (country, state, postalCode) => {
    expect(valueOf(address(country.toLowerCase(), state, postalCode)).country).toBe(country)
  })
})

describe("VAL-5 state", () => {
  it("VAL-5 accepts a lowercase state and stores it upper-cased", () => {
    expect(valueOf(address("US", "ny", "10001")).state).toBe("NY")
  })

  it("VAL-5 rejects a state of another country", () => {
    expect(onlyReject(address("US", "ON", "10001"))).toMatchObject({
      field: "state",
      rule: "VAL-5",
      reason: "state ON is not a state of country US"
    })
    expect(valueOf(address("CA", "ON", "K1A 0B1")).state).toBe("ON")
  })

  it("VAL-5 requires a state for US, CA and AU", () => {
    for (const country of ["US", "CA", "AU"]) {
      expect(onlyReject(address(country, "", "10001"))).toMatchObject({
        field: "state",
        reason: `state is required for country ${country}`
      })
    }
  })

  it("VAL-5 accepts a blank state where OACS commonly leaves it blank", () => {
    for (const country of ["GB", "IE", "NZ", "DE", "FR", "NL", "MX"]) {
      expect(valueOf(address(country, "")).state).toBe("")
    }
  })

  it("VAL-5 rejects a non-blank state that is not valid for a blank-state country", () => {
    expect(onlyReject(address("GB", "QQ")).reason).toBe("state QQ is not a state of country GB")
    expect(onlyReject(address("IE", "XX")).field).toBe("state")
  })

  it("VAL-5 accepts the ISO 3166-2 code and its OACS 2-character cut for AU", () => {
    expect(valueOf(address("AU", "NSW")).state).toBe("NSW")
    expect(valueOf(address("AU", "ns")).state).toBe("NS")
    expect(valueOf(address("AU", "VI")).state).toBe("VI")
    expect(onlyReject(address("AU", "NX")).field).toBe("state")
  })

  it("VAL-5 accepts 2-character ISO 3166-2 codes of DE, NL, IE, CA", () => {
    expect(valueOf(address("DE", "BY")).state).toBe("BY")
    expect(valueOf(address("NL", "zh")).state).toBe("ZH")
    expect(valueOf(address("IE", "D")).state).toBe("D")
    expect(valueOf(address("IE", "CE")).state).toBe("CE")
    expect(valueOf(address("CA", "QC", "H2X 1Y4")).state).toBe("QC")
  })

  it("VAL-5 accepts French departments, including Corsica and the cut of an overseas one", () => {
    expect(valueOf(address("FR", "75")).state).toBe("75")
    expect(valueOf(address("FR", "2A")).state).toBe("2A")
    expect(valueOf(address("FR", "97")).state).toBe("97")
    expect(onlyReject(address("FR", "00")).field).toBe("state")
  })

  it("VAL-5 accepts Mexican states as ISO codes or their 2-character cuts", () => {
    expect(valueOf(address("MX", "JAL")).state).toBe("JAL")
    expect(valueOf(address("MX", "BC")).state).toBe("BC")
    expect(onlyReject(address("MX", "ZZ")).field).toBe("state")
  })

  it("VAL-5 accepts the USPS military and territory codes", () => {
    expect(valueOf(address("US", "AE", "09012")).state).toBe("AE")
    expect(valueOf(address("US", "AP", "96201")).state).toBe("AP")
    expect(valueOf(address("US", "AA", "34001")).state).toBe("AA")
    expect(valueOf(address("US", "DC", "20001")).state).toBe("DC")
    expect(valueOf(address("US", "PR", "00901")).state).toBe("PR")
    expect(valueOf(address("US", "VI", "00802")).state).toBe("VI")
    expect(valueOf(address("US", "GU", "96910")).state).toBe("GU")
  })

  it("VAL-5 does not check the state of a country it rejected", () => {
    expect(onlyReject(address("USA", "ZZ", "1")).field).toBe("country")
  })
})

describe("VAL-5 postal code", () => {
  it("VAL-5 accepts a ZIP whose prefix is an SCF of the state", () => {
    expect(valueOf(address("US", "NY", "10001")).postalCode).toBe("10001")
  })

  it("VAL-5 accepts ZIP+4 with and without the hyphen, stored as given", () => {
    expect(valueOf(address("US", "NY", "10001-1234")).postalCode).toBe("10001-1234")
    expect(valueOf(address("US", "NY", "100011234")).postalCode).toBe("100011234")
  })

  it("VAL-5 rejects a ZIP whose prefix is not an SCF of the state", () => {
    expect(onlyReject(address("US", "CA", "10001"))).toMatchObject({
      field: "postal_code",
      rule: "VAL-5",
      reason: "ZIP prefix 100 is an SCF of NY, not of state CA"
    })
  })

  it("VAL-5 accepts a prefix shared by several states for each of them", () => {
    expect(valueOf(address("US", "MD", "20588")).state).toBe("MD")
    expect(valueOf(address("US", "DC", "20500")).state).toBe("DC")
    expect(onlyReject(address("US", "NY", "20500")).reason).toBe("ZIP prefix 205 is an SCF of DC or MD or VA, not of state NY")
  })

  it("VAL-5 rejects a ZIP with an unassigned prefix", () => {
    expect(onlyReject(address("US", "NY", "00100")).reason).toBe("ZIP prefix 001 is not an assigned SCF")
  })

  it("VAL-5 rejects a ZIP that is not 5 digits or ZIP+4", () => {
    for (const zip of ["1000", "100011", "10001-12", "ABCDE", "10001 1234"]) {
      expect(onlyReject(address("US", "NY", zip))).toMatchObject({
        field: "postal_code",
        reason: "postal code is not a ZIP code (5 digits or ZIP+4)"
      })
    }
  })

  it("VAL-5 requires a US postal code", () => {
    expect(onlyReject(address("US", "NY", "")).reason).toBe("postal code is required for country US")
  })

  it("VAL-5 does not check the ZIP of a row whose state is wrong", () => {
    expect(onlyReject(address("US", "XX", "99999")).field).toBe("state")
  })

  it("VAL-5 checks no postal code outside the US, where there is no SCF table", () => {
    expect(valueOf(address("GB", "", "SW1A 1AA")).postalCode).toBe("SW1A 1AA")
    expect(valueOf(address("IE", "", "")).postalCode).toBe("")
  })

  it("VAL-5 reports one problem per bad field when the rest of the row is bad too", () => {
    const fields = rejectsOf(validate({ state: "CA", postal_code: "10001", email: "x" })).map((r) => r.field)
    expect(fields).toEqual(["postal_code", "email"])
  })
})
