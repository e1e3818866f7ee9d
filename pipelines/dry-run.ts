import { Effect, Option, Result, Stream } from "effect"
import { AppSettings } from "../src/config/app-settings.ts"
import { readFlaggedCustomers } from "../src/db/customers.ts"
import type { Customer } from "../src/domain/customer.ts"
import { decide, predictOutcomes } from "../src/stages/sync/predict-outcomes.ts"
import { readCsv } from "../src/sources/csv/read-csv.ts"
import {
  canonicalColumns,
  loadReferenceData,
  requiredColumns,
  validateCustomerRow
} from "../src/stages/validate/index.ts"

/** Decides every customer's match, ORCE read and nothing written, then predicts what a real run would report. */
const predict = <R>(customers: Stream.Stream<Customer, unknown, R>, rejected: () => number) =>
  Effect.gen(function*() {
    const settings = yield* AppSettings
    const ids = { altIdOroms: settings.altIdOroms, altIdWeb: settings.altIdWeb }
    const decisions = yield* customers.pipe(
      Stream.mapEffect((customer) => decide(customer, ids), { concurrency: settings.syncConcurrency }),
      Stream.runCollect
    )
    return predictOutcomes(decisions, rejected())
  })

/**
 * `orce-sync export --dry-run`: validate the export file as the load would (VAL-1..VAL-8, VAL-3 duplicates
 * included), decide each customer's match and predict what the export would report. Nothing is loaded; not
 * even the staging database is opened.
 */
export const exportDryRun = Effect.fn("exportDryRun")(function*(file: string) {
  const settings = yield* AppSettings
  const source = yield* readCsv(file, { knownColumns: canonicalColumns, requiredColumns, columnMapping: settings.columns })
  const reference = loadReferenceData()
  let rejected = 0
  // VAL-3 as the load applies it: a later record with a customer number already read is rejected.
  const seen = new Set<number>()
  const customers = source.records.pipe(
    Stream.filterMap((record) => {
      if (record._tag === "Row") {
        const result = validateCustomerRow(record.values, { source: source.name, line: record.line }, reference)
        if (result.ok && !seen.has(result.value.customerNumber)) {
          seen.add(result.value.customerNumber)
          return Result.succeed(result.value)
        }
      }
      rejected++
      return Result.failVoid
    })
  )
  return yield* predict(customers, () => rejected)
}, Effect.scoped)

/** `orce-sync sync --dry-run`: decide the match of every flagged customer and predict the sync's report, writing nothing. */
export const syncDryRun = Effect.fn("syncDryRun")(function*() {
  const settings = yield* AppSettings
  const customers = Stream.paginate(0, (after: number) =>
    readFlaggedCustomers(after, settings.chunkSize).pipe(
      Effect.map(({ customers: chunk }) =>
        [chunk, chunk.length < settings.chunkSize ? Option.none() : Option.some(chunk[chunk.length - 1]!.customerNumber)] as const
      )
    ))
  return yield* predict(customers, () => 0)
})
