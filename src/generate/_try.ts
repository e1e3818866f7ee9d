import { generateExport } from "./generate-export.ts"
const t0 = performance.now()
let n = 0, p = 0, d = 0, dirty = 0
const N = Number(process.argv[2] ?? 10)
for (const r of generateExport({ customers: N, seed: 42, duplicateRate: 0.05 })) {
  if (r._tag === "Customer") { n++; if (r.duplicateOf) d++; if (r.dirt) dirty++; if (N <= 20) console.log(JSON.stringify(r)) } else { p++; if (N <= 20) console.log(JSON.stringify(r.row)) }
}
const ms = performance.now() - t0
console.log({ n, p, d, dirty, ms, perSec: Math.round(n / ms * 1000) })
