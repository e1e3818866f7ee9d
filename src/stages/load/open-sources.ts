import { Effect } from "effect"
import { AppSettings } from "../../config/app-settings.ts"
import { Database, openSourceDatabase } from "../../db/database.ts"
import { readCsv } from "../../sources/csv/read-csv.ts"
import { readTable } from "../../sources/postgres/read-table.ts"
import type { ColumnOptions, RecordSource } from "../../sources/record-source.ts"
import { canonicalColumns, profileColumns, requiredColumns, requiredProfileColumns } from "../validate/index.ts"

/** A CSV export file, or an export table in PostgreSQL. */
export type SourceSpec = { readonly file: string } | { readonly table: string }

export interface LoadInput {
  readonly customers: SourceSpec
  readonly profiles?: SourceSpec | undefined
}

export interface LoadSources {
  readonly customers: RecordSource
  readonly profiles: RecordSource | undefined
}

/** Opens a source; tables are read from SOURCE_DATABASE_URL, else from the staging database itself. */
const openSource = Effect.fnUntraced(function*(spec: SourceSpec, columns: ColumnOptions) {
  if ("file" in spec) return yield* readCsv(spec.file, columns)
  const settings = yield* AppSettings
  const query = settings.sourceDatabaseUrl === undefined
    ? (yield* Database).query
    : yield* openSourceDatabase(settings.sourceDatabaseUrl)
  return yield* readTable(query, spec.table, { ...columns, keyColumn: "customer_number" })
})

/** Opens the exports, refusing one without its required columns before anything is written (VAL-2). */
export const openLoadSources = Effect.fnUntraced(function*(input: LoadInput) {
  const settings = yield* AppSettings
  const customers = yield* openSource(input.customers, {
    knownColumns: canonicalColumns,
    requiredColumns,
    columnMapping: settings.columns
  })
  const profiles = input.profiles === undefined ? undefined : yield* openSource(input.profiles, {
    knownColumns: profileColumns,
    requiredColumns: requiredProfileColumns,
    columnMapping: settings.columns
  })
  return { customers, profiles } satisfies LoadSources
})
