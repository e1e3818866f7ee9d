import { Effect, Schema } from "effect"
import { type CustomerRow, customerColumns, type ProfileRow, profileColumns } from "./columns.ts"
import { type CsvSink, openCsvSink } from "./csv-sink.ts"
import { GenerateOptions, generateExport } from "./generate-export.ts"
import { customerNumberDirtKinds, type DirtKind, isRejectable } from "./make-dirty.ts"
import {
  type ActivityCsvRow,
  activityCsvColumns,
  makeSites,
  type RequestCsvRow,
  requestCsvColumns,
  siteCsvColumns,
  type SiteCsvRow,
  siteUseCsvColumns,
  type SiteUseCsvRow
} from "./make-sites.ts"
import { makePrng } from "./prng.ts"

export const truthColumns = ["duplicate_customer_number", "original_customer_number", "variations"] as const
export type TruthRow = { [K in (typeof truthColumns)[number]]: string }

/** The options of `orce-sync generate`, one to one. */
export interface WriteExportOptions extends GenerateOptions {
  /** The customer CSV. */
  readonly out: string
  /** The profile CSV (customer_number, profile_description, value); not written when left out. */
  readonly profileOut?: string | undefined
  /** The dedupe ground truth: which customer numbers duplicate which original; not written when left out. */
  readonly truthOut?: string | undefined
  /** Sites, site uses and activity of the customers (written together, all three or none). */
  readonly sitesOut?: string | undefined
  readonly siteUsesOut?: string | undefined
  readonly activityOut?: string | undefined
  /** Activity rows per customer; 20 when left out. */
  readonly activityPerCustomer?: number | undefined
  /** A merge request (De-duplication, P2, create same site) for each duplicate into its original. */
  readonly requestsOut?: string | undefined
  /** Called with the number of customers written so far, every `progressEvery` customers and at the end. */
  readonly onProgress?: ((customersWritten: number) => void) | undefined
  readonly progressEvery?: number | undefined
}

export interface WriteExportSummary {
  readonly customers: number
  readonly sites: number
  readonly activity: number
  readonly requests: number
  readonly profiles: number
  readonly duplicates: number
  readonly dirtyRows: number
  /** Dirty rows that validation must reject (the rest must load after repair). */
  readonly rejectableRows: number
  readonly dirt: Readonly<Partial<Record<DirtKind, number>>>
}

export class InvalidExportOptions extends Schema.TaggedError<InvalidExportOptions>()("InvalidExportOptions", {
  message: Schema.String
}) {}

export class ExportWriteError extends Schema.TaggedError<ExportWriteError>()("ExportWriteError", {
  path: Schema.String,
  message: Schema.String,
  cause: Schema.Defect()
}) {}

/** Remembers which file failed, for the error message. */
class SinkFailure {
  readonly path: string
  readonly cause: unknown
  constructor(path: string, cause: unknown) {
    this.path = path
    this.cause = cause
  }
}

const failingWith = <Row>(path: string, sink: CsvSink<Row>): CsvSink<Row> => {
  const tag = (cause: unknown) => Promise.reject(new SinkFailure(path, cause))
  return {
    write: (row) => sink.write(row)?.catch(tag),
    end: () => sink.end().catch(tag)
  }
}

