import { Effect, Exit } from "effect"
import { AppSettings } from "../src/config/app-settings.ts"
import { describeSettings } from "../src/config/load-settings.ts"
import { finishRun, startRun } from "../src/runs/run-ledger.ts"
import { readCsv } from "../src/sources/csv/read-csv.ts"
import { describeInput } from "../src/sources/describe-input.ts"
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

export interface LoadInput {
  readonly customers: string
  readonly profiles?: string | undefined
}

export interface LoadProgress {
  readonly file: string
  readonly counts: LoadCounts
  /** Share of the file read, 0 to 1. */
  readonly fraction: number
}

/**
 * The load job: open the exports (refusing a file without its required columns before anything is
 * written, VAL-2), then load customers and their profile data into the staging database in chunks.
 */
export const loadJob = Effect.fn("loadJob")(function*(input: LoadInput, onProgress?: (progress: LoadProgress) => void) {
  const settings = yield* AppSettings
  const reference = loadReferenceData()
  const customers = yield* readCsv(input.customers, {
    knownColumns: canonicalColumns,
    requiredColumns,
    columnMapping: settings.columns
  })
  const profiles = input.profiles === undefined ? undefined : yield* readCsv(input.profiles, {
    knownColumns: profileColumns,
    requiredColumns: requiredProfileColumns,
    columnMapping: settings.columns
  })
  const inputs = yield* Effect.forEach([customers, ...(profiles === undefined ? [] : [profiles])], (file) =>
    describeInput(file.path))
  const runId = yield* startRun("load", describeSettings(settings), inputs)

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
        onProgress?.({ file: customers.path, counts, fraction: customers.bytesRead() / Math.max(customers.bytes, 1) })
      }
    })
    if (profiles !== undefined) {
      profileCounts = yield* loadFile(profiles, profileRecords, {
        runId,
        chunkSize: settings.chunkSize,
        maxRejects: settings.maxRejects === undefined ? undefined : settings.maxRejects - customerCounts.rejected,
        onProgress: (counts) => {
          profileCounts = counts
          onProgress?.({ file: profiles.path, counts, fraction: profiles.bytesRead() / Math.max(profiles.bytes, 1) })
        }
      })
    }
    return { runId, customers: customerCounts, profiles: profileCounts, ignoredColumns: customers.header.ignored }
  })

  return yield* run.pipe(
    Effect.onExit((exit) =>
      finishRun(
        runId,
        Exit.isSuccess(exit) ? "completed" : Exit.hasInterrupts(exit) ? "interrupted" : "failed",
        totals()
      ).pipe(Effect.ignore)
    )
  )
})
