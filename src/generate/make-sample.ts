// Regenerates data/sample/ (see data/sample/README.md):
//   node_modules/.bin/node src/generate/make-sample.ts
import { join } from "node:path"
import { Effect } from "effect"
import { writeExportCsv } from "./write-export-csv.ts"

export const sampleOptions = { customers: 1000, seed: 42, duplicateRate: 0.05 } as const

const sampleDir = join(import.meta.dirname, "..", "..", "data", "sample")

const summary = await Effect.runPromise(writeExportCsv({
  ...sampleOptions,
  out: join(sampleDir, "customers.csv"),
  profileOut: join(sampleDir, "profiles.csv"),
  truthOut: join(sampleDir, "duplicates.csv")
}))
console.log(JSON.stringify(summary, null, 2))
