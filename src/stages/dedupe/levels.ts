import type { Comparison } from "./comparisons.ts"
import type { MatchRecord } from "./normalise.ts"

/**
 * The comparison levels of many pairs, pair p's level of comparison k at p × comparisons + k: one flat
 * array, computed once and read by both the model estimate and the scores.
 */
export const levelsOf = (
  records: ReadonlyArray<MatchRecord>,
  comparisons: ReadonlyArray<Comparison>,
  left: ArrayLike<number>,
  right: ArrayLike<number>
): Uint8Array => {
  const k = comparisons.length
  const out = new Uint8Array(left.length * k)
  for (let p = 0; p < left.length; p++) {
    const a = records[left[p]!]!
    const b = records[right[p]!]!
    for (let c = 0; c < k; c++) out[p * k + c] = comparisons[c]!.compare(a, b)
  }
  return out
}
