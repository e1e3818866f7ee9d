import { Effect } from "effect"
import type { Comparison } from "../../stages/dedupe/comparisons.ts"
import { writeCsvFile } from "../csv-file.ts"
import { customerName } from "./customer-name.ts"
import type { DuplicateViews } from "./duplicate-views.ts"

/** Rows handed to the CSV writer at a time: the waterfalls are computed as the file is written, never all at once. */
const batchSize = 1_000

/** A column name from a comparison's name: "first name" → first_name. */
const columnName = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "")

/** The columns a person fills in to decide a pair with `orce-sync dedupe review`: the pair, and accept or reject. */
export const reviewColumns = { a: "customer_a", b: "customer_b", decision: "decision" } as const

/**
 * duplicate-pairs.csv's columns: the pair and who they are, its probability, band, cluster and request; the prior and each
 * comparison's level, weight and (where the comparison has one) term-frequency adjustment (DUP-2); and an
 * empty `decision` a person fills in with accept or reject.
 */
export const duplicatePairColumns = (comparisons: ReadonlyArray<Comparison>): ReadonlyArray<string> => [
  reviewColumns.a,
  reviewColumns.b,
  "name_a",
  "name_b",
  "probability",
  "band",
  "cluster_id",
  "request_id",
  "prior_weight",
  ...comparisons.flatMap((comparison) => {
    const name = columnName(comparison.name)
    return [`${name}_level`, `${name}_weight`, ...(comparison.termFrequency === undefined ? [] : [`${name}_frequency_adjustment`])]
  }),
  "total_weight",
  reviewColumns.decision
]

/** Weights to four decimals: as exact as anyone reads them, and the same text for the same pair (RPT-4). */
const rounded = (value: number) => (Number.isFinite(value) ? Math.round(value * 1e4) / 1e4 : String(value))

/**
 * Writes duplicate-pairs.csv: one row per proposed pair (cluster order) and per review pair (split-offs
 * first, then most probable first), streamed a batch at a time. Returns the number of rows.
 */
export const writeDuplicatePairsCsv = Effect.fn("writeDuplicatePairsCsv")(function*(
  path: string,
  views: DuplicateViews,
  comparisons: ReadonlyArray<Comparison>
) {
  const hasFrequency = comparisons.map((comparison) => comparison.termFrequency !== undefined)
  const width = comparisons.reduce((count, _, c) => count + 2 + Number(hasFrequency[c]), 0)
  return yield* writeCsvFile(path, duplicatePairColumns(comparisons), (write) =>
    Effect.gen(function*() {
      const { pairs } = views
      for (let start = 0; start < pairs.length; start += batchSize) {
        const batch = pairs.slice(start, start + batchSize).map((pair) => {
          const explained = views.explain(pair.a, pair.b)
          const fields = explained === undefined
            ? new Array<string>(width).fill("")
            : explained.fields.flatMap((field, c) => [
              field.level,
              rounded(field.weight),
              ...(hasFrequency[c] ? [rounded(field.termFrequency)] : [])
            ])
          return [
            pair.a,
            pair.b,
            customerName(views.customerOf(pair.a)),
            customerName(views.customerOf(pair.b)),
            pair.probability,
            pair.band,
            pair.clusterId ?? "",
            pair.requestId ?? "",
            explained === undefined ? "" : rounded(explained.prior),
            ...fields,
            explained === undefined ? "" : rounded(explained.total),
            ""
          ]
        })
        yield* write(batch)
      }
      return pairs.length
    }))
})
