// Customers per second of the generator alone and of the CSV writer, for the ≥ 50,000/s budget:
//   node_modules/.bin/node src/generate/measure-throughput.ts [customers] [out.csv]
import { rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { generateExport } from "../src/generate/generate-export.ts"
import { writeExportCsv } from "../src/generate/write-export-csv.ts"

const customers = Number(process.argv[3] ?? 1_000_000)
const keep = process.argv[4] !== undefined
const out = process.argv[4] ?? join(tmpdir(), `orce-sync-throughput-${process.pid}.csv`)
const options = { customers, seed: 1, duplicateRate: 0.05 }

const started = performance.now()
let rows = 0
for (const record of generateExport(options)) if (record._tag === "Customer") rows++
const generateSeconds = (performance.now() - started) / 1000

const writeStarted = performance.now()
await Effect.runPromise(writeExportCsv({ ...options, out, profileOut: `${out}.profiles.csv` }))
const writeSeconds = (performance.now() - writeStarted) / 1000

console.log(JSON.stringify({
  customers: rows,
  generatePerSecond: Math.round(rows / generateSeconds),
  writeCsvPerSecond: Math.round(rows / writeSeconds),
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  out: keep ? out : undefined
}))
if (!keep) for (const file of [out, `${out}.profiles.csv`]) rmSync(file, { force: true })
