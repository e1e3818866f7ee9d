// Dedupe against labelled data, one JSON line per case:
//   npm run bench -- dedupe --febrl <file.csv>     any CSV with the Febrl header (soc_sec_id is never read)
//   npm run bench -- dedupe --generated <N>        N generated customers, 10% duplicates (the generator's truth),
//                                                  then the next night's incremental run with 1% new customers,
//                                                  reading only them and those sharing a block with them
// Predicted duplicates are the pairs inside auto-merge clusters, with the production defaults.
import { readFileSync } from "node:fs"
import { basename } from "node:path"
import { parse } from "csv-parse/sync"
import { blankCustomer, type Customer } from "../src/domain/customer.ts"
import { generateExport } from "../src/generate/generate-export.ts"
import { blockKeyHashes } from "../src/stages/dedupe/block-keys.ts"
import { defaultBlockingRules } from "../src/stages/dedupe/blocking.ts"
import type { Comparison } from "../src/stages/dedupe/comparisons.ts"
import { dedupe, type DedupeResult } from "../src/stages/dedupe/dedupe.ts"
import type { ModelParameters } from "../src/stages/dedupe/model.ts"
import { normalise, unusable, type MatchRecord } from "../src/stages/dedupe/normalise.ts"
import { customerKeys, type Term, type TermCounts, termDeltas } from "../src/stages/dedupe/saved-keys.ts"
import { savedFrequencies } from "../src/stages/dedupe/term-frequencies.ts"
import { loadReferenceData, validateCustomerRow } from "../src/stages/validate/index.ts"

const part = (text: string, max: number): number | null => {
  const value = Number(text)
  return Number.isInteger(value) && value >= 1 && value <= max ? value : null
}

/** A Febrl row as a customer export would hold it: the birth year and soc_sec_id have no place in one. */
const febrlCustomer = (row: Record<string, string>, customerNumber: number): Customer => {
  const birth = /^\d{8}$/.test(row["date_of_birth"] ?? "") ? row["date_of_birth"]! : ""
  return {
    ...blankCustomer(customerNumber),
    syncFlag: "Y",
    firstName: row["given_name"] ?? "",
    lastName: row["surname"] ?? "",
    street: `${row["street_number"] ?? ""} ${row["address_1"] ?? ""}`.trim(),
    address2: row["address_2"] ?? "",
    city: row["suburb"] ?? "",
    postalCode: row["postcode"] ?? "",
    state: (row["state"] ?? "").toUpperCase(),
    country: "AU",
    birthMonth: birth === "" ? null : part(birth.slice(4, 6), 12),
    birthDay: birth === "" ? null : part(birth.slice(6, 8), 31)
  }
}

/** Precision and recall over pairs: every pair inside a cluster is a predicted duplicate. */
const pairScores = (entities: ReadonlyArray<string>, clusters: ReadonlyArray<ReadonlyArray<number>>) => {
  const sizes = new Map<string, number>()
  for (const entity of entities) sizes.set(entity, (sizes.get(entity) ?? 0) + 1)
  let truePairs = 0
  for (const size of sizes.values()) truePairs += (size * (size - 1)) / 2
  let predicted = 0
  let correct = 0
  for (const members of clusters) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        predicted++
        if (entities[members[i]!] === entities[members[j]!]) correct++
      }
    }
  }
  const precision = predicted === 0 ? 1 : correct / predicted
  const recall = truePairs === 0 ? 1 : correct / truePairs
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { truePairs, predicted, precision, recall, f1 }
}

const clustersOf = (result: DedupeResult) => result.clusters.map((cluster) => cluster.members.map((member) => member.index))

const run = (dataset: string, customers: ReadonlyArray<Customer>, entities: ReadonlyArray<string>) => {
  const started = performance.now()
  const result = dedupe({ customers })
  const seconds = (performance.now() - started) / 1000
  const scores = pairScores(entities, clustersOf(result))
  const line = {
    dataset,
    records: customers.length,
    candidate_pairs: result.candidatePairs,
    true_pairs: scores.truePairs,
    precision: +scores.precision.toFixed(4),
    recall: +scores.recall.toFixed(4),
    f1: +scores.f1.toFixed(4),
    seconds: +seconds.toFixed(3),
    predicted_pairs: scores.predicted,
    review_pairs: result.review.length,
    clusters: result.clusters.length
  }
  return { line, model: result.model, result }
}

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024)

/** What the full run saves for the next night (dedupe_fingerprints and dedupe_term_counts in the job). */
const savedState = (customers: ReadonlyArray<Customer>, result: DedupeResult): SavedState => {
  const recordAt = new Map<number, MatchRecord>()
  result.records.forEach((record, i) => recordAt.set(result.customerIndex[i]!, record))
  const byKey = new Map<number, Array<number>>()
  const terms: Array<ReadonlyArray<Term>> = []
  customers.forEach((customer, i) => {
    const keys = customerKeys(customer, recordAt.get(i), defaultBlockingRules, result.scorer.comparisons)
    for (const hash of keys.blockKeys) {
      const list = byKey.get(hash)
      if (list === undefined) byKey.set(hash, [i])
      else list.push(i)
    }
    terms.push(keys.terms)
  })
  return { model: result.model, comparisons: result.scorer.comparisons, byKey, counts: termDeltas(terms, []) }
}

