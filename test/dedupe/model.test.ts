import { describe, expect, it } from "vitest"
import { dedupe } from "../../src/stages/dedupe/dedupe.ts"
import { population } from "./fixtures.ts"

describe("model estimated without labels", () => {
  // A small file where every customer is registered twice: one random pair in 600 is a match, and among the
  // pairs that share an address nearly all are.
  const people = population(300)
  // Customer 1000 + i is registered again as 5000 + i.
  const customers = [...people, ...people.map((customer) => ({ ...customer, customerNumber: customer.customerNumber + 4000, email: "" }))]
  const result = dedupe({ customers })
  const address = result.model.comparisons.find((comparison) => comparison.name === "address")!
  const sameAddress = address.levels.findIndex((level) => level.label === "same address")

  it("DUP-2 takes the matches among the random pairs out of u, so a shared address stays strong evidence in a file full of duplicates", () => {
    const compare = result.scorer.comparisons.find((comparison) => comparison.name === "address")!.compare
    let pairs = 0
    let sharing = 0
    let sharingStrangers = 0
    for (let i = 0; i < result.records.length; i++) {
      for (let j = i + 1; j < result.records.length; j++) {
        const level = compare(result.records[i]!, result.records[j]!)
        if (level === 0) continue
        pairs++
        if (level !== sameAddress) continue
        sharing++
        if (Math.abs(result.records[i]!.customerNumber - result.records[j]!.customerNumber) !== 4000) sharingStrangers++
      }
    }
    const rawShare = sharing / pairs
    expect(rawShare).toBeGreaterThan(0.001)
    expect(address.levels[sameAddress]!.u).toBeLessThan(rawShare / 5)
    expect(address.levels[sameAddress]!.u).toBeGreaterThanOrEqual(sharingStrangers / pairs)
  })

  it("DUP-2 finds every second registration of such a file, and nothing else", () => {
    expect(result.clusters).toHaveLength(300)
    for (const cluster of result.clusters) {
      const [a, b] = cluster.members.map((member) => customers[member.index]!.customerNumber)
      expect(Math.abs(a! - b!)).toBe(4000)
    }
  })
})
