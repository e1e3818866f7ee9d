import { Effect, Schema, type Scope } from "effect"
import { AppSettings } from "../../config/app-settings.ts"
import { Database, openSourceDatabase } from "../../db/database.ts"
import { readCsv } from "../../sources/csv/read-csv.ts"
import { readTable } from "../../sources/postgres/read-table.ts"
import type { ColumnOptions, RecordSource, SourceError } from "../../sources/record-source.ts"
import { canonicalColumns, profileColumns, requiredColumns, requiredProfileColumns } from "../validate/index.ts"
import { activityTable, siteUsesTable, sitesTable } from "./site-tables.ts"

/** A CSV export file, or an export table in PostgreSQL. */
export const SourceSpec = Schema.Union([Schema.Struct({ file: Schema.String }), Schema.Struct({ table: Schema.String })])
export type SourceSpec = typeof SourceSpec.Type

/** The exports a load reads: the parameters of the load and export jobs. */
export const LoadInput = Schema.Struct({
  customers: SourceSpec,
  profiles: Schema.optional(Schema.UndefinedOr(SourceSpec)),
  /** The customers' sites, site uses and activity, one export each (the merge engine's tables). */
  sites: Schema.optional(Schema.UndefinedOr(SourceSpec)),
  siteUses: Schema.optional(Schema.UndefinedOr(SourceSpec)),
  activity: Schema.optional(Schema.UndefinedOr(SourceSpec))
})
export type LoadInput = typeof LoadInput.Type

export interface LoadSources {
  readonly customers: RecordSource
  readonly profiles: RecordSource | undefined
  readonly sites?: RecordSource | undefined
  readonly siteUses?: RecordSource | undefined
  readonly activity?: RecordSource | undefined
}

/** The exports after customers and profiles, in the order they load: each table's parent first. */
export const siteExports = [
  { input: "sites", table: sitesTable },
  { input: "siteUses", table: siteUsesTable },
  { input: "activity", table: activityTable }
] as const

/** Opens a source; tables are read from SOURCE_DATABASE_URL, else from the staging database itself. */
const openSource = Effect.fnUntraced(function*(spec: SourceSpec, columns: ColumnOptions) {
  if ("file" in spec) return yield* readCsv(spec.file, columns)
  const settings = yield* AppSettings
  const query = settings.sourceDatabaseUrl === undefined
    ? (yield* Database).query
    : yield* openSourceDatabase(settings.sourceDatabaseUrl)
  return yield* readTable(query, spec.table, { ...columns, keyColumn: keyColumns.get(columns.knownColumns) ?? "customer_number" })
})

const columnsOf = (table: (typeof siteExports)[number]["table"]) => ({ knownColumns: table.knownColumns, requiredColumns: table.requiredColumns })
const keyColumns = new Map<ReadonlyArray<string>, string>(
  [sitesTable, siteUsesTable, activityTable].map((table) => [table.knownColumns, table.keyColumn])
)

const customerColumns = { knownColumns: canonicalColumns, requiredColumns }
const profileDataColumns = { knownColumns: profileColumns, requiredColumns: requiredProfileColumns }

/** Opens one export with the COLUMNS mapping, refusing it without its required columns (VAL-2). */
const openExport = (spec: SourceSpec, columns: Omit<ColumnOptions, "columnMapping">) =>
  Effect.flatMap(Effect.service(AppSettings), (settings) => openSource(spec, { ...columns, columnMapping: settings.columns }))

/** Opens the exports, refusing one without its required columns before anything is written (VAL-2). */
export const openLoadSources = Effect.fnUntraced(function*(input: LoadInput) {
  const customers = yield* openExport(input.customers, customerColumns)
  const profiles = input.profiles === undefined ? undefined : yield* openExport(input.profiles, profileDataColumns)
  const more: Record<string, RecordSource> = {}
  for (const { input: name, table } of siteExports) {
    const spec = input[name]
    if (spec !== undefined) more[name] = yield* openExport(spec, columnsOf(table))
  }
  return { customers, profiles, ...more } satisfies LoadSources
})

/** What the run's report says of the exports (RPT-1): size and SHA-256 of a file, rows of a table. */
export const describeSources = (sources: LoadSources) =>
  Effect.forEach(
    [sources.customers, sources.profiles, ...siteExports.map(({ input }) => sources[input])].filter((source) => source !== undefined),
    (source) => source.describe
  )

/** The export's columns orce-sync does not know, which it ignored. */
export const ignoredColumns = (sources: LoadSources) =>
  sources.customers.header.ignored.length === 0
    ? []
    : [`Ignored columns: ${sources.customers.header.ignored.join(", ")} (map them with the COLUMNS setting).`]

/** The exports as the load steps open them when they start: already open, or opened then. */
type Opening = Effect.Effect<RecordSource, SourceError, Database | AppSettings | Scope.Scope>

export interface OpeningSources {
  readonly customers: Opening
  readonly profiles: Opening | undefined
  readonly sites?: Opening | undefined
  readonly siteUses?: Opening | undefined
  readonly activity?: Opening | undefined
}

/** A first start opens the exports before any step (VAL-2); the steps get them as they are. */
export const opened = (sources: LoadSources): OpeningSources => ({
  customers: Effect.succeed(sources.customers),
  profiles: sources.profiles === undefined ? undefined : Effect.succeed(sources.profiles),
  ...Object.fromEntries(siteExports.map(({ input }) => [input, sources[input] === undefined ? undefined : Effect.succeed(sources[input])]))
})

/** A resumed run opens an export only when its step runs again: a load that completed needs no file. */
export const openWhenStarted = (input: LoadInput): OpeningSources => ({
  customers: openExport(input.customers, customerColumns),
  profiles: input.profiles === undefined ? undefined : openExport(input.profiles, profileDataColumns),
  ...Object.fromEntries(siteExports.map(({ input: name, table }) => {
    const spec = input[name]
    return [name, spec === undefined ? undefined : openExport(spec, columnsOf(table))]
  }))
})
