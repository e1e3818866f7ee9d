import { readFileSync } from "node:fs"
import { join } from "node:path"
import { Schema } from "effect"

/** data/reference/countries.json as written by data/reference/build.ts. */
export const CountriesFile = Schema.Struct({
  reservedCodeHints: Schema.Record(Schema.String, Schema.String),
  countries: Schema.Array(
    Schema.Struct({
      alpha2: Schema.String,
      alpha3: Schema.String,
      name: Schema.String,
      stateRequired: Schema.Boolean,
      states: Schema.Record(Schema.String, Schema.String),
      truncatedStates: Schema.Record(Schema.String, Schema.Array(Schema.String))
    })
  )
})
export type CountriesFile = typeof CountriesFile.Type

/** data/reference/us-scf.json: 3-digit ZIP prefix -> the state codes it serves. */
export const ScfFile = Schema.Record(Schema.String, Schema.Array(Schema.String))
export type ScfFile = typeof ScfFile.Type

export interface CountryRule {
  readonly alpha2: string
  readonly name: string
  readonly stateRequired: boolean
  /** Upper-case state values accepted for this country: ISO 3166-2 codes and their 2-character cuts. */
  readonly states: ReadonlySet<string>
  /** 3-digit postal prefix -> states it serves; only for countries with an SCF table (US). */
  readonly scf: ReadonlyMap<string, ReadonlyArray<string>> | undefined
}

/** The lookup tables of VAL-5, built once and shared by every row. */
export interface ReferenceData {
  readonly countries: ReadonlyMap<string, CountryRule>
  /** Upper-case codes that are not alpha-2 but point at one: alpha-3 codes and reserved codes like UK. */
  readonly countryHints: ReadonlyMap<string, string>
}

export const referenceDataFrom = (countriesFile: CountriesFile, usScf: ScfFile): ReferenceData => {
  const scf = new Map(Object.entries(usScf))
  const countries = new Map<string, CountryRule>()
  const countryHints = new Map<string, string>(Object.entries(countriesFile.reservedCodeHints))
  for (const country of countriesFile.countries) {
    countries.set(country.alpha2, {
      alpha2: country.alpha2,
      name: country.name,
      stateRequired: country.stateRequired,
      states: new Set([...Object.keys(country.states), ...Object.keys(country.truncatedStates)]),
      scf: country.alpha2 === "US" ? scf : undefined
    })
    countryHints.set(country.alpha3, country.alpha2)
  }
  return { countries, countryHints }
}

const defaultDirectory = join(import.meta.dirname, "..", "..", "..", "data", "reference")

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"))

/** Reads and checks the reference files; call once per run, not per row. */
export const loadReferenceData = (directory: string = defaultDirectory): ReferenceData =>
  referenceDataFrom(
    Schema.decodeUnknownSync(CountriesFile)(readJson(join(directory, "countries.json"))),
    Schema.decodeUnknownSync(ScfFile)(readJson(join(directory, "us-scf.json")))
  )
