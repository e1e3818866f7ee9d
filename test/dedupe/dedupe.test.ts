import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import type { Customer } from "../../src/domain/customer.ts"
import { dedupe } from "../../src/stages/dedupe/dedupe.ts"
import { defaultDedupeSettings, DedupeSettings } from "../../src/stages/dedupe/dedupe-settings.ts"
import { ModelParametersJson } from "../../src/stages/dedupe/model.ts"
import { waterfall } from "../../src/stages/dedupe/score.ts"
import { person, population } from "./fixtures.ts"

/** 600 different people, then copies of some of them as a second registration would hold them. */
const base = population(600)
base[3] = { ...base[3]!, firstName: "ROBERT" }
const copy = (original: Customer, customerNumber: number, changes: Partial<Customer>): Customer => ({ ...original, customerNumber, ...changes })
const duplicates = [
  copy(base[3]!, 9001, { firstName: "ROB", dayPhone: "" }),
  copy(base[10]!, 9002, { lastName: `${base[10]!.lastName}E`, email: "" }),
  copy(base[20]!, 9003, { street: "77 NEW RD", city: "ELSEWHERE", postalCode: "99999" }),
  copy(base[30]!, 9004, { email: base[30]!.email.replace("example-mail", "other-mail"), birthMonth: null, birthDay: null })
]
const customers = [...base, ...duplicates]
const numbers = (result: ReturnType<typeof dedupe>, input: ReadonlyArray<Customer>) =>
  result.clusters.map((cluster) => cluster.members.map((member) => input[member.index]!.customerNumber))

