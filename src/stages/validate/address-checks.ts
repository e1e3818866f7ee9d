import type { ReferenceData } from "./reference-data.ts"
import { shown, type FieldProblem } from "./row.ts"

const usZip = /^\d{5}(?:-?\d{4})?$/

/**
 * VAL-5: country, then state for that country, then postal code against the country's SCF table.
 * A later check runs only when the earlier ones passed, so each problem is reported once, on the
 * field that is actually wrong. `country` and `state` are upper-case; `postalCode` is trimmed.
 */
export const addressProblems = (
  country: string,
  state: string,
  postalCode: string,
  reference: ReferenceData
): Array<FieldProblem> | undefined => {
  const rule = reference.countries.get(country)
  if (rule === undefined) return [{ field: "country", rule: "VAL-5", reason: countryReason(country, reference) }]

  if (state === "") {
    if (rule.stateRequired) {
      return [{ field: "state", rule: "VAL-5", reason: `state is required for country ${country}` }]
    }
  } else if (!rule.states.has(state)) {
    return [{ field: "state", rule: "VAL-5", reason: `state ${shown(state)} is not a state of country ${country}` }]
  }

  if (rule.scf === undefined) return undefined
  if (postalCode === "") {
    return [{ field: "postal_code", rule: "VAL-5", reason: `postal code is required for country ${country}` }]
  }
  if (!usZip.test(postalCode)) {
    return [{ field: "postal_code", rule: "VAL-5", reason: "postal code is not a ZIP code (5 digits or ZIP+4)" }]
  }
  const prefix = postalCode.slice(0, 3)
  const states = rule.scf.get(prefix)
  if (states === undefined) {
    return [{ field: "postal_code", rule: "VAL-5", reason: `ZIP prefix ${prefix} is not an assigned SCF` }]
  }
  if (!states.includes(state)) {
    return [{
      field: "postal_code",
      rule: "VAL-5",
      reason: `ZIP prefix ${prefix} is an SCF of ${states.join(" or ")}, not of state ${state}`
    }]
  }
  return undefined
}

const countryReason = (country: string, reference: ReferenceData): string => {
  if (country === "") return "country is required"
  const hint = reference.countryHints.get(country)
  if (hint !== undefined) {
    return country.length === 3
      ? `country ${country} is not a 2-letter ISO code; use ${hint}`
      : `country ${country} is not an assigned ISO code; use ${hint}`
  }
  return country.length === 2
    ? `country ${country} is not in the country table`
    : `country ${shown(country)} is not a 2-letter ISO code`
}
