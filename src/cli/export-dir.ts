import { readdirSync, statSync } from "node:fs"
import { join } from "node:path"
import { Effect } from "effect"
import type { LoadInput } from "../stages/load/open-sources.ts"
import { UsageError } from "./usage-error.ts"

/** The files of a night's export directory, by the name `orce-sync generate` and a person give them. */
export const exportDirFiles = {
  customers: "customers.csv",
  profiles: "profiles.csv",
  sites: "sites.csv",
  siteUses: "site-uses.csv",
  activity: "activity.csv"
} as const

const known = new Set<string>(Object.values(exportDirFiles))
const listed = Object.values(exportDirFiles).join(", ")

/**
 * The exports in a directory as a load reads them: customers.csv is required, the others are read when there.
 * Any other file is refused before anything runs, since a misnamed export would otherwise be skipped silently.
 */
export const readExportDir = (directory: string) =>
  Effect.gen(function*() {
    let names: ReadonlyArray<string>
    try {
      if (!statSync(directory).isDirectory()) {
        return yield* new UsageError({ message: `${directory} is not a directory; name the directory that holds the night's exports.` })
      }
      names = readdirSync(directory).filter((name) => !name.startsWith("."))
    } catch {
      return yield* new UsageError({ message: `The export directory ${directory} does not exist; check the path.` })
    }
    const unknown = names.filter((name) => !known.has(name)).sort()
    if (unknown.length > 0) {
      return yield* new UsageError({
        message: `${directory} holds ${unknown.map((name) => JSON.stringify(name)).join(", ")}, which is not an export orce-sync knows; ` +
          `move it out or rename it to one of ${listed}.`
      })
    }
    if (!names.includes(exportDirFiles.customers)) {
      return yield* new UsageError({ message: `${directory} holds no ${exportDirFiles.customers}, which a night needs; add the customer export.` })
    }
    const spec = (name: string) => names.includes(name) ? { file: join(directory, name) } : undefined
    return {
      customers: { file: join(directory, exportDirFiles.customers) },
      profiles: spec(exportDirFiles.profiles),
      sites: spec(exportDirFiles.sites),
      siteUses: spec(exportDirFiles.siteUses),
      activity: spec(exportDirFiles.activity)
    } satisfies LoadInput
  })
