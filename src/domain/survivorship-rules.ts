import { Schema } from "effect"
import type { Customer } from "./customer.ts"

/**
 * Fields that belong together and are only ever taken whole: an address is never the street of one member
 * and the postal code of another. Fields in no group (customer number, party type, Relate ID, flags) are
 * the survivor's.
 */
export const fieldGroups = {
  name: ["prefix", "firstName", "middleInitial", "lastName", "suffix"],
  company: ["company"],
  address: ["street", "apartment", "address2", "address3", "address4", "city", "state", "postalCode", "country", "poBox", "deliveryCode"],
  email: ["email", "emailOptIn"],
  dayPhone: ["dayPhone", "dayPhoneExt"],
  eveningPhone: ["eveningPhone", "eveningPhoneExt"],
  thirdPhone: ["thirdPhone", "thirdPhoneExt"],
  birthDate: ["birthMonth", "birthDay"]
} as const satisfies Record<string, ReadonlyArray<keyof Customer>>
export type FieldGroup = keyof typeof fieldGroups

export const SurvivorshipRule = Schema.Literals([
  /** The survivor's value, even when blank. */
  "survivor",
  /** The survivor's when it has one, else the next member's in survivor order. */
  "firstNonBlank",
  /** The most recently registered member's (highest customer number) that has one. */
  "mostRecentNonBlank",
  /** The member whose group has the most fields filled in; ties go to survivor order. */
  "mostComplete"
])
export type SurvivorshipRule = typeof SurvivorshipRule.Type

export const SurvivorshipRules = Schema.Struct({
  name: SurvivorshipRule,
  company: SurvivorshipRule,
  address: SurvivorshipRule,
  email: SurvivorshipRule,
  dayPhone: SurvivorshipRule,
  eveningPhone: SurvivorshipRule,
  thirdPhone: SurvivorshipRule,
  birthDate: SurvivorshipRule
})
export type SurvivorshipRules = typeof SurvivorshipRules.Type

export const defaultSurvivorshipRules: SurvivorshipRules = {
  name: "firstNonBlank",
  company: "firstNonBlank",
  address: "mostComplete",
  email: "mostRecentNonBlank",
  dayPhone: "mostRecentNonBlank",
  eveningPhone: "mostRecentNonBlank",
  thirdPhone: "mostRecentNonBlank",
  birthDate: "mostComplete"
}

/**
 * DEDUPE_SURVIVORSHIP: the rules a retailer changes, by field group (`{"email":"survivor"}`); a group not named
 * keeps its default. A name that is no field group is refused, so a typo cannot silently keep a default.
 */
export const SurvivorshipOverrides = Schema.Record(Schema.String, SurvivorshipRule).check(
  Schema.makeFilter((rules: Readonly<Record<string, SurvivorshipRule>>) => {
    const unknown = Object.keys(rules).filter((group) => !(group in fieldGroups))
    return unknown.length === 0 || `${unknown.join(", ")} is no field group (${Object.keys(fieldGroups).join(", ")})`
  })
)

/** The rules of a run: the defaults, with the settings' overrides. */
export const survivorshipRules = (overrides: Readonly<Record<string, SurvivorshipRule>>): SurvivorshipRules =>
  ({ ...defaultSurvivorshipRules, ...overrides }) as SurvivorshipRules
