import type { Comparison } from "./comparisons.ts"
import type { MatchRecord } from "./normalise.ts"

/** For each comparison with a term-frequency level: how often each value occurs among the records. */
export interface TermFrequencies {
  readonly counts: ReadonlyArray<ReadonlyMap<string, number> | undefined>
  readonly totals: ReadonlyArray<number>
}

/**
 * Counted over every record dedupe sees, so a new run over changed data gets today's frequencies. With
 * `only` (record indexes), just the values those records hold are counted, still over every record: an
 * incremental run scores a few thousand records' pairs and need not tally a million values.
 */
export const termFrequencies = (
  records: ReadonlyArray<MatchRecord>,
  comparisons: ReadonlyArray<Comparison>,
  only?: Iterable<number>
): TermFrequencies => {
  const counts = comparisons.map((comparison) => (comparison.termFrequency === undefined ? undefined : new Map<string, number>()))
  const totals = comparisons.map(() => 0)
  comparisons.forEach((comparison, c) => {
    const tf = comparison.termFrequency
    const table = counts[c]
    if (tf === undefined || table === undefined) return
    if (only !== undefined) for (const index of only) for (const value of tf.keys(records[index]!)) table.set(value, 0)
    const counting = only === undefined
    let total = 0
    for (const record of records) {
      for (const value of tf.keys(record)) {
        total++
        const count = table.get(value)
        if (count !== undefined) table.set(value, count + 1)
        else if (counting) table.set(value, 1)
      }
    }
    totals[c] = total
  })
  return { counts, totals }
}

/** The share of records holding `value`, at least one record's share. */
export const frequencyOf = (frequencies: TermFrequencies, comparison: number, value: string): number => {
  const total = frequencies.totals[comparison] ?? 0
  if (total === 0) return 1
  return Math.max(1, frequencies.counts[comparison]?.get(value) ?? 1) / total
}

/** [comparison name, value] of each term-frequency value a record holds: what it adds to the saved counts. */
export const termsOf = (record: MatchRecord, comparisons: ReadonlyArray<Comparison>): Array<readonly [string, string]> => {
  const terms: Array<readonly [string, string]> = []
  for (const comparison of comparisons) {
    const tf = comparison.termFrequency
    if (tf !== undefined) for (const value of tf.keys(record)) terms.push([comparison.name, value])
  }
  return terms
}

/** Saved counts (comparison name → value → count, value '' the comparison's total) as a run's term frequencies. */
export const savedFrequencies = (
  comparisons: ReadonlyArray<Comparison>,
  saved: ReadonlyMap<string, ReadonlyMap<string, number>>
): TermFrequencies => ({
  counts: comparisons.map((comparison) => comparison.termFrequency === undefined ? undefined : saved.get(comparison.name) ?? new Map()),
  totals: comparisons.map((comparison) => comparison.termFrequency === undefined ? 0 : saved.get(comparison.name)?.get("") ?? 0)
})
