import { parse } from "csv-parse/sync"
import type { SourceRecord } from "../record-source.ts"
import { invalidUtf8Mark } from "./decode-utf8.ts"
import { type RawRecord, RecordSplitter } from "./split-records.ts"

// Records are joined by LF alone (see parseRecords): a CR left in a record was inside quotes, and data.
const parseText = (text: string): Array<Array<string>> => parse(text, { relax_column_count: true, record_delimiter: "\n" })

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
 * through it in one call, joined by line feeds. Each record was split at a line end outside quotes, so
 * the joined text holds as many records as the batch unless one of them is malformed; then each is parsed
 * alone to say which one is wrong.
 */
export const parseRecords = (records: ReadonlyArray<RawRecord>): Array<Parsed> => {
  const parsed: Array<Parsed | undefined> = records.map((record) =>
    record.text.includes("\"") ? undefined : { fields: record.text.split(",") }
  )
  const quoted = records.flatMap((_record, index) => parsed[index] === undefined ? [index] : [])
  const together = quoted.length > 1 ? parseTogether(quoted.map((index) => records[index]!.text)) : undefined
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
 * Makes the parser of a file's records: it turns raw records into records keyed by known column name
 * (`columns`: the known column read from each position of the header, null where it is ignored), or the
 * reason a record cannot be read (VAL-8).
 */
export const recordParser = (columns: ReadonlyArray<string | null>) => {
  const width = columns.length
  // A row is made by an object literal generated for this header, once: every row then has the same
  // shape from the start, where a row built a property at a time turns into a slow dictionary object
  // past a dozen columns. Keys are JSON string literals, so any column name is safe in the code.
  const entries = columns.flatMap((name, index) => name === null ? [] : [`${JSON.stringify(name)}: fields[${index}]`])
  const rowOf = new Function("fields", `return { ${entries.join(", ")} }\n//# sourceURL=generated/row-of-header`) as (
    fields: ReadonlyArray<string>
  ) => Record<string, string>

  const toRecords = (raws: ReadonlyArray<RawRecord>): Array<SourceRecord> => {
    const out: Array<SourceRecord> = []
    const parsed = parseRecords(raws)
    for (let index = 0; index < raws.length; index++) {
      const raw = raws[index]!
      const result = parsed[index]!
      const problem = raw.text.includes(invalidUtf8Mark)
        ? "is not valid UTF-8"
        : raw.text.includes("\u0000")
        ? "holds a NUL character (byte 0), which no text field can store; remove it from the export"
        : "error" in result
        ? result.error
        : result.fields.length !== width
        ? `has ${result.fields.length} field${result.fields.length === 1 ? "" : "s"}; the header has ${width}`
        : undefined
      if (problem === undefined && "fields" in result) {
        out.push({ _tag: "Row", line: raw.line, values: rowOf(result.fields) })
        continue
      }
      out.push({ _tag: "Malformed", line: raw.line, reason: `line ${raw.line} ${problem}` })
      // Only the first line of a malformed multi-line record is blamed: the lines after it are read again.
      if (raw.lineCount > 1) out.push(...toRecords(new RecordSplitter().reread(raw)))
    }
    return out
  }
  return toRecords
}
