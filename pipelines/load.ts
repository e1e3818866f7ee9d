import { Effect, Exit } from "effect"
import { AppSettings } from "../src/config/app-settings.ts"
import { describeSettings } from "../src/config/load-settings.ts"
import { finishRun, startRun } from "../src/runs/run-ledger.ts"
import { Database, openSourceDatabase } from "../src/db/database.ts"
import { readCsv } from "../src/sources/csv/read-csv.ts"
import { readTable } from "../src/sources/postgres/read-table.ts"
import type { ColumnOptions } from "../src/sources/record-source.ts"
import { loadFile } from "../src/stages/load/load-file.ts"
import { emptyCounts, type LoadCounts } from "../src/stages/load/load-counts.ts"
import { customerRecords, profileRecords } from "../src/stages/load/record-kinds.ts"
import {
  canonicalColumns,
  loadReferenceData,
  profileColumns,
  requiredColumns,
  requiredProfileColumns
} from "../src/stages/validate/index.ts"

/** A CSV export file, or an export table in PostgreSQL. */
export type SourceSpec = { readonly file: string } | { readonly table: string }

export interface LoadInput {
  readonly customers: SourceSpec
  readonly profiles?: SourceSpec | undefined
}

/** Opens a source; tables are read from SOURCE_DATABASE_URL, else from the staging database itself. */
const openSource = Effect.fnUntraced(function*(spec: SourceSpec, columns: ColumnOptions) {
  if ("file" in spec) return yield* readCsv(spec.file, columns)
  const settings = yield* AppSettings
  const query = settings.sourceDatabaseUrl === undefined
    ? (yield* Database).query
    : yield* openSourceDatabase(settings.sourceDatabaseUrl)
  return yield* readTable(query, spec.table, { ...columns, keyColumn: "customer_number" })
})

export interface LoadProgress {
  readonly source: string
  readonly counts: LoadCounts
  /** Share of the file read, 0 to 1. */
  readonly fraction: number
}

/**
 * The load job: open the exports (refusing a file without its required columns before anything is
 * written, VAL-2), then load customers and their profile data into the staging database in chunks.
 */
export const loadJob = Effect.fn("loadJob")(function*(
  input: LoadInput,
  onProgress?: (progress: LoadProgress) => void
) {
  const settings = yield* AppSettings
  const reference = loadReferenceData()
  const customers = yield* openSource(input.customers, {
    knownColumns: canonicalColumns,
    requiredColumns,
    columnMapping: settings.columns
  })
  const profiles = input.profiles === undefined ? undefined : yield* openSource(input.profiles, {
    knownColumns: profileColumns,
    requiredColumns: requiredProfileColumns,
    columnMapping: settings.columns
  })
  const inputs = yield* Effect.forEach([customers, ...(profiles === undefined ? [] : [profiles])], (source) =>
    source.describe)
  const runId = yield* startRun("load", describeSettings(settings), inputs)
  yield* Effect.logInfo("load started").pipe(Effect.annotateLogs({ runId, inputs: inputs.map((input) => input.source) }))

  let customerCounts = emptyCounts
  let profileCounts = emptyCounts
  const totals = () => ({
    customers: customerCounts.records,
    loaded: customerCounts.loaded,
    rejected: customerCounts.rejected,
    profileRows: profileCounts.records,
    profilesLoaded: profileCounts.loaded,
    profilesRejected: profileCounts.rejected
  })

  const run = Effect.gen(function*() {
    customerCounts = yield* loadFile(customers, customerRecords(reference), {
      runId,
      chunkSize: settings.chunkSize,
      maxRejects: settings.maxRejects,
      onProgress: (counts) => {
        customerCounts = counts
        onProgress?.({ source: customers.name, counts, fraction: customers.progress() })
      }
    })
    if (profiles !== undefined) {
      profileCounts = yield* loadFile(profiles, profileRecords, {
        runId,
        chunkSize: settings.chunkSize,
        maxRejects: settings.maxRejects === undefined ? undefined : settings.maxRejects - customerCounts.rejected,
        onProgress: (counts) => {
          profileCounts = counts
          onProgress?.({ source: profiles.name, counts, fraction: profiles.progress() })
        }
      })
    }
    return { runId, customers: customerCounts, profiles: profileCounts, ignoredColumns: customers.header.ignored }
  })

  return yield* run.pipe(
    Effect.tap(() => Effect.logInfo("load completed").pipe(Effect.annotateLogs({ runId, ...totals() }))),
    Effect.tapError((error) => Effect.logError("load failed").pipe(Effect.annotateLogs({ runId, error: error.message }))),
    Effect.onExit((exit) =>
      finishRun(
        runId,
        Exit.isSuccess(exit) ? "completed" : Exit.hasInterrupts(exit) ? "interrupted" : "failed",
        totals()
      ).pipe(Effect.ignore)
    )
  )
}, Effect.scoped)
