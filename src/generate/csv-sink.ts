import { once } from "node:events"
import { createWriteStream, mkdirSync } from "node:fs"
import { dirname } from "node:path"
import { pipeline } from "node:stream/promises"
import { stringify } from "csv-stringify"

/** A CSV file being written row by row; `write` must be awaited when it returns a promise (backpressure). */
export interface CsvSink<Row> {
  readonly write: (row: Row) => Promise<void> | undefined
  readonly end: () => Promise<void>
}

/**
 * Opens `path` for RFC 4180 CSV with a header row of `columns` and LF line endings. Any field holding a
 * comma, quote, CR or LF is quoted, so values such as embedded newlines survive a round trip.
 */
export const openCsvSink = <Row extends Record<string, string>>(
  path: string,
  columns: ReadonlyArray<keyof Row & string>
): CsvSink<Row> => {
  const stringifier = stringify({
    header: true,
    columns: [...columns],
    record_delimiter: "unix",
    // With an explicit record_delimiter, csv-stringify would stop quoting a lone CR.
    quote_record_delimiter: true,
    // A larger object buffer than the default 16 means far fewer waits on "drain" for the same memory bound.
    writableHighWaterMark: 512
  })
  mkdirSync(dirname(path), { recursive: true })
  const done = pipeline(stringifier, createWriteStream(path))
  // The pipeline's own rejection is what `end` reports; this only keeps an early failure from being unhandled.
  done.catch(() => undefined)

  const write = (row: Row): Promise<void> | undefined => {
    if (stringifier.destroyed) return done
    if (stringifier.write(row)) return undefined
    return Promise.race([once(stringifier, "drain").then(() => undefined), done])
  }
  const end = async (): Promise<void> => {
    if (!stringifier.destroyed) stringifier.end()
    await done
  }
  return { write, end }
}
