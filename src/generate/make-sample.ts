// Regenerates data/sample/ (see data/sample/README.md):
//   node_modules/.bin/node src/generate/make-sample.ts
import { join } from "node:path"
import { Effect } from "effect"
import { sampleOptions } from "./sample-options.ts"
import { writeExportCsv } from "./write-export-csv.ts"

const sampleDir = join(import.meta.dirname, "..", "..", "data", "sample")

const summary = await Effect.runPromise(writeExportCsv({
  ...sampleOptions,
  out: join(sampleDir, "customers.csv"),
  profileOut: join(sampleDir, "profiles.csv"),
  truthOut: join(sampleDir, "duplicates.csv")
}))
console.log(JSON.stringify(summary, null, 2))
