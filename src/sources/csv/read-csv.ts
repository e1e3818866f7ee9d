import { parse } from "csv-parse/sync"
import { createReadStream, statSync } from "node:fs"
import { Effect, Schema, Stream } from "effect"
import { type RawRecord, RecordSplitter } from "./split-records.ts"

export type CsvRecord =
  | { readonly _tag: "Row"; readonly line: number; readonly values: Readonly<Record<string, string>> }
  | { readonly _tag: "Malformed"; readonly line: number; readonly reason: string }

export class CsvFileError extends Schema.TaggedError<CsvFileError>()("CsvFileError", {
  path: Schema.String,
  message: Schema.String
}) {}

export interface CsvOptions {
  /** Names a column may have in this project; any other header is ignored (and reported). */
  readonly knownColumns: ReadonlyArray<string>
  /** VAL-2: a file without these is refused before anything is read. */
  readonly requiredColumns: ReadonlyArray<string>
  /** Export header → known column name, from the COLUMNS setting. */
  readonly columnMapping?: Readonly<Record<string, string>>
}

export interface CsvHeader {
  /** The known column read from each position, or undefined where the column is ignored. */
  readonly columns: ReadonlyArray<string | undefined>
  readonly ignored: ReadonlyArray<string>
}

export interface CsvFile {
  readonly path: string
  readonly bytes: number
  readonly header: CsvHeader
  readonly records: Stream.Stream<CsvRecord, CsvFileError>
  /** Bytes read so far, for progress. */
  readonly bytesRead: () => number
}

const normalizeName = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, "_")

const resolveHeader = (path: string, names: ReadonlyArray<string>, options: CsvOptions) => {
  const known = new Set(options.knownColumns)
  const mapping = new Map(Object.entries(options.columnMapping ?? {}).map(([from, to]) => [normalizeName(from), to]))
  const columns: Array<string | undefined> = []
  const ignored: Array<string> = []
  const seen = new Set<string>()
  for (const name of names) {
    const normalized = normalizeName(name)
    const column = mapping.get(normalized) ?? normalized
    if (!known.has(column)) {
      ignored.push(name)
      columns.push(undefined)
      continue
    }
    if (seen.has(column)) {
      return Effect.fail(
        new CsvFileError({ path, message: `${path} has the column ${column} twice; remove one or map it to another name.` })
      )
    }
    seen.add(column)
    columns.push(column)
  }
  const missing = options.requiredColumns.filter((column) => !seen.has(column))
  if (missing.length > 0) {
    return Effect.fail(
      new CsvFileError({
        path,
        message: `${path} is missing the required column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; ` +
          `add ${missing.length > 1 ? "them" : "it"} or map the export's names with the COLUMNS setting.`
      })
    )
  }
  return Effect.succeed<CsvHeader>({ columns, ignored })
}

const parseOne = (text: string): Array<Array<string>> => parse(text, { relax_column_count: true })

type Parsed = { readonly fields: ReadonlyArray<string> } | { readonly error: string }

const parseQuoted = (record: RawRecord): Parsed => {
  try {
    const parsed = parseOne(record.text)
    return parsed.length === 1 ? { fields: parsed[0]! } : { error: "holds more than one record" }
  } catch (error) {
    return { error: describeParseError(error) }
  }
}

/**
 * A record without a quote character has no escaping (RFC 4180), so splitting at commas reads it exactly
 * and many times faster; only records with quotes go through csv-parse.
 */
const parseRecord = (record: RawRecord): Parsed =>
  record.text.includes("\"") ? parseQuoted(record) : { fields: record.text.split(",") }

const describeParseError = (error: unknown): string => {
  const code = (error as { code?: string }).code
  switch (code) {
    case "CSV_INVALID_CLOSING_QUOTE":
      return "has a quoted field with text after its closing quote"
    case "CSV_QUOTE_NOT_CLOSED":
      return "has a quoted field that is never closed"
    default:
      return `cannot be parsed as CSV (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`
  }
}

/**
 * Reads a CSV export as a stream of records: header-driven, BOM and CRLF tolerant, invalid UTF-8 and
 * malformed records turned into `Malformed` records with their line numbers (VAL-8), never dropped.
 */
export const readCsv = Effect.fnUntraced(function*(path: string, options: CsvOptions) {
  const bytes = yield* Effect.try({
    try: () => statSync(path).size,
    catch: () => new CsvFileError({ path, message: `Cannot read ${path}; check that the file exists.` })
  })
  const splitter = new RecordSplitter()
  const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false })
  const iterator = createReadStream(path, { highWaterMark: 256 * 1024 })[Symbol.asyncIterator]()
  let pending: Array<RawRecord> = []
  let bytesRead = 0
  let ended = false

  /** Complete raw records, at least one unless the file has ended. */
  const nextRaw = async (): Promise<Array<RawRecord>> => {
    while (pending.length === 0 && !ended) {
      const chunk = await iterator.next()
      if (chunk.done) {
        pending = splitter.push(decoder.decode())
        pending.push(...splitter.finish())
        ended = true
      } else {
        bytesRead += (chunk.value as Buffer).length
        pending = splitter.push(decoder.decode(chunk.value as Buffer, { stream: true }))
      }
    }
    const out = pending
    pending = []
    return out
  }

  const ioError = (cause: unknown) =>
    new CsvFileError({ path, message: `Reading ${path} failed: ${cause instanceof Error ? cause.message : String(cause)}` })

  // The header is the first record.
  let first: RawRecord | undefined
  while (first === undefined) {
    const raws = yield* Effect.tryPromise({ try: nextRaw, catch: ioError })
    if (raws.length === 0) {
      return yield* new CsvFileError({ path, message: `${path} is empty; an export starts with a header row.` })
    }
    first = raws.shift()
    pending = raws
  }
  const headerFields = parseRecord(first)
  if (!("fields" in headerFields)) {
    return yield* new CsvFileError({ path, message: `The header row of ${path} ${headerFields.error}.` })
  }
  const header = yield* resolveHeader(path, headerFields.fields.map((name) => name.replace(/^\uFEFF/, "")), options)
  const width = header.columns.length

  const toRecords = (raws: ReadonlyArray<RawRecord>): Array<CsvRecord> => {
    const out: Array<CsvRecord> = []
    for (const raw of raws) {
      const result = parseRecord(raw)
      const problem = raw.text.includes("\uFFFD")
        ? "is not valid UTF-8"
        : "error" in result
        ? result.error
        : result.fields.length !== width
        ? `has ${result.fields.length} field${result.fields.length === 1 ? "" : "s"}; the header has ${width}`
        : undefined
      if (problem === undefined && "fields" in result) {
        const values: Record<string, string> = {}
        for (let column = 0; column < width; column++) {
          const name = header.columns[column]
          if (name !== undefined) values[name] = result.fields[column]!
        }
        out.push({ _tag: "Row", line: raw.line, values })
        continue
      }
      out.push({ _tag: "Malformed", line: raw.line, reason: `line ${raw.line} ${problem}` })
      // Only the first line of a malformed multi-line record is blamed: the lines after it are read again.
      if (raw.lineCount > 1) out.push(...toRecords(splitter.reread(raw)))
    }
    return out
  }

  const batches = async function*() {
    for (;;) {
      const raws = await nextRaw()
      if (raws.length === 0) return
      yield toRecords(raws)
    }
  }

  const records = Stream.fromAsyncIterable(batches(), ioError).pipe(Stream.flattenIterable)
  return { path, bytes, header, records, bytesRead: () => bytesRead } satisfies CsvFile
})