describe("dedupe of a customer set", () => {
  const result = dedupe({ customers })

  it("finds the second registrations and nothing else", () => {
    expect(numbers(result, customers).map((members) => [...members].sort((a, b) => a - b))).toEqual([
      [1003, 9001],
      [1010, 9002],
      [1020, 9003],
      [1030, 9004]
    ])
    expect(result.review).toEqual([])
  })

  it("DUP-2 gives every proposed pair a waterfall: the prior, each field's level and weight, and the probability", () => {
    const cluster = result.clusters[0]!
    const [a, b] = cluster.members.map((member) => result.records[result.customerIndex.indexOf(member.index)]!)
    const explained = waterfall(result.scorer, a!, b!)
    expect(explained.fields.map((field) => field.comparison)).toEqual(result.model.comparisons.map((comparison) => comparison.name))
    const sum = explained.fields.reduce((total, field) => total + field.weight + field.termFrequency, explained.prior)
    expect(explained.total).toBeCloseTo(sum, 9)
    expect(explained.probability).toBeCloseTo(cluster.members[1]!.probability, 9)
    expect(explained.fields.find((field) => field.comparison === "first name")?.level).toBe("nickname")
  })

  it("DUP-2 weighs a shared common last name less than a shared rare one (term frequency)", () => {
    const records = result.records
    const smiths = records.filter((record) => record.lastName === "SMITH")
    const zywickis = records.filter((record) => record.lastName === "ZYWICKI")
    const common = waterfall(result.scorer, smiths[0]!, smiths[1]!).fields.find((field) => field.comparison === "last name")!
    const rare = waterfall(result.scorer, zywickis[0]!, zywickis[1]!).fields.find((field) => field.comparison === "last name")!
    expect(common.weight).toBe(rare.weight)
    expect(common.termFrequency).toBeLessThan(rare.termFrequency)
  })

  it("DUP-3 sends a pair between the thresholds to review, and merges it once the auto-merge threshold is below it", () => {
    const probability = result.clusters.find((cluster) => customers[cluster.survivor]!.customerNumber === 1020)!.members[1]!.probability
    const strict = dedupe({ customers, settings: { ...defaultDedupeSettings, autoMerge: Math.min(1, probability + 1e-12), review: 0.5 } })
    expect(numbers(strict, customers).flat()).not.toContain(9003)
    expect(strict.review.map((pair) => [customers[pair.a]!.customerNumber, customers[pair.b]!.customerNumber].sort())).toContainEqual([1020, 9003])
    const lenient = dedupe({ customers, settings: { ...defaultDedupeSettings, autoMerge: probability, review: 0.5 } })
    expect(numbers(lenient, customers).flat()).toContain(9003)
  })

  it("DUP-3 refuses a review threshold above the auto-merge threshold", () => {
    expect(() => Schema.decodeUnknownSync(DedupeSettings)({ ...defaultDedupeSettings, autoMerge: 0.9, review: 0.95 })).toThrow(/review threshold/)
  })

  it("DUP-6 never pairs an individual with an organization, even when every field is the same", () => {
    const shared = { lastName: "ACME", company: "ACME", street: "1 MAIN ST", city: "SALEM", postalCode: "01970", state: "MA", email: "info@acme.com", dayPhone: "9785550100" }
    const input = [...base, person(8001, shared), person(8002, { ...shared, partyType: "O" })]
    const clustered = numbers(dedupe({ customers: input }), input).flat()
    expect(clustered).not.toContain(8001)
    expect(clustered).not.toContain(8002)
  })

  it("blank names, no address and one shared placeholder email neither crash nor merge different customers, and are counted", () => {
    const noisy = [
      ...base.map((customer) => ({ ...customer, email: "none@none.com" })),
      person(8001, {}),
      person(8002, { firstName: "", lastName: "" }),
      person(8003, { firstName: "IRIS", lastName: "OKAFOR", email: "none@none.com" })
    ]
    const noisyResult = dedupe({ customers: noisy })
    expect(noisyResult.skipped).toEqual({ "blank name": 2 })
    expect(noisyResult.notes).toEqual({ placeholderEmail: 601, noAddress: 1 })
    expect(noisyResult.clusters).toEqual([])
    expect(noisyResult.blocking.rules.find((rule) => rule.rule === "email")?.pairs).toBe(0)
  })

  it("a saved model serialises to JSON and, reused, gives the same clusters without estimating again", () => {
    const saved = Schema.encodeSync(ModelParametersJson)(result.model)
    const model = Schema.decodeUnknownSync(ModelParametersJson)(saved)
    const again = dedupe({ customers, model })
    expect(again.modelReused).toBe(true)
    expect(numbers(again, customers)).toEqual(numbers(result, customers))
  })

  it("an incremental run compares only the new customer against everyone and finds its duplicate", () => {
    const newcomer = copy(base[40]!, 9005, { firstName: base[40]!.firstName.toLowerCase() })
    const input = [...customers, newcomer]
    const incremental = dedupe({ customers: input, model: result.model, changed: (customer) => customer.customerNumber === 9005 })
    expect(numbers(incremental, input)).toEqual([[1040, 9005]])
    expect(incremental.candidatePairs).toBeLessThan(20)
  })

  it("DUP-2 an incremental run weighs the pairs it finds as a full run over the same customers does, term frequencies included", () => {
    const newcomer = copy(base[40]!, 9005, { firstName: base[40]!.firstName.toLowerCase() })
    const input = [...customers, newcomer]
    const full = dedupe({ customers: input, model: result.model })
    const incremental = dedupe({ customers: input, model: result.model, changed: (customer) => customer.customerNumber === 9005 })
    const explain = (run: ReturnType<typeof dedupe>) => {
      const [a, b] = run.clusters.find((cluster) => cluster.members.some((member) => member.index === input.length - 1))!.members
      const recordOf = (index: number) => run.records[run.customerIndex.indexOf(index)]!
      return waterfall(run.scorer, recordOf(a!.index), recordOf(b!.index))
    }
    expect(explain(incremental)).toEqual(explain(full))
    expect(explain(full).fields.some((field) => field.termFrequency !== 0)).toBe(true)
  })
})
