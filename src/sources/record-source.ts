import { Effect, Schema, type Stream } from "effect"
import type { RunInput } from "../runs/run-ledger.ts"

/**
 * What every source (CSV file, PostgreSQL table) hands the stages: records keyed by known column name,
 * with their position, or the reason a record could not be read at all (VAL-8). Nothing is dropped.
 */
export type SourceRecord =
  | { readonly _tag: "Row"; readonly line: number; readonly values: Readonly<Record<string, string>> }
  | { readonly _tag: "Malformed"; readonly line: number; readonly reason: string }

export class SourceError extends Schema.TaggedError<SourceError>()("SourceError", {
  source: Schema.String,
  message: Schema.String
}) {}

/** Which columns a source must and may have, and how the export's names map to known ones. */
export const ColumnOptions = Schema.Struct({
  /** Names a column may have in this project; any other is ignored (and reported). */
  knownColumns: Schema.Array(Schema.String),
  /** VAL-2: a source without these is refused before anything is read. */
  requiredColumns: Schema.Array(Schema.String),
  /** Export column name → known column name, from the COLUMNS setting. */
  columnMapping: Schema.optional(Schema.Record(Schema.String, Schema.String))
})
export type ColumnOptions = typeof ColumnOptions.Type

export interface SourceHeader {
  /** The known column read from each position, or null where the column is ignored. */
  readonly columns: ReadonlyArray<string | null>
  readonly ignored: ReadonlyArray<string>
}

export interface RecordSource {
  /** The file path or table name, as rejects cite it. */
  readonly name: string
  readonly header: SourceHeader
  readonly records: Stream.Stream<SourceRecord, SourceError>
  /** Share of the source read so far, 0 to 1, for progress. */
  readonly progress: () => number
  /** What the run's report says of this input (RPT-1). */
  readonly describe: Effect.Effect<RunInput, SourceError>
  /** A CSV file's path and columns, from which another thread can read the same records. */
  readonly file?: { readonly path: string; readonly columns: ColumnOptions } | undefined
}

const normalizeName = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, "_")

/** Matches a source's column names to known columns, refusing duplicates and missing required ones (VAL-2). */
export const resolveHeader = (
  source: string,
  names: ReadonlyArray<string>,
  options: ColumnOptions
): Effect.Effect<SourceHeader, SourceError> => {
  const known = new Set(options.knownColumns)
  const mapping = new Map(Object.entries(options.columnMapping ?? {}).map(([from, to]) => [normalizeName(from), to]))
  const columns: Array<string | null> = []
  const ignored: Array<string> = []
  const seen = new Set<string>()
  for (const name of names) {
    const normalized = normalizeName(name)
    const column = mapping.get(normalized) ?? normalized
    if (!known.has(column)) {
      ignored.push(name)
      columns.push(null)
      continue
    }
    if (seen.has(column)) {
      return Effect.fail(
        new SourceError({ source, message: `${source} has the column ${column} twice; remove one or map it to another name.` })
      )
    }
    seen.add(column)
    columns.push(column)
  }
  const missing = options.requiredColumns.filter((column) => !seen.has(column))
  if (missing.length > 0) {
    return Effect.fail(
      new SourceError({
        source,
        message: `${source} is missing the required column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; ` +
          `add ${missing.length > 1 ? "them" : "it"} or map the export's names with the COLUMNS setting.`
      })
    )
  }
  return Effect.succeed({ columns, ignored })
}
