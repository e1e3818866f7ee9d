import { Effect, Option, Stream } from "effect"
import { sql } from "kysely"
import type { Query } from "../../db/database.ts"
import { type ColumnOptions, type RecordSource, resolveHeader, SourceError, type SourceRecord } from "../record-source.ts"

export interface TableOptions extends ColumnOptions {
  /** The known column the table is read in order of (keyset pagination). */
  readonly keyColumn: string
  readonly pageSize?: number
}

type Row = Record<string, unknown>

const text = (value: unknown): string =>
  value === null || value === undefined ? "" : value instanceof Date ? value.toISOString().slice(0, 10) : String(value)

const splitName = (table: string) => {
  const dot = table.indexOf(".")
  return dot === -1 ? { schema: undefined, name: table } : { schema: table.slice(0, dot), name: table.slice(dot + 1) }
}

/**
 * Reads an export table page by page in key order (keyset pagination: each page starts after the last
 * key read, so a page costs the same at the end of the table as at the start). The row's ctid breaks ties,
 * so duplicate keys are all read (and rejected by VAL-3, not lost); rows with no key are read first.
 */
export const readTable = Effect.fnUntraced(function*(query: Query, table: string, options: TableOptions) {
  const source = `table ${table}`
  const pageSize = options.pageSize ?? 5_000
  const fail = (cause: unknown) =>
    new SourceError({ source, message: `Reading ${source} failed: ${cause instanceof Error ? cause.message : String(cause)}` })
  // Column names must reach the header as the table spells them, not camel-cased.
  const read = <A>(operation: string, f: (db: Parameters<Parameters<Query>[1]>[0]) => Promise<A>) =>
    query(operation, (db) => f(db.withoutPlugins() as typeof db)).pipe(Effect.mapError(fail))

  const { schema, name } = splitName(table)
  const columnRows = yield* read("read export columns", (db) =>
    sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns
      WHERE table_name = ${name} AND table_schema = coalesce(${schema ?? null}, current_schema())
      ORDER BY ordinal_position`.execute(db))
  if (columnRows.rows.length === 0) {
    return yield* new SourceError({ source, message: `${source} does not exist; check the table name and its schema.` })
  }
  const names = columnRows.rows.map((row) => row.column_name)
  const header = yield* resolveHeader(source, names, options)
  const keyName = names[header.columns.indexOf(options.keyColumn)]!
  const total = yield* read("count export rows", (db) =>
    sql<{ count: string }>`SELECT count(*) AS count FROM ${sql.table(table)}`.execute(db)).pipe(
      Effect.map((result) => Number(result.rows[0]!.count))
    )

  const key = sql.ref(keyName)
  const from = sql.table(table)
  type Cursor = { readonly phase: "unkeyed" | "keyed"; readonly key?: unknown; readonly ctid?: string }
  let line = 0

  const toRecord = (row: Row): SourceRecord => {
    const values: Record<string, string> = {}
    for (let index = 0; index < names.length; index++) {
      const column = header.columns[index]
      if (column !== null && column !== undefined) values[column] = text(row[names[index]!])
    }
    return { _tag: "Row", line: ++line, values }
  }

  const page = (cursor: Cursor) =>
    read("read export page", (db) => {
      if (cursor.phase === "unkeyed") {
        const after = cursor.ctid ?? "(0,0)"
        return sql<Row>`
          SELECT ctid::text AS "__ctid", * FROM ${from}
          WHERE ${key} IS NULL AND ctid > ${after}::tid
          ORDER BY ctid LIMIT ${pageSize}`.execute(db)
      }
      return cursor.ctid === undefined
        ? sql<Row>`
          SELECT ctid::text AS "__ctid", * FROM ${from}
          WHERE ${key} IS NOT NULL ORDER BY ${key}, ctid LIMIT ${pageSize}`.execute(db)
        : sql<Row>`
          SELECT ctid::text AS "__ctid", * FROM ${from}
          WHERE (${key}, ctid) > (${cursor.key}, ${cursor.ctid}::tid)
          ORDER BY ${key}, ctid LIMIT ${pageSize}`.execute(db)
    }).pipe(Effect.map((result) => {
      const rows = result.rows
      const last = rows[rows.length - 1]
      const next: Option.Option<Cursor> = rows.length === pageSize
        ? Option.some({ phase: cursor.phase, key: last?.[keyName], ctid: String(last?.__ctid) })
        : cursor.phase === "unkeyed"
        ? Option.some({ phase: "keyed" })
        : Option.none()
      return [rows.map(toRecord), next] as const
    }))

  const records = Stream.paginate({ phase: "unkeyed" } as Cursor, page)

  return {
    name: source,
    header,
    records,
    progress: () => line / Math.max(total, 1),
    describe: Effect.succeed({ source, rows: total })
  } satisfies RecordSource
})
