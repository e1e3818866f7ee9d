// `npm run bench -- load`: loads 100,000 and 1,000,000 generated customers into PGlite and PostgreSQL.
// PostgreSQL cases need ORCE_SYNC_TEST_DATABASE_URL: `bash .ci/with-postgres npm run bench -- load`.
import { execFileSync } from "node:child_process"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { Effect } from "effect"
import { writeExportCsv } from "../src/generate/write-export-csv.ts"

const sizes = (process.env.BENCH_SIZES ?? "100000,1000000").split(",").map(Number)
const dialects = ["pglite", "postgres"] as const
const out = join(import.meta.dirname, "out")

for (const size of sizes) {
  const file = join(out, `customers-${size}.csv`)
  if (!existsSync(file)) {
    await Effect.runPromise(writeExportCsv({ customers: size, seed: 1, duplicateRate: 0.05, out: file }))
  }
  for (const dialect of dialects) {
    if (dialect === "postgres" && process.env.ORCE_SYNC_TEST_DATABASE_URL === undefined) {
      console.log(JSON.stringify({ case: `load ${size} into postgres`, skipped: "ORCE_SYNC_TEST_DATABASE_URL is not set" }))
      continue
    }
    // Each case runs with this runner's Node options, which are the CLI's (package.json's scripts).
    const line = execFileSync(process.execPath, [...process.execArgv, join(import.meta.dirname, "load-case.ts"), file, dialect], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"]
    })
    process.stdout.write(line)
  }
}
