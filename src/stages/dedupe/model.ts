import { Schema } from "effect"
import { makePrng } from "../../generate/prng.ts"
import type { Comparison } from "./comparisons.ts"
import { levelsOf } from "./levels.ts"
import type { MatchRecord } from "./normalise.ts"

export const LevelParameters = Schema.Struct({
  label: Schema.String,
  /** P(level | the two records are the same customer). */
  m: Schema.Number,
  /** P(level | they are not). */
  u: Schema.Number
})
export type LevelParameters = typeof LevelParameters.Type

export const ComparisonParameters = Schema.Struct({
  name: Schema.String,
  /** Level 0, "missing", has m = u = 1: it weighs nothing. */
  levels: Schema.Array(LevelParameters)
})
export type ComparisonParameters = typeof ComparisonParameters.Type

/**
 * A Fellegi–Sunter model as estimated without labels: saved with a run (as JSON) so that a later run can
 * reuse it instead of estimating again.
 */
export const ModelParameters = Schema.Struct({
  version: Schema.Literal(1),
  /** P(two records picked at random are the same customer). */
  prior: Schema.Number,
  comparisons: Schema.Array(ComparisonParameters),
  estimatedFrom: Schema.Struct({
    records: Schema.Int,
    candidatePairs: Schema.Int,
    randomPairs: Schema.Int,
    iterations: Schema.Int,
    converged: Schema.Boolean
  })
})
export type ModelParameters = typeof ModelParameters.Type

export const ModelParametersJson = Schema.fromJsonString(ModelParameters)

export interface EstimateOptions {
  readonly comparisons: ReadonlyArray<Comparison>
  /** Candidate pairs (from blocking) over which m is estimated by expectation–maximisation. */
  readonly left: ArrayLike<number>
  readonly right: ArrayLike<number>
  /** Their levels, when already computed (levelsOf). */
  readonly levels?: Uint8Array
  /** How many random pairs u is estimated from. */
  readonly randomPairs: number
  readonly seed: number
  readonly maxIterations: number
}

/** Probability of `level` among `counts` (level 0 excluded), with half a pair added to every level so no level is impossible. */
const smoothed = (counts: ArrayLike<number>, level: number): number => {
  let total = 0
  for (let l = 1; l < counts.length; l++) total += counts[l]!
  return (counts[level]! + 0.5) / (total + 0.5 * (counts.length - 1))
}

/**
 * u: the share of each level among random pairs of the same party type, nearly all of them two different
 * customers. Records of different party types are never a pair (DUP-6), so they are never drawn together.
 */
const estimateU = (
  records: ReadonlyArray<MatchRecord>,
  comparisons: ReadonlyArray<Comparison>,
  wanted: number,
  seed: number
): { readonly u: Array<Array<number>>; readonly pairs: number } => {
  const counts = comparisons.map((comparison) => new Array<number>(comparison.levels.length).fill(0))
  const prng = makePrng(seed)
  const n = records.length
  const all = (n * (n - 1)) / 2
  let pairs = 0
  const tally = (a: MatchRecord, b: MatchRecord) => {
    if (a.partyType !== b.partyType) return
    pairs++
    comparisons.forEach((comparison, c) => counts[c]![comparison.compare(a, b)]!++)
  }
  if (all <= wanted) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) tally(records[i]!, records[j]!)
  } else {
    for (let draw = 0; draw < wanted; draw++) {
      const i = prng.int(0, n - 1)
      let j = prng.int(0, n - 2)
      if (j >= i) j++
      tally(records[i]!, records[j]!)
    }
  }
  return { u: counts.map((levels) => levels.map((_, l) => (l === 0 ? 1 : smoothed(levels, l)))), pairs }
}

/** A starting point for m that puts most weight on the closest levels; EM moves it from there. */
const startingM = (levels: number): Array<number> => {
  const raw = Array.from({ length: levels }, (_, l) => (l === 0 ? 0 : 2 ** -(2 * (l - 1))))
  const total = raw.reduce((sum, value) => sum + value, 0)
  return raw.map((value, l) => (l === 0 ? 1 : value / total))
}

/**
 * Estimates the model from the records themselves, with no labels: u from random pairs; m and the share of
 * matches among the candidate pairs by expectation–maximisation; the prior for any two records from that
 * share and how many pairs blocking left out. Scores use m from EM and u from the random pairs, as Splink does.
 */
