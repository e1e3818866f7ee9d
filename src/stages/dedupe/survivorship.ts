import type { Customer } from "../../domain/customer.ts"
import { defaultSurvivorshipRules, fieldGroups, type FieldGroup, type SurvivorshipRule, type SurvivorshipRules } from "../../domain/survivorship-rules.ts"

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
