import type { Customer } from "../../src/domain/customer.ts"
import type { SurvivorshipChoice } from "../../src/domain/merge-request.ts"
import type { CreatedMergeRequest, DuplicateReportInput } from "../../src/report/duplicates/write-duplicate-report.ts"
import { assignClusterIds, type StoredCluster } from "../../src/stages/dedupe/cluster-ids.ts"
import { dedupe } from "../../src/stages/dedupe/dedupe.ts"
import { defaultDedupeSettings } from "../../src/stages/dedupe/dedupe-settings.ts"
import type { MergedCluster } from "../../src/stages/dedupe/reconcile-clusters.ts"
import { defaultSurvivorshipRules, fieldGroups, type FieldGroup } from "../../src/domain/survivorship-rules.ts"
import { goldenRecord } from "../../src/stages/dedupe/survivorship.ts"
import { person, population } from "../dedupe/fixtures.ts"

const copy = (original: Customer, customerNumber: number, changes: Partial<Customer>): Customer => ({ ...original, customerNumber, ...changes })

/** Values as a hostile export may hold them: markup, a spreadsheet formula, a bidi override, a zero-width space. */
export const hostile = {
  firstName: "=CMD|' /C CALC'!A0",
  lastName: "<SCRIPT>ALERT(1)</SCRIPT>",
  street: "1 \u202eEVIL ST",
  company: "ZERO\u200bWIDTH"
}

/**
 * 600 different people and second registrations of some of them as a dedupe night finds them: plain
 * duplicates, one whose original has a Relate ID (the survivor, DUP-5) and a copy of a copy that matches
 * only the copy (split off into review, DUP-4), two neighbours for review (DUP-3), a pair with hostile
 * values, a customer with a blank name (skipped), a placeholder email and no address.
 */
export const nightCustomers = (): Array<Customer> => {
  const base = population(600)
  base[40] = { ...base[40]!, relateId: "R-1040" }
  const moved = { street: "12 FAR AWAY LN", city: "TAMPA", postalCode: "33602", state: "FL", relateId: "" }
  const other = { street: "5 OTHER RD", city: "DENVER", postalCode: "80202", state: "CO", email: "", dayPhone: "" }
  const evil = { ...hostile, city: "SALEM", postalCode: "01970", state: "MA", email: "evil@example.com", dayPhone: "(555) 999-0000", birthMonth: 1, birthDay: 2 }
  return [
    ...base,
    copy(base[3]!, 9001, { firstName: "ROB", dayPhone: "", apartment: "APT 4" }),
    copy(base[10]!, 9002, { lastName: `${base[10]!.lastName}E`, email: "" }),
    copy(base[20]!, 9003, { street: "77 NEW RD", city: "ELSEWHERE", postalCode: "99999" }),
    copy(base[30]!, 9004, { email: base[30]!.email.replace("example-mail", "other-mail"), birthMonth: null, birthDay: null }),
    copy(base[40]!, 9010, moved),
    // Moved like 9010, with its own email and phone: it matches 9010 (same name, address, birth date) but not
    // 1040, which shares only the name and birth date with it.
    copy(base[40]!, 9011, { ...moved, email: "x9011@other.com", dayPhone: "(555) 111-2222" }),
    copy(base[50]!, 9020, { ...other, firstName: `X${base[50]!.firstName.slice(1)}` }),
    copy(base[51]!, 9021, other),
    copy(base[53]!, 9023, { firstName: base[53]!.firstName.slice(0, 1), email: "", dayPhone: "" }),
    copy(base[54]!, 9024, { firstName: base[54]!.firstName.slice(0, 1), email: "", street: "", city: "", postalCode: "", state: "" }),
    person(9100, { ...evil, company: "" }),
    person(9101, evil),
    person(9200, { firstName: "", lastName: "" }),
    person(9201, { firstName: "IRIS", lastName: "OKAFOR", email: "none@none.com" })
  ]
}

const ruleNames: Record<string, string> = {
  survivor: "survivor",
  firstNonBlank: "first non-blank",
  mostRecentNonBlank: "most recent non-blank",
  mostComplete: "most complete"
}

/** The golden record's choices as the job stores them with a merge request (DUP-5). */
const survivorship = (ranked: ReadonlyArray<Customer>): ReadonlyArray<SurvivorshipChoice> => {
  const golden = goldenRecord(ranked)
  return (Object.keys(fieldGroups) as Array<FieldGroup>).map((group) => {
    const from = ranked.find((member) => member.customerNumber === golden.sources[group])!
    return {
      group,
      from: from.customerNumber,
      rule: ruleNames[defaultSurvivorshipRules[group]]!,
      values: Object.fromEntries(fieldGroups[group].map((field) => [field, from[field]]))
    }
  })
}

export interface NightOptions {
  /** Clusters an earlier run saved: tonight's keep their IDs (incremental runs). */
  readonly previous?: ReadonlyArray<StoredCluster>
  readonly nextId?: number
  /** Review pairs (customer numbers) a person accepted earlier: they become merge requests. */
  readonly accepted?: ReadonlyArray<readonly [number, number]>
  readonly maxBlockSize?: number
  /** Earlier clusters a completed merge finished tonight. */
  readonly merged?: ReadonlyArray<MergedCluster>
}

/**
 * A dedupe night over `customers` as the dedupe job puts it together: the real dedupe, stable cluster
 * IDs, a merge request per member of each cluster (to its survivor, with the golden record's choices),
 * accepted review pairs as merge requests and out of review.
 */
export const duplicateNight = (customers: ReadonlyArray<Customer>, options: NightOptions = {}): DuplicateReportInput => {
  const result = dedupe({ customers, settings: { ...defaultDedupeSettings, maxBlockSize: options.maxBlockSize ?? defaultDedupeSettings.maxBlockSize } })
  const number = (index: number) => customers[index]!.customerNumber
  const pairs = result.clusters.flatMap((cluster) => cluster.members.slice(1).map((member) => [number(cluster.survivor), number(member.index)] as const))
  const ids = assignClusterIds(options.previous ?? [], pairs, options.nextId ?? 1)
  const clusterIdOf = new Map(ids.clusters.flatMap((cluster) => cluster.members.map((member) => [member, cluster.id] as const)))
  const mergeRequests: Array<CreatedMergeRequest> = []
  for (const cluster of result.clusters) {
    const ranked = cluster.members.map((member) => customers[member.index]!)
    const choices = survivorship(ranked)
    for (const member of cluster.members.slice(1)) {
      mergeRequests.push({
        id: 100 + mergeRequests.length,
        fromCustomer: number(member.index),
        toCustomer: number(cluster.survivor),
        probability: member.probability,
        clusterId: clusterIdOf.get(number(cluster.survivor)) ?? null,
        survivorship: choices
      })
    }
  }
  const accepted = options.accepted ?? []
  const isAccepted = (a: number, b: number) => accepted.some(([x, y]) => (x === a && y === b) || (x === b && y === a))
  const review = result.review.filter((pair) => !isAccepted(number(pair.a), number(pair.b)))
  for (const pair of result.review.filter((pair) => isAccepted(number(pair.a), number(pair.b)))) {
    mergeRequests.push({ id: 100 + mergeRequests.length, fromCustomer: number(pair.a), toCustomer: number(pair.b), probability: pair.probability, clusterId: null, survivorship: null })
  }
  return {
    runId: "dedupe-1",
    full: options.previous === undefined,
    customers,
    result,
    clusters: ids.clusters,
    merged: options.merged ?? [],
    mergeRequests,
    review,
    decisions: { rejectedNotProposed: 0, acceptedBecameRequests: accepted.length }
  }
}