export const estimateModel = (records: ReadonlyArray<MatchRecord>, options: EstimateOptions): ModelParameters => {
  const { comparisons, left, right } = options
  const k = comparisons.length
  const { u, pairs: randomPairs } = estimateU(records, comparisons, options.randomPairs, options.seed)
  const levels = options.levels ?? levelsOf(records, comparisons, left, right)

  // EM runs over distinct level patterns, a few thousand however many pairs there are.
  const patterns = new Map<string, number>()
  for (let p = 0; p < left.length; p++) {
    const key = String.fromCharCode(...levels.subarray(p * k, p * k + k))
    patterns.set(key, (patterns.get(key) ?? 0) + 1)
  }
  const patternLevels = [...patterns.keys()].map((key) => Array.from(key, (char) => char.charCodeAt(0)))
  const patternCounts = [...patterns.values()]

  // Non-matches among candidate pairs agree on what blocked them far more often than random pairs do, so
  // EM gets its own u for them; held at the random-pair u, EM would take those agreements for matches.
  let m = comparisons.map((comparison) => startingM(comparison.levels.length))
  let blockedU = u.map((levels) => [...levels])
  let share = 0.1
  let iterations = 0
  let converged = false
  while (iterations < options.maxIterations && !converged) {
    iterations++
    const expectedM = comparisons.map((comparison) => new Array<number>(comparison.levels.length).fill(0))
    const expectedU = comparisons.map((comparison) => new Array<number>(comparison.levels.length).fill(0))
    let matches = 0
    let total = 0
    patternLevels.forEach((pattern, index) => {
      let match = share
      let nonMatch = 1 - share
      for (let c = 0; c < k; c++) {
        const level = pattern[c]!
        match *= m[c]![level]!
        nonMatch *= blockedU[c]![level]!
      }
      const probability = match / (match + nonMatch)
      const count = patternCounts[index]!
      matches += probability * count
      total += count
      for (let c = 0; c < k; c++) {
        expectedM[c]![pattern[c]!]! += probability * count
        expectedU[c]![pattern[c]!]! += (1 - probability) * count
      }
    })
    const nextM = expectedM.map((counts) => counts.map((_, l) => (l === 0 ? 1 : smoothed(counts, l))))
    const nextShare = total === 0 ? share : matches / total
    let change = Math.abs(nextShare - share)
    for (let c = 0; c < k; c++) for (let l = 1; l < nextM[c]!.length; l++) change = Math.max(change, Math.abs(nextM[c]![l]! - m[c]![l]!))
    m = nextM
    blockedU = expectedU.map((counts) => counts.map((_, l) => (l === 0 ? 1 : smoothed(counts, l))))
    share = nextShare
    converged = change < 1e-6
  }

  const partyCounts = new Map<string, number>()
  for (const record of records) partyCounts.set(record.partyType, (partyCounts.get(record.partyType) ?? 0) + 1)
  let allPairs = 0
  for (const count of partyCounts.values()) allPairs += (count * (count - 1)) / 2
  const prior = allPairs === 0 ? 0 : Math.min(0.5, (share * left.length) / allPairs)

  // Random pairs are matches at the prior's rate: few among millions of customers, but one in a thousand in a
  // small file with many duplicates, enough to make agreement look common. Taken out: u = (observed − prior × m) / (1 − prior).
  const floor = 0.5 / Math.max(1, randomPairs)
  const nonMatchU = u.map((levels, c) => {
    const corrected = levels.map((observed, l) => (l === 0 ? 1 : Math.max(floor, (observed - prior * m[c]![l]!) / (1 - prior))))
    const total = corrected.reduce((sum, value, l) => (l === 0 ? sum : sum + value), 0)
    return corrected.map((value, l) => (l === 0 ? 1 : value / total))
  })

  return {
    version: 1,
    prior,
    comparisons: comparisons.map((comparison, c) => ({
      name: comparison.name,
      levels: comparison.levels.map((label, l) => ({ label, m: m[c]![l]!, u: nonMatchU[c]![l]! }))
    })),
    estimatedFrom: { records: records.length, candidatePairs: left.length, randomPairs, iterations, converged }
  }
}
