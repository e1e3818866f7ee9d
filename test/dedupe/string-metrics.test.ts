import { describe, expect, it } from "vitest"
import { areNicknames, nicknames } from "../../src/stages/dedupe/nicknames.ts"
import { soundOf } from "../../src/stages/dedupe/phonetic.ts"
import { damerauLevenshtein, jaroWinkler, withinOneEdit } from "../../src/stages/dedupe/string-metrics.ts"

describe("comparators against published reference values", () => {
  it("Jaro-Winkler gives Winkler's values (MARTHA/MARHTA 0.961, DWAYNE/DUANE 0.84, DIXON/DICKSONX 0.813)", () => {
    expect(jaroWinkler("MARTHA", "MARHTA")).toBeCloseTo(0.961, 3)
    expect(jaroWinkler("DWAYNE", "DUANE")).toBeCloseTo(0.84, 3)
    expect(jaroWinkler("DIXON", "DICKSONX")).toBeCloseTo(0.813, 3)
    expect(jaroWinkler("JELLYFISH", "SMELLYFISH")).toBeCloseTo(0.896, 3)
    expect(jaroWinkler("CA", "ABC")).toBe(0)
    expect(jaroWinkler("SMITH", "SMITH")).toBe(1)
    expect(jaroWinkler("", "")).toBe(0)
  })

  it("Jaro-Winkler answers 0 below the band asked for, and the true value at or above it", () => {
    expect(jaroWinkler("MARTHA", "MARHTA", 0.9)).toBeCloseTo(0.961, 3)
    expect(jaroWinkler("DWAYNE", "DUANE", 0.9)).toBe(0)
    expect(jaroWinkler("DWAYNE", "DUANE", 0.8)).toBeCloseTo(0.84, 3)
    expect(jaroWinkler("ABCDEFGH", "ZYXWVUTS", 0.8)).toBe(0)
  })

  it("Damerau-Levenshtein is the unrestricted distance (CA/ABC 2, where optimal string alignment gives 3)", () => {
    expect(damerauLevenshtein("CA", "ABC")).toBe(2)
    expect(damerauLevenshtein("KITTEN", "SITTING")).toBe(3)
    expect(damerauLevenshtein("ABCDEF", "ABDCEF")).toBe(1)
    expect(damerauLevenshtein("", "ABC")).toBe(3)
    expect(damerauLevenshtein("SATURDAY", "SUNDAY")).toBe(3)
    expect(damerauLevenshtein("A LONGER STRING THAN BEFORE", "A LONGRE STRING THAN BEFOER")).toBe(2)
  })

  it("one edit apart: a substitution, an insertion, a deletion or one swap of neighbours", () => {
    expect(withinOneEdit("02110", "02101")).toBe(true)
    expect(withinOneEdit("02110", "02111")).toBe(true)
    expect(withinOneEdit("2110", "02110")).toBe(true)
    expect(withinOneEdit("02110", "20101")).toBe(false)
    expect(withinOneEdit("ARCADIA", "ARCDIA")).toBe(true)
    expect(withinOneEdit("AB", "BA")).toBe(true)
    expect(withinOneEdit("ABCD", "ABDC")).toBe(true)
    expect(withinOneEdit("A", "")).toBe(true)
    expect(withinOneEdit("ABC", "CBA")).toBe(false)
    expect(withinOneEdit("ABCD", "ACBDE")).toBe(false)
    expect(withinOneEdit("ABCD", "ABXY")).toBe(false)
  })

  it("Double Metaphone codes names by sound (SMITH and SMYTH alike, SCHMIDT X)", () => {
    expect(soundOf("SMITH")).toBe("SM0")
    expect(soundOf("SMYTH")).toBe("SM0")
    expect(soundOf("SCHMIDT")).toBe("XMT")
    expect(soundOf("")).toBe("")
  })

  it("nicknames are recognised both ways, without chaining through a shared nickname", () => {
    const table = nicknames()
    expect(areNicknames(table, "ROBERT", "BOB")).toBe(true)
    expect(areNicknames(table, "BOB", "ROBERT")).toBe(true)
    expect(areNicknames(table, "WILLIAM", "BILL")).toBe(true)
    expect(areNicknames(table, "WILLIAM", "ROBERT")).toBe(false)
    expect(areNicknames(table, "ROBERT", "ROBERT")).toBe(false)
  })
})
