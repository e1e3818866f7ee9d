import { join } from "node:path"
import { Effect } from "effect"
import { type WriteExportOptions, writeExportCsv } from "../../src/generate/write-export-csv.ts"
import { tempDir } from "../support/files.ts"

export const freshDir = (): string => tempDir("generate")

/** Writes an export into a new temporary directory and returns the paths with the summary. */
export const writeInTemp = async (options: Omit<WriteExportOptions, "out" | "profileOut" | "truthOut">) => {
  const dir = freshDir()
  const paths = {
    out: join(dir, "customers.csv"),
    profileOut: join(dir, "profiles.csv"),
    truthOut: join(dir, "duplicates.csv")
  }
  const summary = await Effect.runPromise(writeExportCsv({ ...options, ...paths }))
  return { ...paths, summary }
}
