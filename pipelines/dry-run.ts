import { Effect, Option, Result, Stream } from "effect"
import { AppSettings } from "../src/config/app-settings.ts"
import { readFlaggedCustomers } from "../src/db/customers.ts"
import type { Customer } from "../src/domain/customer.ts"
import type { MatchKind } from "../src/domain/outcome.ts"
import { matchCustomer } from "../src/stages/match/match-customer.ts"
import { readCsv } from "../src/sources/csv/read-csv.ts"
import {
  canonicalColumns,
  loadReferenceData,
  requiredColumns,
  validateCustomerRow
} from "../src/stages/validate/index.ts"

export type DryRunCounts = Record<MatchKind | "error" | "rejected", number>

const noDecisions = (): DryRunCounts => ({
  "relate-id": 0,
  "ecommerce-id": 0,
  email: 0,
  "email-with-oroms-key": 0,
  "oroms-alt-key": 0,
  new: 0,
  none: 0,
  error: 0,
  rejected: 0
})

/** Match decisions only: ORCE is searched and read, nothing is written anywhere (`--dry-run`). */
const decide = <R>(customers: Stream.Stream<Customer, unknown, R>, counts: DryRunCounts) =>
  Effect.gen(function*() {
    const settings = yield* AppSettings
    yield* customers.pipe(
      Stream.mapEffect(
        (customer) =>
          matchCustomer(customer, {
            altIdOroms: settings.altIdOroms,
            altIdWeb: settings.altIdWeb,
            mayHaveReachedOrce: false
          }).pipe(
            Effect.map(({ match }) => match.kind as MatchKind | "error"),
            Effect.catch(() => Effect.succeed("error" as const))
          ),
        { concurrency: settings.syncConcurrency }
      ),
      Stream.runForEach((kind) => Effect.sync(() => counts[kind]++))
    )
    return counts
  })

/**
 * `orce-sync export --dry-run`: validate the export file and decide each customer's match. Nothing is
 * loaded; not even the staging database is opened.
 */
export const exportDryRun = Effect.fn("exportDryRun")(function*(file: string) {
  const settings = yield* AppSettings
  const source = yield* readCsv(file, { knownColumns: canonicalColumns, requiredColumns, columnMapping: settings.columns })
  const reference = loadReferenceData()
  const counts = noDecisions()
  const customers = source.records.pipe(
    Stream.filterMap((record) => {
      if (record._tag === "Row") {
        const result = validateCustomerRow(record.values, { source: source.name, line: record.line }, reference)
        if (result.ok) return Result.succeed(result.value)
      }
      counts.rejected++
      return Result.failVoid
    })
  )
  return yield* decide(customers, counts)
}, Effect.scoped)

/** `orce-sync sync --dry-run`: decide the match of every flagged customer, writing nothing. */
export const syncDryRun = Effect.fn("syncDryRun")(function*() {
  const settings = yield* AppSettings
  const customers = Stream.paginate(0, (after: number) =>
    readFlaggedCustomers(after, settings.chunkSize).pipe(
      Effect.map(({ customers: chunk }) =>
        [chunk, chunk.length < settings.chunkSize ? Option.none() : Option.some(chunk[chunk.length - 1]!.customerNumber)] as const
      )
    ))
  return yield* decide(customers, noDecisions())
})