const writeAll = async (options: WriteExportOptions, signal: AbortSignal): Promise<WriteExportSummary> => {
  const customersSink = failingWith(options.out, openCsvSink<CustomerRow>(options.out, customerColumns))
  const profileSink = options.profileOut === undefined
    ? undefined
    : failingWith(options.profileOut, openCsvSink<ProfileRow>(options.profileOut, profileColumns))
  const truthSink = options.truthOut === undefined
    ? undefined
    : failingWith(options.truthOut, openCsvSink<TruthRow>(options.truthOut, truthColumns))
  const progressEvery = Math.max(1, options.progressEvery ?? 10_000)
  const optional = <Row extends Record<string, string>>(path: string | undefined, columns: ReadonlyArray<keyof Row & string>) =>
    path === undefined ? undefined : failingWith(path, openCsvSink<Row>(path, columns))
  const sitesSink = optional<SiteCsvRow>(options.sitesOut, siteCsvColumns)
  const usesSink = optional<SiteUseCsvRow>(options.siteUsesOut, siteUseCsvColumns)
  const activitySink = optional<ActivityCsvRow>(options.activityOut, activityCsvColumns)
  const requestsSink = optional<RequestCsvRow>(options.requestsOut, requestCsvColumns)
  // A stream of its own: adding sites to an export changes none of its customers.
  const siting = makePrng(options.seed + 0x5000_0005)
  const activityPerCustomer = options.activityPerCustomer ?? 20
  const writeEach = async <Row>(sink: { write: (row: Row) => Promise<void> | undefined } | undefined, rows: ReadonlyArray<Row>) => {
    if (sink === undefined) return
    for (const row of rows) {
      const waiting = sink.write(row)
      if (waiting !== undefined) await waiting
    }
  }
  let sites = 0
  let activity = 0
  let requests = 0

  let customers = 0
  let profiles = 0
  let duplicates = 0
  let dirtyRows = 0
  let rejectableRows = 0
  const dirt: Partial<Record<DirtKind, number>> = {}

  for (const record of generateExport(options)) {
    if (record._tag === "Profile") {
      if (profileSink !== undefined) {
        profiles++
        const waiting = profileSink.write(record.row)
        if (waiting !== undefined) await waiting
      }
      continue
    }
    customers++
    const waiting = customersSink.write(record.row)
    if (waiting !== undefined) await waiting
    if (record.duplicateOf !== undefined) {
      duplicates++
      const waitingTruth = truthSink?.write({
        duplicate_customer_number: record.row.customer_number,
        original_customer_number: record.duplicateOf,
        variations: record.variations.join(";")
      })
      if (waitingTruth !== undefined) await waitingTruth
    }
    // Sites only for a customer the load takes: a rejected customer's sites would only be rejected with it.
    const loads = record.dirt === undefined || (!isRejectable(record.dirt) && !customerNumberDirtKinds.has(record.dirt))
    if (sitesSink !== undefined && loads) {
      const made = makeSites(record.row, siting, activityPerCustomer)
      await writeEach(sitesSink, made.sites)
      await writeEach(usesSink, made.uses)
      await writeEach(activitySink, made.activity)
      sites += made.sites.length
      activity += made.activity.length
    }
    if (requestsSink !== undefined && record.duplicateOf !== undefined && loads) {
      requests++
      await writeEach(requestsSink, [{
        from_customer: record.row.customer_number,
        to_customer: record.duplicateOf,
        reason: "De-duplication",
        priority: "P2",
        create_same_site: "Y"
      }])
    }
    if (record.dirt !== undefined) {
      dirtyRows++
      if (isRejectable(record.dirt)) rejectableRows++
      dirt[record.dirt] = (dirt[record.dirt] ?? 0) + 1
    }
    if (customers % progressEvery === 0) {
      options.onProgress?.(customers)
      if (signal.aborted) break
    }
  }
  await Promise.all([customersSink.end(), profileSink?.end(), truthSink?.end(), sitesSink?.end(), usesSink?.end(), activitySink?.end(), requestsSink?.end()])
  if (customers % progressEvery !== 0) options.onProgress?.(customers)
  return { customers, sites, activity, requests, profiles, duplicates, dirtyRows, rejectableRows, dirt }
}

/**
 * Generates an export (see `generateExport`) straight into CSV files, streaming with backpressure so that
 * memory stays bounded whatever the number of customers.
 */
export const writeExportCsv = Effect.fnUntraced(function*(
  options: WriteExportOptions
): Effect.fn.Return<WriteExportSummary, InvalidExportOptions | ExportWriteError> {
  yield* Schema.decodeUnknownEffect(GenerateOptionsForWriter)(options).pipe(
    Effect.mapError((error) =>
      new InvalidExportOptions({
        message: `Generate options are not valid (${error.message.split("\n").join(" ")}); ` +
          `--customers is a whole number and the rates are from 0 to 1.`
      })
    )
  )
  return yield* Effect.tryPromise({
    try: (signal) => writeAll(options, signal),
    catch: (cause) =>
      cause instanceof SinkFailure
        ? writeError(cause.path, cause.cause)
        : writeError(options.out, cause)
  })
})

const writeError = (path: string, cause: unknown) =>
  new ExportWriteError({
    path,
    message: `Cannot write ${path} (${messageOf(cause)}); check the path and that the disk has room.`,
    cause
  })

const GenerateOptionsForWriter = Schema.Struct({
  ...GenerateOptions.fields,
  out: Schema.String.check(Schema.isMinLength(1))
})

const messageOf = (cause: unknown): string => cause instanceof Error ? cause.message : String(cause)
