import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { writeInTemp } from "./write-csv.ts"

const bytes = (path: string) => readFileSync(path)

describe("generated exports are deterministic", () => {
  it("writes identical bytes for the same seed, in every file", async () => {
    const options = { customers: 2000, seed: 42, duplicateRate: 0.05 }
    const first = await writeInTemp(options)
    const second = await writeInTemp(options)
    expect(bytes(second.out).equals(bytes(first.out))).toBe(true)
    expect(bytes(second.profileOut).equals(bytes(first.profileOut))).toBe(true)
    expect(bytes(second.truthOut).equals(bytes(first.truthOut))).toBe(true)
    expect(second.summary).toEqual(first.summary)
  })

  it("writes different customers for a different seed", async () => {
    const a = await writeInTemp({ customers: 200, seed: 1, duplicateRate: 0.05 })
    const b = await writeInTemp({ customers: 200, seed: 2, duplicateRate: 0.05 })
    const linesA = readFileSync(a.out, "utf8").split("\n")
    const linesB = new Set(readFileSync(b.out, "utf8").split("\n"))
    // Only the header (and the trailing empty line) may coincide.
    expect(linesA.filter((line) => linesB.has(line)).length).toBeLessThanOrEqual(2)
  })
})
