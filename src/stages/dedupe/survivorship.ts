import { Schema } from "effect"
import type { Customer } from "../../domain/customer.ts"

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

/** The field that says whether a group holds anything at all. */
const leadField: Record<FieldGroup, keyof Customer> = {
  name: "lastName",
  company: "company",
  address: "street",
  email: "email",
  dayPhone: "dayPhone",
  eveningPhone: "eveningPhone",
  thirdPhone: "thirdPhone",
  birthDate: "birthMonth"
}

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

const filled = (value: Customer[keyof Customer]) => value !== null && value !== ""

/** Y/N flags always hold a value, so they say nothing about how complete a group is. */
const flags = new Set<keyof Customer>(["poBox", "emailOptIn"])

const hasGroup = (customer: Customer, group: FieldGroup) => filled(customer[leadField[group]])

const completeness = (customer: Customer, group: FieldGroup) =>
  fieldGroups[group].reduce((count, field) => count + Number(!flags.has(field) && filled(customer[field])), 0)

const pick = (ranked: ReadonlyArray<Customer>, group: FieldGroup, rule: SurvivorshipRule): Customer => {
  const survivor = ranked[0]!
  switch (rule) {
    case "survivor":
      return survivor
    case "firstNonBlank":
      return ranked.find((member) => hasGroup(member, group)) ?? survivor
    case "mostRecentNonBlank": {
      let best: Customer | undefined
      for (const member of ranked) if (hasGroup(member, group) && (best === undefined || member.customerNumber > best.customerNumber)) best = member
      return best ?? survivor
    }
    case "mostComplete": {
      let best = survivor
      for (const member of ranked) if (completeness(member, group) > completeness(best, group)) best = member
      return best
    }
  }
}

export interface GoldenRecord {
  readonly customer: Customer
  /** For each field group, the customer number of the member it came from. */
  readonly sources: Readonly<Record<FieldGroup, number>>
}

/**
 * The golden record of a cluster: the survivor's customer with each field group taken whole from the member
 * its rule chooses. `ranked` is the cluster in survivor order (rankForSurvivor), survivor first.
 */
export const goldenRecord = (ranked: ReadonlyArray<Customer>, rules: SurvivorshipRules = defaultSurvivorshipRules): GoldenRecord => {
  const survivor = ranked[0]
  if (survivor === undefined) throw new RangeError("a cluster has members")
  const golden: Record<string, unknown> = { ...survivor }
  const sources = {} as Record<FieldGroup, number>
  for (const group of Object.keys(fieldGroups) as Array<FieldGroup>) {
    const source = pick(ranked, group, rules[group])
    for (const field of fieldGroups[group]) golden[field] = source[field]
    sources[group] = source.customerNumber
  }
  return { customer: golden as Customer, sources }
}
