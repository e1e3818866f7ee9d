import { statSync } from "node:fs"
import { type FileHandle, open } from "node:fs/promises"
import { Effect, Stream } from "effect"
import { describeInput } from "../describe-input.ts"
import { type ColumnOptions, type RecordSource, resolveHeader, SourceError } from "../record-source.ts"
import { decodeUtf8, invalidUtf8Mark, wholeCharactersEnd } from "./decode-utf8.ts"
import { parseRecords, recordParser } from "./parse-records.ts"
import { type RawRecord, RecordSplitter } from "./split-records.ts"

/** Bytes read at a time. */
const readBytes = 256 * 1024

/** Bytes decoded to text at a time (see openRawRecords). */
const decodeBytes = 32 * 1024

/** A byte order mark, which a file may start with and which is no part of its text. */
const byteOrderMark = Buffer.from([0xef, 0xbb, 0xbf])

/**
 * A file's raw records in order; `close` stops reading early. The file is read into one buffer, over and
 * over, each read decoded before the next: a buffer per read would be garbage outside the heap, and
 * enough of it makes V8 run full collections on that account alone. A character the end of a read cuts
 * is moved to the start of the buffer and read whole with the next.
 */
const openRawRecords = (path: string) => {
  const splitter = new RecordSplitter()
  const buffer = Buffer.allocUnsafeSlow(readBytes)
  let file: Promise<FileHandle> | undefined
  let pending: Array<RawRecord> = []
  let bytesRead = 0
  let held = 0
  let ended = false

  const decode = (start: number, end: number) => {
    // Decoded a piece at a time: text of 128 KB or more goes straight to the old generation, which only
    // a full collection empties, and a file read that way keeps the collector busy.
    for (let at = start; at < end;) {
      const pieceEnd = at + decodeBytes < end ? wholeCharactersEnd(buffer, at + decodeBytes) : end
      for (const record of splitter.push(decodeUtf8(buffer.subarray(at, pieceEnd)))) pending.push(record)
      at = pieceEnd
    }
  }

  /** Complete raw records, at least one unless the file has ended. */
  const next = async (): Promise<Array<RawRecord>> => {
    const handle = await (file ??= open(path))
    while (pending.length === 0 && !ended) {
      const read = (await handle.read(buffer, held, readBytes - held, null)).bytesRead
      if (read === 0) {
        decode(0, held) // a character cut by the end of the file, which is not UTF-8
        pending.push(...splitter.finish())
        ended = true
        continue
      }
      const filled = held + read
      const start = bytesRead === 0 && buffer.subarray(0, Math.min(filled, 3)).equals(byteOrderMark) ? 3 : 0
      bytesRead += read
      const end = wholeCharactersEnd(buffer, filled)
      decode(start, end)
      buffer.copyWithin(0, end, filled)
      held = filled - end
    }
    const out = pending
    pending = []
    return out
  }
  const close = () => {
    file?.then((handle) => handle.close()).catch(() => undefined)
  }
  return { next, bytesRead: () => bytesRead, close }
}

/**
 * Reads a CSV export as a stream of records: header-driven, BOM tolerant, lines ended by CRLF, LF or CR,
 * invalid UTF-8 and malformed records turned into `Malformed` records with their line numbers (VAL-8),
 * never dropped.
 *
 * Opening reads only the header; the records are read from the file each time the stream runs, so a
 * source handed to another thread to read costs this one nothing.
 */
export const readCsv = Effect.fnUntraced(function*(path: string, options: ColumnOptions) {
  const bytes = yield* Effect.try({
    try: () => statSync(path).size,
    catch: () => new SourceError({ source: path, message: `Cannot read ${path}; check that the file exists.` })
  })
  const ioError = (cause: unknown) =>
    new SourceError({ source: path, message: `Reading ${path} failed: ${cause instanceof Error ? cause.message : String(cause)}` })

  // The header is the first record.
  const first = yield* Effect.tryPromise({
    try: async () => {
      const raw = openRawRecords(path)
      try {
        return (await raw.next())[0]
      } finally {
        raw.close()
      }
    },
    catch: ioError
  })
  if (first === undefined) {
    return yield* new SourceError({ source: path, message: `${path} is empty; an export starts with a header row.` })
  }
  if (first.text.includes(invalidUtf8Mark)) {
    return yield* new SourceError({ source: path, message: `The header row of ${path} is not valid UTF-8; save the export as UTF-8.` })
  }
  const headerFields = parseRecords([first])[0]!
  if (!("fields" in headerFields)) {
    return yield* new SourceError({ source: path, message: `The header row of ${path} ${headerFields.error}.` })
  }
  const header = yield* resolveHeader(path, headerFields.fields, options)

  const parse = recordParser(header.columns)
  let reading: ReturnType<typeof openRawRecords> | undefined
  const batches = async function*() {
    const raw = openRawRecords(path)
    reading = raw
    try {
      let first = true
      for (;;) {
        const raws = await raw.next()
        if (raws.length === 0) return
        const records = first ? raws.slice(1) : raws // the header was read on opening
        first = false
        if (records.length > 0) yield parse(records)
      }
    } finally {
      raw.close()
    }
  }

  return {
    name: path,
    header,
    records: Stream.suspend(() => Stream.fromAsyncIterable(batches(), ioError)).pipe(Stream.flattenIterable),
    progress: () => (reading?.bytesRead() ?? 0) / Math.max(bytes, 1),
    describe: describeInput(path),
    file: { path, columns: options }
  } satisfies RecordSource
})
