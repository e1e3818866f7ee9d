/**
 * Regenerates countries.json and us-scf.json from the npm data packages pinned in package.json
 * (iso-3166, zipcodes). Run from the repository root:
 *
 *   node_modules/.bin/node data/reference/build.ts
 *
 * The JSON files are committed, so the pipeline never needs these packages at run time; the output is
 * sorted and stable, so a rerun with the same package versions leaves git clean.
 */
import { writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { iso31661, iso31662 } from "iso-3166"

const here = import.meta.dirname

/**
 * Countries whose postal addresses are not deliverable without a state or province, so OACS must hold
 * one. Everywhere else (GB, IE, NZ, DE, FR, NL, MX...) OACS commonly leaves state blank and a blank one
 * is accepted.
 */
const stateRequired = new Set(["US", "CA", "AU"])

/**
 * USPS state codes that ISO 3166-2:US lacks: the Armed Forces "states" of APO/FPO/DPO mail and the
 * freely associated states that USPS still serves through ZIP prefix 969.
 */
const uspsOnlyStates: Record<string, string> = {
  AA: "Armed Forces Americas (except Canada)",
  AE: "Armed Forces Europe, Middle East, Africa and Canada",
  AP: "Armed Forces Pacific",
  FM: "Federated States of Micronesia",
  MH: "Marshall Islands",
  PW: "Palau"
}

/**
 * ISO 3166-1 exceptionally reserved codes that people type for a real country; they are not assigned,
 * so they are rejected, but with a hint.
 */
const reservedCodeHints: Record<string, string> = { UK: "GB", EL: "GR", FX: "FR" }

/**
 * USPS assigns all of 09000-09999 to AE; the ZIP list in the zipcodes package has no ZIP in 099, so
 * it is added by hand.
 */
const scfSupplement: Record<string, ReadonlyArray<string>> = { "099": ["AE"] }

const sortedRecord = <V>(entries: Iterable<readonly [string, V]>): Record<string, V> =>
  Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))

const countries = iso31661
  .map((country) => {
    const states = new Map<string, string>()
    for (const sub of iso31662) {
      if (sub.code.slice(0, 3) === `${country.alpha2}-`) states.set(sub.code.slice(3), sub.name)
    }
    if (country.alpha2 === "US") for (const [code, name] of Object.entries(uspsOnlyStates)) states.set(code, name)
    // OACS keeps 2 characters of state, so a longer ISO code arrives cut to 2 (NSW -> NS); the cut
    // form is as valid as the full one. Several codes may share a cut form (MX BCN, BCS -> BC).
    const truncated = new Map<string, Array<string>>()
    for (const code of states.keys()) {
      if (code.length <= 2) continue
      const cut = code.slice(0, 2)
      if (states.has(cut)) continue
      const codes = truncated.get(cut) ?? []
      codes.push(code)
      truncated.set(cut, codes)
    }
    return {
      alpha2: country.alpha2,
      alpha3: country.alpha3,
      name: country.name,
      stateRequired: stateRequired.has(country.alpha2),
      states: sortedRecord(states),
      truncatedStates: sortedRecord([...truncated].map(([cut, codes]) => [cut, codes.sort()] as const))
    }
  })
  .sort((a, b) => (a.alpha2 < b.alpha2 ? -1 : 1))

const require = createRequire(import.meta.url)
const zipcodes = require("zipcodes/lib/codes.js") as {
  codes: Record<string, { zip: string; state: string; country: string }>
}
const scf = new Map<string, Set<string>>()
for (const { zip, state, country } of Object.values(zipcodes.codes)) {
  if (country !== "US" || !/^\d{5}$/.test(zip)) continue
  const prefix = zip.slice(0, 3)
  const states = scf.get(prefix) ?? new Set<string>()
  states.add(state)
  scf.set(prefix, states)
}
for (const [prefix, states] of Object.entries(scfSupplement)) {
  scf.set(prefix, new Set([...(scf.get(prefix) ?? []), ...states]))
}

const usStates = new Set(Object.keys(countries.find((c) => c.alpha2 === "US")?.states ?? {}))
for (const [prefix, states] of scf) {
  for (const state of states) {
    if (!usStates.has(state)) throw new Error(`SCF ${prefix} names ${state}, which is not a US state code`)
  }
}

const write = (file: string, value: unknown) =>
  writeFileSync(join(here, file), `${JSON.stringify(value, null, 1)}\n`)

write("countries.json", { reservedCodeHints: sortedRecord(Object.entries(reservedCodeHints)), countries })
// One prefix a line, in prefix order; JSON.stringify would hoist keys like "100" above "005".
const scfLines = [...scf]
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([prefix, states]) => ` ${JSON.stringify(prefix)}: ${JSON.stringify([...states].sort())}`)
writeFileSync(join(here, "us-scf.json"), `{\n${scfLines.join(",\n")}\n}\n`)

console.log(`countries.json: ${countries.length} countries; us-scf.json: ${scf.size} ZIP prefixes`)
