import type { Comparison } from "./comparisons.ts"
import { levelsOf } from "./levels.ts"
import type { ModelParameters } from "./model.ts"
import type { MatchRecord } from "./normalise.ts"
import { frequencyOf, type TermFrequencies } from "./term-frequencies.ts"

/** A model ready to score: match weights (log2 m/u) per level, the prior as a weight, today's term frequencies. */
export interface Scorer {
  readonly comparisons: ReadonlyArray<Comparison>
  readonly model: ModelParameters
  readonly priorWeight: number
  readonly weights: ReadonlyArray<ReadonlyArray<number>>
  readonly frequencies: TermFrequencies
}

/** Whether a saved model was estimated for these comparisons (same names, same levels), so it can be reused. */
export const modelFits = (model: ModelParameters, comparisons: ReadonlyArray<Comparison>): boolean =>
  model.comparisons.length === comparisons.length &&
  model.comparisons.every(
    (saved, c) =>
      saved.name === comparisons[c]!.name &&
      saved.levels.length === comparisons[c]!.levels.length &&
      saved.levels.every((level, l) => level.label === comparisons[c]!.levels[l])
  )

const log2Odds = (p: number) => Math.log2(p / (1 - p))

export const makeScorer = (
  model: ModelParameters,
  comparisons: ReadonlyArray<Comparison>,
  frequencies: TermFrequencies
): Scorer => {
  if (!modelFits(model, comparisons)) throw new RangeError("the model was estimated for other comparisons")
  return {
    comparisons,
    model,
    priorWeight: model.prior <= 0 ? -Infinity : log2Odds(Math.min(model.prior, 0.5)),
    weights: model.comparisons.map((comparison) => comparison.levels.map(({ m, u }) => Math.log2(m / u))),
    frequencies
  }
}

/** The adjustment for how common the shared value is: log2(u of the level / share of records with the value). */
const termFrequencyAdjustment = (scorer: Scorer, c: number, level: number, a: MatchRecord, b: MatchRecord): number => {
  const tf = scorer.comparisons[c]!.termFrequency
  if (tf === undefined || tf.level !== level) return 0
  const u = scorer.model.comparisons[c]!.levels[level]!.u
  return Math.log2(u / frequencyOf(scorer.frequencies, c, tf.shared(a, b)))
}

/** The pair's total match weight in bits: prior + each comparison's weight + term-frequency adjustments. */
export const matchWeight = (scorer: Scorer, a: MatchRecord, b: MatchRecord, levels?: ArrayLike<number>, offset = 0): number => {
  let total = scorer.priorWeight
  const k = scorer.comparisons.length
  for (let c = 0; c < k; c++) {
    const level = levels === undefined ? scorer.comparisons[c]!.compare(a, b) : levels[offset + c]!
    if (level === 0) continue
    total += scorer.weights[c]![level]! + termFrequencyAdjustment(scorer, c, level, a, b)
  }
  return total
}

export const probabilityOf = (weight: number): number => 1 / (1 + 2 ** -weight)

/** Match probabilities of many pairs; levels already computed for them are reused. */
export const scorePairs = (
  scorer: Scorer,
  records: ReadonlyArray<MatchRecord>,
  left: ArrayLike<number>,
  right: ArrayLike<number>,
  levels: Uint8Array = levelsOf(records, scorer.comparisons, left, right)
): Float64Array => {
  const k = scorer.comparisons.length
  const out = new Float64Array(left.length)
  for (let p = 0; p < left.length; p++) {
    out[p] = probabilityOf(matchWeight(scorer, records[left[p]!]!, records[right[p]!]!, levels, p * k))
  }
  return out
}

export interface FieldWeight {
  readonly comparison: string
  readonly level: string
  /** log2(m/u) of the level; 0 when missing. */
  readonly weight: number
  /** Added for how common the shared value is (negative for SMITH); 0 when the level has none. */
  readonly termFrequency: number
}

/** Why two records matched (DUP-2): the prior, every field's level and weight, and the result. */
export interface Waterfall {
  readonly prior: number
  readonly fields: ReadonlyArray<FieldWeight>
  readonly total: number
  readonly probability: number
}

export const waterfall = (scorer: Scorer, a: MatchRecord, b: MatchRecord): Waterfall => {
  let total = scorer.priorWeight
  const fields = scorer.comparisons.map((comparison, c): FieldWeight => {
    const level = comparison.compare(a, b)
    const weight = level === 0 ? 0 : scorer.weights[c]![level]!
    const termFrequency = level === 0 ? 0 : termFrequencyAdjustment(scorer, c, level, a, b)
    total += weight + termFrequency
    return { comparison: comparison.name, level: comparison.levels[level]!, weight, termFrequency }
  })
  return { prior: scorer.priorWeight, fields, total, probability: probabilityOf(total) }
}
