import { statSync } from "node:fs"
import { Effect, Option } from "effect"
import { Argument, Flag } from "effect/cli"
import type { LoadInput, SourceSpec } from "../stages/load/open-sources.ts"
import { UsageError } from "./usage-error.ts"

/** The inputs of `load` and `export`: a customer file or table, and optionally profile data. */
export const sourceFlags = {
  file: Argument.String("file").pipe(
    Argument.withDescription("customer export (CSV with a header row); leave out with --table"),
    Argument.optional
  ),
  table: Flag.String("table").pipe(
    Flag.withDescription("read customers from this PostgreSQL export table instead of a file (SOURCE_DATABASE_URL)"),
    Flag.optional
  ),
  profile: Flag.String("profile").pipe(
    Flag.withDescription("profile data export (customer_number, profile_description, value)"),
    Flag.optional
  ),
  profileTable: Flag.String("profile-table").pipe(
    Flag.withDescription("read profile data from this PostgreSQL export table"),
    Flag.optional
  )
} as const

/** `--<what>-table`: an export read from a PostgreSQL table instead of a file. */
const exportTableFlag = (what: string) =>
  Flag.String(`${what.replace(" ", "-")}-table`).pipe(
    Flag.withDescription(`read ${what} from this PostgreSQL export table instead of a file (SOURCE_DATABASE_URL, else the staging database)`),
    Flag.optional
  )

/** The load's further inputs: the customers' sites, site uses and activity, which the merge engine works on. */
export const siteFlags = {
  sites: Flag.String("sites").pipe(
    Flag.withDescription("sites export (site_id, customer_number, operating_unit, street, city, state, postal_code, country, status)"),
    Flag.optional
  ),
  siteUses: Flag.String("site-uses").pipe(
    Flag.withDescription("site uses export (site_use_id, site_id, use_type, location, primary, status)"),
    Flag.optional
  ),
  activity: Flag.String("activity").pipe(
    Flag.withDescription("activity export (activity_id, kind, site_use_id, document, amount)"),
    Flag.optional
  ),
  sitesTable: exportTableFlag("sites"),
  siteUsesTable: exportTableFlag("site uses"),
  activityTable: exportTableFlag("activity")
} as const

export interface SourceFlagValues {
  readonly file: Option.Option<string>
  readonly table: Option.Option<string>
  readonly profile: Option.Option<string>
  readonly profileTable: Option.Option<string>
  readonly sites?: Option.Option<string>
  readonly siteUses?: Option.Option<string>
  readonly activity?: Option.Option<string>
  readonly sitesTable?: Option.Option<string>
  readonly siteUsesTable?: Option.Option<string>
  readonly activityTable?: Option.Option<string>
}

/** A source named as a file argument or a --table flag, not both. */
const sourceOf = (file: Option.Option<string>, table: Option.Option<string>, what: string) => {
  if (Option.isSome(file) && Option.isSome(table)) {
    return Effect.fail(new UsageError({ message: `Give the ${what} as a file or as a table, not both.` }))
  }
  if (Option.isSome(file)) return Effect.succeed<SourceSpec | undefined>({ file: file.value })
  if (Option.isSome(table)) return Effect.succeed<SourceSpec | undefined>({ table: table.value })
  return Effect.succeed<SourceSpec | undefined>(undefined)
}

/** What stat says of a path: a file the reader may open (or fail to, with its own message), or none there. */
const kindOf = (path: string) => {
  try {
    return statSync(path).isDirectory() ? "directory" : "file"
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === "ENOENT" || code === "ENOTDIR" ? "missing" : "file"
  }
}

/** A file that is not there fails the command before any work, as a bad setting does, not once the database is up. */
export const expectFile = (spec: SourceSpec | undefined, what: string) => {
  if (spec === undefined || !("file" in spec)) return Effect.void
  switch (kindOf(spec.file)) {
    case "missing":
      return Effect.fail(new UsageError({ message: `The ${what} ${spec.file} does not exist; check the path.` }))
    case "directory":
      return Effect.fail(new UsageError({ message: `The ${what} ${spec.file} is a directory; name a file.` }))
    case "file":
      return Effect.void
  }
}

/** The command's inputs; the customers are required. */
export const loadInputOf = Effect.fnUntraced(function*(command: string, flags: SourceFlagValues) {
  const customers = yield* sourceOf(flags.file, flags.table, "customers")
  if (customers === undefined) {
    return yield* new UsageError({ message: `Name the customer export: orce-sync ${command} <file>, or --table <name>.` })
  }
  const profiles = yield* sourceOf(flags.profile, flags.profileTable, "profile data")
  yield* expectFile(customers, "customer export")
  yield* expectFile(profiles, "profile data file")
  const more: { -readonly [K in "sites" | "siteUses" | "activity"]?: SourceSpec } = {}
  const exports = [
    ["sites", "sitesTable", "sites"],
    ["siteUses", "siteUsesTable", "site uses"],
    ["activity", "activityTable", "activity"]
  ] as const
  for (const [key, tableKey, what] of exports) {
    const spec = yield* sourceOf(flags[key] ?? Option.none(), flags[tableKey] ?? Option.none(), what)
    if (spec === undefined) continue
    more[key] = spec
    yield* expectFile(spec, `${what} export`)
  }
  return { customers, profiles, ...more } satisfies LoadInput
})

/** How a summary names a source. */
export const describeSource = (spec: SourceSpec) => "file" in spec ? spec.file : `table ${spec.table}`
