import { Effect } from "effect"
import type { Customer } from "../../domain/customer.ts"
import { customerName } from "../../domain/customer-name.ts"
import type { Comparison } from "../../stages/dedupe/comparisons.ts"
import { decisionColumns } from "../../stages/dedupe/review-decisions.ts"
import { writeCsvFile } from "../csv-file.ts"
import type { DuplicateViews } from "./duplicate-views.ts"

/** Rows handed to the CSV writer at a time: the waterfalls are computed as the file is written, never all at once. */
const batchSize = 1_000

/** A column name from a comparison's name: "first name" → first_name. */
const columnName = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "")

/**
 * duplicate-pairs.csv's columns, the review file: first those `orce-sync dedupe review` reads (the pair and
 * an empty `decision` a person fills in with accept or reject); then who the two are, the probability, band,
 * cluster and request; the prior and each comparison's level, weight and (where the comparison has one)
 * term-frequency adjustment (DUP-2).
 */
export const duplicatePairColumns = (comparisons: ReadonlyArray<Comparison>): ReadonlyArray<string> => [
  ...decisionColumns,
  "name_a",
  "name_b",
  "address_a",
  "address_b",
  "email_a",
  "email_b",
  "phone_a",
  "phone_b",
  "probability",
  "band",
  "cluster_id",
  "request_id",
  "prior_weight",
  ...comparisons.flatMap((comparison) => {
    const name = columnName(comparison.name)
    return [`${name}_level`, `${name}_weight`, ...(comparison.termFrequency === undefined ? [] : [`${name}_frequency_adjustment`])]
  }),
  "total_weight"
]

const addressOf = (customer: Customer | undefined) =>
  customer === undefined ? "" : [customer.street, customer.apartment, customer.city, customer.state, customer.postalCode].filter((part) => part !== "").join(", ")

const phoneOf = (customer: Customer | undefined) => customer === undefined ? "" : customer.dayPhone || customer.eveningPhone || customer.thirdPhone

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
          const a = views.customerOf(pair.a)
          const b = views.customerOf(pair.b)
          return [
            pair.a,
            pair.b,
            "",
            customerName(a),
            customerName(b),
            addressOf(a),
            addressOf(b),
            a?.email ?? "",
            b?.email ?? "",
            phoneOf(a),
            phoneOf(b),
            pair.probability,
            pair.band,
            pair.clusterId ?? "",
            pair.requestId ?? "",
            explained === undefined ? "" : rounded(explained.prior),
            ...fields,
            explained === undefined ? "" : rounded(explained.total)
          ]
        })
        yield* write(batch)
      }
      return pairs.length
    }))
})
