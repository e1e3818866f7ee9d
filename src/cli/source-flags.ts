import { Effect, Option } from "effect"
import type { SourceSpec } from "../stages/load/open-sources.ts"
import { UsageError } from "./usage-error.ts"

/** A source named on the command line as a file argument or a --table flag, not both. */
export const sourceOf = (file: Option.Option<string>, table: Option.Option<string>, what: string) => {
  if (Option.isSome(file) && Option.isSome(table)) {
    return Effect.fail(new UsageError({ message: `Give the ${what} as a file or as a table, not both.` }))
  }
  if (Option.isSome(file)) return Effect.succeed<SourceSpec | undefined>({ file: file.value })
  if (Option.isSome(table)) return Effect.succeed<SourceSpec | undefined>({ table: table.value })
  return Effect.succeed<SourceSpec | undefined>(undefined)
}
