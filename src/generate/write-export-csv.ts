import { Effect, Schema } from "effect"
import { type CustomerRow, customerColumns, type ProfileRow, profileColumns } from "./columns.ts"
import { type CsvSink, openCsvSink } from "./csv-sink.ts"
import { GenerateOptions, generateExport } from "./generate-export.ts"
import { type DirtKind, isRejectable } from "./make-dirty.ts"

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
  /** Called with the number of customers written so far, every `progressEvery` customers and at the end. */
  readonly onProgress?: ((customersWritten: number) => void) | undefined
  readonly progressEvery?: number | undefined
}

export interface WriteExportSummary {
  readonly customers: number
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
  await Promise.all([customersSink.end(), profileSink?.end(), truthSink?.end()])
  if (customers % progressEvery !== 0) options.onProgress?.(customers)
  return { customers, profiles, duplicates, dirtyRows, rejectableRows, dirt }
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
