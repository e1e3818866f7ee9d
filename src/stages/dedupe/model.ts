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
 * Random pairs of the same party type, as their comparison levels (pair r's level of comparison c at
 * r × comparisons + c). Records of different party types are never a pair (DUP-6), so they are never drawn
 * together. Every pair when there are no more than `wanted`.
 */
const randomPairLevels = (
  records: ReadonlyArray<MatchRecord>,
  comparisons: ReadonlyArray<Comparison>,
  wanted: number,
  seed: number
): Uint8Array => {
  const k = comparisons.length
  const n = records.length
  const all = (n * (n - 1)) / 2
  const out = new Uint8Array(Math.min(all, wanted) * k)
  let pairs = 0
  const tally = (a: MatchRecord, b: MatchRecord) => {
    if (a.partyType !== b.partyType) return
    for (let c = 0; c < k; c++) out[pairs * k + c] = comparisons[c]!.compare(a, b)
    pairs++
  }
  if (all <= wanted) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) tally(records[i]!, records[j]!)
  } else {
    const prng = makePrng(seed)
    for (let draw = 0; draw < wanted; draw++) {
      const i = prng.int(0, n - 1)
      let j = prng.int(0, n - 2)
      if (j >= i) j++
      tally(records[i]!, records[j]!)
    }
  }
  return out.subarray(0, pairs * k)
}

/** Distinct level patterns of many pairs and how many pairs have each: EM runs over these, a few hundred or thousand however many pairs there are. */
interface Patterns {
  /** Pattern i's level of comparison c at i × comparisons + c. */
  readonly levels: Uint8Array
  readonly counts: Float64Array
}

const patternsOf = (levels: Uint8Array, k: number): Patterns => {
  // Each level fits in 4 bits (at most 16 levels) and 13 comparisons in the 53 bits a number holds exactly.
  if (k > 13) throw new RangeError("at most 13 comparisons")
  if (levels.some((level) => level > 15)) throw new RangeError("at most 16 levels per comparison")
  const index = new Map<number, number>()
  const firsts: Array<number> = []
  const counts: Array<number> = []
  for (let p = 0; p < levels.length / k; p++) {
    let key = 0
    for (let c = 0; c < k; c++) key = key * 16 + levels[p * k + c]!
    const known = index.get(key)
    if (known !== undefined) counts[known]!++
    else index.set(key, firsts.push(p) - 1), counts.push(1)
  }
  const out = new Uint8Array(firsts.length * k)
  firsts.forEach((p, i) => out.set(levels.subarray(p * k, p * k + k), i * k))
  return { levels: out, counts: Float64Array.from(counts) }
}

/**
 * u: the share of each level among random pairs that are not the same customer. Random pairs are matches
 * at the prior's rate: few among millions of customers, but one in a thousand in a small file with many
 * duplicates, and far more among the pairs a conditional comparison weighs at all (the house number, only
 * on the same street). Each random pair therefore counts towards u as much as the model says it is no
 * match: expectation–maximisation over the random pairs with m and the prior held, which starts from
 * counting every pair (weight 1).
 */
const estimateU = (
  random: Patterns,
  comparisons: ReadonlyArray<Comparison>,
  m: ReadonlyArray<ReadonlyArray<number>>,
  prior: number
): Array<Array<number>> => {
  const k = comparisons.length
  const { levels, counts: pairs } = random
  const weights = new Float64Array(pairs.length).fill(1)
  let u: Array<Array<number>> = []
  for (let round = 0; round < 4; round++) {
    const counts = comparisons.map((comparison) => new Array<number>(comparison.levels.length).fill(0))
    for (let r = 0; r < pairs.length; r++) for (let c = 0; c < k; c++) counts[c]![levels[r * k + c]!]! += weights[r]! * pairs[r]!
    u = counts.map((counts) => counts.map((_, l) => (l === 0 ? 1 : smoothed(counts, l))))
    if (prior <= 0) break
    const priorOdds = prior / (1 - prior)
    for (let r = 0; r < pairs.length; r++) {
      let odds = priorOdds
      for (let c = 0; c < k; c++) {
        const level = levels[r * k + c]!
        odds *= m[c]![level]! / u[c]![level]!
      }
      weights[r] = 1 / (1 + odds)
    }
  }
  return u
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
  const randomLevels = randomPairLevels(records, comparisons, options.randomPairs, options.seed)
  const randomPairs = randomLevels.length / k
  const random = patternsOf(randomLevels, k)
  // With no prior yet, every random pair counts fully: the u that EM over the candidate pairs starts from.
  const u = estimateU(random, comparisons, comparisons.map((comparison) => startingM(comparison.levels.length)), 0)
  const blocked = patternsOf(options.levels ?? levelsOf(records, comparisons, left, right), k)

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
    for (let p = 0; p < blocked.counts.length; p++) {
      let match = share
      let nonMatch = 1 - share
      for (let c = 0; c < k; c++) {
        const level = blocked.levels[p * k + c]!
        match *= m[c]![level]!
        nonMatch *= blockedU[c]![level]!
      }
      const probability = match / (match + nonMatch)
      const count = blocked.counts[p]!
      matches += probability * count
      total += count
      for (let c = 0; c < k; c++) {
        const level = blocked.levels[p * k + c]!
        expectedM[c]![level]! += probability * count
        expectedU[c]![level]! += (1 - probability) * count
      }
    }
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

  const nonMatchU = estimateU(random, comparisons, m, prior)

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
