import { describe, expect, it } from "vitest"
import { makePrng, makeSelection } from "../../src/generate/prng.ts"

describe("prng", () => {
  it("repeats its sequence for a seed and differs between seeds", () => {
    const draw = (seed: number) => {
      const prng = makePrng(seed)
      return Array.from({ length: 20 }, () => prng.next())
    }
    expect(draw(7)).toEqual(draw(7))
    expect(draw(7)).not.toEqual(draw(8))
  })

  it("keeps int within its inclusive bounds and reaches both", () => {
    const prng = makePrng(1)
    const seen = new Set<number>()
    for (let i = 0; i < 2000; i++) seen.add(prng.int(3, 6))
    expect([...seen].sort()).toEqual([3, 4, 5, 6])
  })

  it("selection sampling selects exactly the number wanted", () => {
    for (const [wanted, positions] of [[0, 10], [3, 10], [10, 10], [500, 9999], [12, 5]] as const) {
      const select = makeSelection(makePrng(wanted), wanted, positions)
      let selected = 0
      for (let i = 0; i < positions; i++) if (select()) selected++
      expect(selected).toBe(Math.min(wanted, positions))
    }
  })
})
