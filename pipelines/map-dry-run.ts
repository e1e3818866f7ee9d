import { stringify } from "csv-stringify/sync"
import { Effect, Stream } from "effect"
import { AppSettings } from "../src/config/app-settings.ts"
import type { ProfileData } from "../src/domain/customer.ts"
import type { Reject } from "../src/domain/reject.ts"
import type { Truncation } from "../src/domain/truncation.ts"
import { neutralizeCell } from "../src/report/csv-cell.ts"
import { openLineWriter } from "../src/report/ndjson-writer.ts"
import { readCsv } from "../src/sources/csv/read-csv.ts"
import { toOrceMessage } from "../src/stages/map/index.ts"
import {
  canonicalColumns,
  loadReferenceData,
  profileColumns,
  requiredColumns,
  requiredProfileColumns,
  validateCustomerRow,
  validateProfileRow
} from "../src/stages/validate/index.ts"

export interface MapDryRunInput {
  readonly customers: string
  readonly profiles?: string | undefined
  /** NDJSON: one ORCE add-or-update message per valid customer, in file order. */
  readonly out: string
  /** CSV of every truncation (MAP-3). */
  readonly truncationsOut: string
  /** CSV of the records that did not validate. */
  readonly rejectsOut: string
}

export interface MapDryRunResult {
  readonly records: number
  readonly mapped: number
  readonly rejected: number
  readonly truncations: number
}

const truncationColumns = ["customer_number", "relate_id", "field", "before", "after"] as const
const rejectColumns = ["source", "line", "customer_number", "field", "rule", "reason"] as const

const csvLines = (rows: ReadonlyArray<ReadonlyArray<unknown>>) =>
  rows.length === 0 ? [] : [stringify(rows.map((row) => row.map(neutralizeCell))).trimEnd()]

/**
 * `orce-sync map`: validates an export and writes exactly the ORCE message each customer would produce,
 * touching no database and no ORCE. Without ORCE to ask, a customer with a Relate ID is mapped as an
 * update of that ORCE customer and one without as new to ORCE (MAP-12).
 */
export const mapDryRun = Effect.fn("mapDryRun")(function*(input: MapDryRunInput, onProgress?: (done: number, fraction: number) => void) {
  const settings = yield* AppSettings
  const reference = loadReferenceData()
  const customers = yield* readCsv(input.customers, {
    knownColumns: canonicalColumns,
    requiredColumns,
    columnMapping: settings.columns
  })

  // Profile data only matters when it is sent (MAP-13).
  const profiles = new Map<number, Array<ProfileData>>()
  if (input.profiles !== undefined && settings.sendProfileData === "Y") {
    const file = yield* readCsv(input.profiles, {
      knownColumns: profileColumns,
      requiredColumns: requiredProfileColumns,
      columnMapping: settings.columns
    })
    yield* file.records.pipe(Stream.runForEach((record) =>
      Effect.sync(() => {
        if (record._tag !== "Row") return
        const result = validateProfileRow(record.values, { source: file.name, line: record.line })
        if (result.ok) {
          const rows = profiles.get(result.value.customerNumber) ?? []
          rows.push(result.value)
          profiles.set(result.value.customerNumber, rows)
        }
      })
    ))
  }

  const messages = yield* openLineWriter(input.out)
  const truncationsFile = yield* openLineWriter(input.truncationsOut)
  const rejectsFile = yield* openLineWriter(input.rejectsOut)
  yield* truncationsFile.write(csvLines([truncationColumns]))
  yield* rejectsFile.write(csvLines([rejectColumns]))

  let records = 0
  let mapped = 0
  let rejected = 0
  let truncated = 0
  yield* customers.records.pipe(
    Stream.grouped(settings.chunkSize),
    Stream.runForEach((chunk) =>
      Effect.gen(function*() {
        const lines: Array<string> = []
        const truncations: Array<Truncation> = []
        const rejects: Array<Reject> = []
        for (const record of chunk) {
          records++
          if (record._tag === "Malformed") {
            rejects.push({
              source: customers.name,
              line: record.line,
              customerNumber: "",
              field: "(record)",
              reason: record.reason,
              rule: "VAL-8"
            })
            continue
          }
          const result = validateCustomerRow(record.values, { source: customers.name, line: record.line }, reference)
          if (!result.ok) {
            rejects.push(...result.rejects)
            continue
          }
          const customer = result.value
          const mappedCustomer = toOrceMessage(customer, {
            settings,
            profile: profiles.get(customer.customerNumber) ?? [],
            relateId: customer.relateId === "" ? undefined : customer.relateId,
            isNew: customer.relateId === ""
          })
          lines.push(JSON.stringify(mappedCustomer.message))
          truncations.push(...mappedCustomer.truncations)
          mapped++
        }
        rejected += new Set(rejects.map((reject) => reject.line)).size
        truncated += truncations.length
        yield* messages.write(lines)
        yield* truncationsFile.write(
          csvLines(truncations.map((t) => [t.customerNumber, t.relateId, t.field, t.before, t.after]))
        )
        yield* rejectsFile.write(
          csvLines(rejects.map((r) => [r.source, r.line, r.customerNumber, r.field, r.rule, r.reason]))
        )
        onProgress?.(records, customers.progress())
      })
    )
  )
  return { records, mapped, rejected, truncations: truncated } satisfies MapDryRunResult
}, Effect.scoped)
