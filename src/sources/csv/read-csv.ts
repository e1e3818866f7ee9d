import { parse } from "csv-parse/sync"
import { createReadStream, statSync } from "node:fs"
import { Effect, Stream } from "effect"
import { describeInput } from "../describe-input.ts"
import {
  type ColumnOptions,
  type RecordSource,
  resolveHeader,
  SourceError,
  type SourceRecord
} from "../record-source.ts"
import { type RawRecord, RecordSplitter } from "./split-records.ts"

const parseText = (text: string): Array<Array<string>> => parse(text, { relax_column_count: true })

type Parsed = { readonly fields: ReadonlyArray<string> } | { readonly error: string }

const parseQuoted = (record: RawRecord): Parsed => {
  try {
    const parsed = parseText(record.text)
    return parsed.length === 1 ? { fields: parsed[0]! } : { error: "holds more than one record" }
  } catch (error) {
    return { error: describeParseError(error) }
  }
}

/**
 * Parses a batch of records. A record without a quote character has no escaping (RFC 4180), so splitting
 * at commas reads it exactly and many times faster; only records with quotes go through csv-parse.
 *
 * csv-parse costs tens of microseconds a call before it reads a byte, so a batch's quoted records go
 * through it in one call, joined by line feeds. Each record was split at a line break outside quotes, so
 * the joined text holds as many records as the batch unless one of them is malformed; then, or if a
 * record holds a carriage return (which csv-parse may take for a line break), each is parsed alone to
 * say which one is wrong.
 */
const parseRecords = (records: ReadonlyArray<RawRecord>): Array<Parsed> => {
  const parsed: Array<Parsed | undefined> = records.map((record) =>
    record.text.includes("\"") ? undefined : { fields: record.text.split(",") }
  )
  const quoted = records.flatMap((_record, index) => parsed[index] === undefined ? [index] : [])
  const together = quoted.length > 1 && quoted.every((index) => !records[index]!.text.includes("\r"))
    ? parseTogether(quoted.map((index) => records[index]!.text))
    : undefined
  quoted.forEach((recordIndex, position) => {
    parsed[recordIndex] = together?.[position] !== undefined
      ? { fields: together[position] }
      : parseQuoted(records[recordIndex]!)
  })
  return parsed as Array<Parsed>
}

const parseTogether = (texts: ReadonlyArray<string>): Array<Array<string>> | undefined => {
  try {
    const rows = parseText(texts.join("\n"))
    return rows.length === texts.length ? rows : undefined
  } catch {
    return undefined
  }
}

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
export const readCsv = Effect.fnUntraced(function*(path: string, options: ColumnOptions) {
  const bytes = yield* Effect.try({
    try: () => statSync(path).size,
    catch: () => new SourceError({ source: path, message: `Cannot read ${path}; check that the file exists.` })
  })
  const splitter = new RecordSplitter()
  const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false })
  const iterator = createReadStream(path, { highWaterMark: 64 * 1024 })[Symbol.asyncIterator]()
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
    new SourceError({ source: path, message: `Reading ${path} failed: ${cause instanceof Error ? cause.message : String(cause)}` })

  // The header is the first record.
  let first: RawRecord | undefined
  while (first === undefined) {
    const raws = yield* Effect.tryPromise({ try: nextRaw, catch: ioError })
    if (raws.length === 0) {
      return yield* new SourceError({ source: path, message: `${path} is empty; an export starts with a header row.` })
    }
    first = raws.shift()
    pending = raws
  }
  const headerFields = parseRecords([first])[0]!
  if (!("fields" in headerFields)) {
    return yield* new SourceError({ source: path, message: `The header row of ${path} ${headerFields.error}.` })
  }
  const header = yield* resolveHeader(path, headerFields.fields.map((name) => name.replace(/^\uFEFF/, "")), options)
  const width = header.columns.length
  // Each row is a copy of this template: a row built a property at a time turns into a slow dictionary
  // object past a dozen columns.
  const template = Object.fromEntries(header.columns.flatMap((name) => name === undefined ? [] : [[name, ""]]))

  const toRecords = (raws: ReadonlyArray<RawRecord>): Array<SourceRecord> => {
    const out: Array<SourceRecord> = []
    const parsed = parseRecords(raws)
    for (let index = 0; index < raws.length; index++) {
      const raw = raws[index]!
      const result = parsed[index]!
      const problem = raw.text.includes("\uFFFD")
        ? "is not valid UTF-8"
        : "error" in result
        ? result.error
        : result.fields.length !== width
        ? `has ${result.fields.length} field${result.fields.length === 1 ? "" : "s"}; the header has ${width}`
        : undefined
      if (problem === undefined && "fields" in result) {
        const values: Record<string, string> = { ...template }
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
  return {
    name: path,
    header,
    records,
    progress: () => bytesRead / Math.max(bytes, 1),
    describe: describeInput(path)
  } satisfies RecordSource
})
