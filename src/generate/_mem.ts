import { Effect } from "effect"
import { generateExport } from "./generate-export.ts"
import { writeExportCsv } from "./write-export-csv.ts"
const mode = process.argv[2]
const options = { customers: 1_000_000, seed: 1, duplicateRate: 0.05 }
if (mode === "gen") { let n = 0; for (const r of generateExport(options)) n++; }
else await Effect.runPromise(writeExportCsv({ ...options, out: "/tmp/gen1m.csv", profileOut: "/tmp/gen1m.p.csv", onProgress: (n) => { if (n % 200000 === 0) console.log(n, Math.round(process.memoryUsage().heapUsed/1048576), Math.round(process.memoryUsage().rss/1048576)) } }))
console.log(mode, Math.round(process.resourceUsage().maxRSS / 1024), Math.round(process.memoryUsage().heapUsed/1048576))
