import { describe, expect, it } from "vitest"
import { assignClusterIds } from "../../src/stages/dedupe/cluster-ids.ts"
import { clusterPairs } from "../../src/stages/dedupe/clustering.ts"
import { chooseSurvivor } from "../../src/stages/dedupe/survivor.ts"
import { goldenRecord } from "../../src/stages/dedupe/survivorship.ts"
import { person } from "./fixtures.ts"

describe("guarded clustering", () => {
  // A~B and B~C above the threshold, A~C far below it; A is the survivor (lowest index, equal matches).
  const probabilities = new Map([["0:1", 0.999], ["1:2", 0.995], ["0:2", 0.2]])
  const probability = (a: number, b: number) => probabilities.get(a < b ? `${a}:${b}` : `${b}:${a}`) ?? 0
  const survivorOf = (members: ReadonlyArray<number>) => ({ index: Math.min(...members), reason: "lowest" })

  it("DUP-4 splits C off a chain A~B~C whose A~C is weak, into review, instead of merging it through B", () => {
    const edges = [{ a: 0, b: 1, probability: 0.999 }, { a: 1, b: 2, probability: 0.995 }]
    const { clusters, splitOff } = clusterPairs(3, edges, { autoMerge: 0.99, survivorOf, probability })
    expect(clusters).toEqual([{ survivor: 0, survivorReason: "lowest", members: [{ index: 0, probability: 1 }, { index: 1, probability: 0.999 }] }])
    expect(splitOff).toEqual([{ member: 2, survivor: 0, probability: 0.2 }])
  })

  it("DUP-4 keeps a member whose own pair with the survivor is above the threshold, though blocking never paired them", () => {
    probabilities.set("0:2", 0.995)
    const edges = [{ a: 0, b: 1, probability: 0.999 }, { a: 1, b: 2, probability: 0.995 }]
    const { clusters, splitOff } = clusterPairs(3, edges, { autoMerge: 0.99, survivorOf, probability })
    expect(clusters[0]?.members.map((member) => member.index)).toEqual([0, 1, 2])
    expect(splitOff).toEqual([])
    probabilities.set("0:2", 0.2)
  })

  it("DUP-4 guards a group too large to score in full by the links found: the one member reached only through another is split off", () => {
    // 40 records each matching record 0, and a 41st matching only record 39.
    const edges = [
      ...Array.from({ length: 39 }, (_, i) => ({ a: 0, b: i + 1, probability: 0.999 })),
      { a: 39, b: 40, probability: 0.995 }
    ]
    const star = (a: number, b: number) => (Math.min(a, b) === 0 && Math.max(a, b) < 40 ? 0.999 : 0.2)
    const mostLinked = (members: ReadonlyArray<number>, matches: (index: number) => number) => ({
      index: [...members].sort((x, y) => matches(y) - matches(x) || x - y)[0]!,
      reason: "most matches"
    })
    const { clusters, splitOff } = clusterPairs(41, edges, { autoMerge: 0.99, survivorOf: mostLinked, probability: star })
    expect(clusters).toHaveLength(1)
    expect(clusters[0]!.survivor).toBe(0)
    expect(clusters[0]!.members).toHaveLength(40)
    expect(splitOff).toEqual([{ member: 40, survivor: 0, probability: 0.2 }])
  })
})

describe("survivor and survivorship", () => {
  const a = person(300, { relateId: "", firstName: "ANN" })
  const b = person(200, { relateId: "", firstName: "ANNE" })
  const c = person(100, { relateId: "", firstName: "ANNA" })

  it("DUP-5 picks the same survivor whatever the order of the members: the lowest customer number when nothing else differs", () => {
    for (const members of [[a, b, c], [c, b, a], [b, a, c]]) {
      expect(chooseSurvivor(members, () => 0)).toEqual({ customer: c, reason: "lowest customer number" })
    }
  })

  it("DUP-5 puts a Relate ID first, then activity, then how many members a customer matches", () => {
    const known = { ...a, relateId: "R1" }
    expect(chooseSurvivor([known, b, c], () => 0)).toEqual({ customer: known, reason: "has a Relate ID" })
    expect(chooseSurvivor([a, b, c], (customer) => (customer === b ? 5 : 0))).toEqual({ customer: b, reason: "most activity (5)" })
    expect(chooseSurvivor([a, b, c], () => 0, (customer) => (customer === a ? 2 : 1))).toEqual({ customer: a, reason: "matches most members (2)" })
  })

  it("survivorship takes an address whole from one member and records where each field came from", () => {
    const survivor = person(1, { firstName: "ANN", lastName: "LEE", street: "1 MAIN ST", city: "SALEM", postalCode: "", state: "MA", email: "" })
    const moved = person(2, { firstName: "", lastName: "LEE", street: "9 OAK AVE", apartment: "APT 4", city: "BOSTON", postalCode: "02110", state: "MA", email: "ann@lee.org" })
    const { customer, sources } = goldenRecord([survivor, moved])
    expect(customer).toMatchObject({ customerNumber: 1, firstName: "ANN", street: "9 OAK AVE", apartment: "APT 4", city: "BOSTON", postalCode: "02110", email: "ann@lee.org" })
    expect(sources).toMatchObject({ name: 1, address: 2, email: 2 })
  })
})

describe("stable cluster IDs", () => {
  const previous = [{ id: 7, members: [10, 11] }, { id: 9, members: [20, 21] }]

  it("a cluster that gains a member keeps its ID", () => {
    const { clusters, changed } = assignClusterIds(previous, [[11, 12]], 10)
    expect(clusters).toContainEqual({ id: 7, members: [10, 11, 12], change: "grown", absorbed: [] })
    expect(changed).toBe(true)
  })

  it("two clusters that join keep the older ID and record the other as absorbed", () => {
    const { clusters } = assignClusterIds(previous, [[11, 21]], 10)
    expect(clusters).toEqual([{ id: 7, members: [10, 11, 20, 21], change: "joined", absorbed: [9] }])
  })

  it("a new group gets the next ID, and a run with nothing new says so", () => {
    const fresh = assignClusterIds(previous, [[30, 31]], 10)
    expect(fresh.clusters).toContainEqual({ id: 10, members: [30, 31], change: "new", absorbed: [] })
    expect(fresh.nextId).toBe(11)
    const same = assignClusterIds(previous, [[10, 11]], 10)
    expect(same.changed).toBe(false)
    expect(same.clusters.map((cluster) => cluster.id)).toEqual([7, 9])
  })
})