interface SavedState {
  readonly model: ModelParameters
  readonly comparisons: ReadonlyArray<Comparison>
  /** Customers (positions) by block-key hash. */
  readonly byKey: ReadonlyMap<number, ReadonlyArray<number>>
  readonly counts: TermCounts
}

/**
 * The next night: the last 1% of the customers are new, everything else was there the night before. As the
 * job does it: the saved model is reused, only the new customers are normalised, the customers sharing a
 * block with one of them are looked up by the saved block keys (an index in memory here, a B-tree index in
 * the database), and the saved term counts stand for everyone's. Timed from the new customers to the
 * clusters, the saved state excluded (the night before wrote it). The full run's result is gone by then, as
 * in the job, where the night before was another process. Precision is over the pairs of the clusters this
 * run proposes, each of which holds a new customer.
 */
const incremental = (dataset: string, customers: ReadonlyArray<Customer>, entities: ReadonlyArray<string>, saved: SavedState, fullSeconds: number) => {
  const firstNew = customers.length - Math.round(customers.length / 100)
  const started = performance.now()
  const { comparisons } = saved
  const working = new Set<number>()
  for (let i = firstNew; i < customers.length; i++) {
    working.add(i)
    const record = normalise(customers[i]!, i)
    if (unusable(record) !== undefined) continue
    for (const hash of blockKeyHashes(record, defaultBlockingRules)) for (const j of saved.byKey.get(hash) ?? []) working.add(j)
  }
  const positions = [...working].sort((a, b) => a - b)
  const subset = positions.map((i) => customers[i]!)
  const isNew = new Set(customers.slice(firstNew))
  const result = dedupe({ customers: subset, model: saved.model, changed: (customer) => isNew.has(customer), frequencies: savedFrequencies(comparisons, saved.counts) })
  const seconds = (performance.now() - started) / 1000
  const scores = pairScores(positions.map((i) => entities[i]!), clustersOf(result))
  return {
    dataset: `${dataset}-incremental`,
    records: customers.length,
    new_records: customers.length - firstNew,
    records_read: subset.length,
    model_reused: result.modelReused,
    candidate_pairs: result.candidatePairs,
    precision: +scores.precision.toFixed(4),
    seconds: +seconds.toFixed(3),
    share_of_full_run: +(seconds / fullSeconds).toFixed(3),
    predicted_pairs: scores.predicted,
    clusters: result.clusters.length
  }
}

const febrl = (file: string) => {
  const rows: Array<Record<string, string>> = parse(readFileSync(file, "utf8"), { columns: true, trim: true, skip_empty_lines: true })
  const customers = rows.map((row, i) => febrlCustomer(row, i + 1))
  const entities = rows.map((row) => /^rec-(\d+)-/.exec(row["rec_id"] ?? "")?.[1] ?? `row-${Math.random()}`)
  console.log(JSON.stringify(run(basename(file), customers, entities).line))
}

const generated = (count: number) => {
  const reference = loadReferenceData()
  const customers: Array<Customer> = []
  const entities: Array<string> = []
  const seen = new Set<number>()
  let line = 1
  for (const record of generateExport({ customers: count, seed: 1, duplicateRate: 0.1 })) {
    if (record._tag !== "Customer") continue
    const validated = validateCustomerRow(record.row, { source: "generated", line: line++ }, reference)
    if (!validated.ok || seen.has(validated.value.customerNumber)) continue
    seen.add(validated.value.customerNumber)
    customers.push(validated.value)
    entities.push(record.duplicateOf ?? record.row.customer_number)
  }
  const dataset = `generated-${count}`
  const full = fullRun(dataset, customers, entities)
  console.log(JSON.stringify(full.line))
  console.log(JSON.stringify(incremental(dataset, customers, entities, full.saved, full.line.seconds)))
}

/** The full run's line and what it saves for the next night; its result is left behind. */
const fullRun = (dataset: string, customers: ReadonlyArray<Customer>, entities: ReadonlyArray<string>) => {
  const full = run(dataset, customers, entities)
  // Peak resident memory of the whole process so far (the generated customers included), and per customer:
  // that it stays flat from 250k to 1M customers says memory grows no faster than the input.
  const peak = process.resourceUsage().maxRSS * 1024
  return { line: { ...full.line, peak_rss_mib: mib(peak), rss_bytes_per_customer: Math.round(peak / customers.length) }, saved: savedState(customers, full.result) }
}

const [, flag, value] = process.argv.slice(2)
if (flag === "--febrl" && value !== undefined) febrl(value)
else if (flag === "--generated") generated(Number(value ?? 100_000))
else {
  console.error("Name the data: npm run bench -- dedupe --febrl <file.csv> | --generated <customers>")
  process.exit(2)
}
