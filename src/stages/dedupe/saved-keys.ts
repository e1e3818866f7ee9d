import type { Customer } from "../../domain/customer.ts"
import { blockKeyHashes } from "./block-keys.ts"
import type { BlockingRule } from "./blocking.ts"
import type { Comparison } from "./comparisons.ts"
import { fingerprint } from "./fingerprint.ts"
import type { MatchRecord } from "./normalise.ts"
import { termsOf } from "./term-frequencies.ts"

export type Term = readonly [comparison: string, value: string]

/** What a run saves of each customer it has seen: what the next run compares and looks up by. */
export interface CustomerKeys {
  readonly customerNumber: number
  readonly fingerprint: string
  /** Hashes of its blocks (block-keys.ts); none when dedupe cannot read it (blank name). */
  readonly blockKeys: ReadonlyArray<number>
  /** What it adds to the term counts. */
  readonly terms: ReadonlyArray<Term>
}

/** Counts by comparison name and value; value '' is the comparison's total. */
export type TermCounts = ReadonlyMap<string, ReadonlyMap<string, number>>

/** `record`: the customer as dedupe normalised it; none when dedupe could not read it (blank name). */
export const customerKeys = (
  customer: Customer,
  record: MatchRecord | undefined,
  rules: ReadonlyArray<BlockingRule>,
  comparisons: ReadonlyArray<Comparison>
): CustomerKeys => ({
  customerNumber: customer.customerNumber,
  fingerprint: fingerprint(customer),
  blockKeys: record === undefined ? [] : blockKeyHashes(record, rules),
  terms: record === undefined ? [] : termsOf(record, comparisons)
})

/** How the counts move when `added` terms come and `removed` ones go, totals included. */
export const termDeltas = (added: Iterable<ReadonlyArray<Term>>, removed: Iterable<ReadonlyArray<Term>>): TermCounts => {
  const deltas = new Map<string, Map<string, number>>()
  const move = (terms: ReadonlyArray<Term>, by: number) => {
    for (const [comparison, value] of terms) {
      let table = deltas.get(comparison)
      if (table === undefined) deltas.set(comparison, (table = new Map()))
      table.set(value, (table.get(value) ?? 0) + by)
      table.set("", (table.get("") ?? 0) + by)
    }
  }
  for (const terms of added) move(terms, 1)
  for (const terms of removed) move(terms, -1)
  return deltas
}

/** `saved` moved by `deltas`, for the values `saved` holds (those a run reads). */
export const adjustCounts = (saved: TermCounts, deltas: TermCounts): TermCounts => {
  const adjusted = new Map<string, Map<string, number>>()
  for (const [comparison, values] of saved) adjusted.set(comparison, new Map(values))
  for (const [comparison, values] of deltas) {
    let table = adjusted.get(comparison)
    if (table === undefined) adjusted.set(comparison, (table = new Map()))
    for (const [value, delta] of values) table.set(value, (table.get(value) ?? 0) + delta)
  }
  return adjusted
}
