import { describe, expect, it } from "vitest"
import { generateExport } from "../../src/generate/generate-export.ts"

describe("generateExport", () => {
  it("is lazy: the first rows of a 100-million-customer export come at once", () => {
    const started = performance.now()
    const first: Array<string> = []
    for (const record of generateExport({ customers: 100_000_000, seed: 1, duplicateRate: 0.05 })) {
      if (record._tag === "Customer") first.push(record.row.customer_number)
      if (first.length === 10) break
    }
    expect(first).toHaveLength(10)
    expect(performance.now() - started).toBeLessThan(5_000)
  })

  it("refuses a duplicate rate outside 0..1 and a fractional customer count", () => {
    expect(() => generateExport({ customers: 10, seed: 1, duplicateRate: 2 }).next()).toThrow()
    expect(() => generateExport({ customers: 1.5, seed: 1, duplicateRate: 0 }).next()).toThrow()
  })
})
