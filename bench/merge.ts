// `npm run bench -- merge`: the customer merge batch over 100,000 merge requests (customers with 2 to 4 sites
// and 20 activity rows each) at commit sizes 100, 1,000 and 10,000, on PGlite and on PostgreSQL (when
// BENCH_DATABASE_URL or ORCE_SYNC_TEST_DATABASE_URL names a server). One JSON line per case; each case runs
// in a process of its own. Then the 1,000 case again at a tenth of the requests: peak RSS must not grow with
// the number of requests.
//
// Target: ≥ 5,000 merges/s on PostgreSQL at commit size 1,000, ≥ 1,000 on PGlite.
// BENCH_REQUESTS, BENCH_COMMIT_SIZES and BENCH_DIALECTS change the cases.
import { execFileSync } from "node:child_process"
import { join } from "node:path"

const requests = Number(process.env.BENCH_REQUESTS ?? 100_000)
const commitSizes = (process.env.BENCH_COMMIT_SIZES ?? "100,1000,10000").split(",").map(Number)
const postgres = process.env.BENCH_DATABASE_URL ?? process.env.ORCE_SYNC_TEST_DATABASE_URL
const dialects = (process.env.BENCH_DIALECTS ?? (postgres === undefined ? "pglite" : "pglite,postgres")).split(",")

const runCase = (dialect: string, size: number, commitSize: number) =>
  execFileSync(process.execPath, [...process.execArgv, join(import.meta.dirname, "merge-case.ts"), dialect, String(size), String(commitSize)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"]
  }).trim()

for (const dialect of dialects) {
  for (const commitSize of commitSizes) console.log(runCase(dialect, requests, commitSize))
  console.log(runCase(dialect, Math.max(1, Math.round(requests / 10)), 1000))
}
