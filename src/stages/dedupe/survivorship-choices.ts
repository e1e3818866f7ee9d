import type { Customer } from "../../domain/customer.ts"
import type { SurvivorshipChoice } from "../../domain/merge-request.ts"
import { defaultSurvivorshipRules, fieldGroups, type FieldGroup, type SurvivorshipRule, type SurvivorshipRules } from "../../domain/survivorship-rules.ts"
import { goldenRecord } from "./survivorship.ts"

const ruleNames: Record<SurvivorshipRule, string> = {
  survivor: "the survivor's",
  firstNonBlank: "first non-blank in survivor order",
  mostRecentNonBlank: "most recent non-blank",
  mostComplete: "most complete"
}

/**
 * DUP-5: the golden record of a cluster as a merge request records it: for every field group, the member
 * its values come from, the rule that chose it and the values, the group whole. `ranked` is the cluster in
 * survivor order, survivor first.
 */
export const survivorshipChoices = (
  ranked: ReadonlyArray<Customer>,
  rules: SurvivorshipRules = defaultSurvivorshipRules
): ReadonlyArray<SurvivorshipChoice> => {
  const golden = goldenRecord(ranked, rules)
  return (Object.keys(fieldGroups) as Array<FieldGroup>).map((group) => ({
    group,
    from: golden.sources[group],
    rule: ruleNames[rules[group]],
    values: Object.fromEntries(fieldGroups[group].map((field) => [field, golden.customer[field]]))
  }))
}
