// `npm run bench -- nightly`: the nightly run (issue 16) over 1,000,000 generated customers, 5% of them
// duplicates, with their sites, site uses and activity, against the in-process mock ORCE, on PGlite (or on
// PostgreSQL with BENCH_DIALECT=postgres and BENCH_DATABASE_URL). Two cases, each in a process of its own so
// its peak RSS is its own, one JSON line each: the full night into an empty staging database, then the night
// after over a delta of 1% changed customers (incremental dedupe), on the staging database the first left.
// The exports are written (by `orce-sync generate`) before any clock starts.
//
// Target: the incremental night under 10% of the full night's time.
// BENCH_CUSTOMERS scales the customers; BENCH_ACTIVITY the activity rows per customer (default 2).
import { execFileSync } from "node:child_process"
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { finished } from "node:stream/promises"

const customers = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000)
const activity = Number(process.env.BENCH_ACTIVITY ?? 2)
const dialect = process.env.BENCH_DIALECT ?? "pglite"
const work = mkdtempSync(join(tmpdir(), "orce-sync-bench-nightly-"))
const full = join(work, "full")
const delta = join(work, "delta")
mkdirSync(full)
mkdirSync(delta)

execFileSync(process.execPath, [
  ...process.execArgv, join(import.meta.dirname, "..", "src", "cli", "main.ts"), "generate",
  "--customers", String(customers), "--seed", "16", "--duplicate-rate", "0.05", "--dirty-rate", "0",
  "--out", join(full, "customers.csv"), "--sites-out", join(full, "sites.csv"), "--site-uses-out", join(full, "site-uses.csv"),
  "--activity-out", join(full, "activity.csv"), "--activity-per-customer", String(activity)
], { stdio: ["ignore", "ignore", "inherit"] })

/**
 * The night after: every hundredth customer with another birthday. The last six columns of a generated row
 * (birth month and day, Relate ID, e-commerce ID, sync flag, status) are never quoted, so the line is cut
 * from its end.
 */
const writeDelta = async () => {
  const out = createWriteStream(join(delta, "customers.csv"))
  let row = 0
  for await (const line of createInterface({ input: createReadStream(join(full, "customers.csv")) })) {
    if (row++ === 0) out.write(`${line}\n`)
    else if (row % 100 === 0) {
      const cells = line.split(",")
      const month = cells.length - 6
      const day = cells.length - 5
      // A birth day needs its month (VAL): one is given where the export had none.
      if (cells[month] === "") cells[month] = "6"
      cells[day] = String(((Number(cells[day]) || 0) % 28) + 1)
      out.write(`${cells.join(",")}\n`)
    }
  }
  out.end()
  await finished(out)
}
await writeDelta()

// The in-process mock ORCE holds every customer the night sends it, about 1.9 KB of heap each (store, indexes
// and the per-customer call counts of MOCK-5): a million of them do not fit Node's default heap of ~4 GB next to
// the run's own working set. A real ORCE holds them in its own process.
const heap = "--max-old-space-size=8192"
const runCase = (night: "full" | "incremental", exports: string) =>
  execFileSync(process.execPath, [...process.execArgv, heap, join(import.meta.dirname, "nightly-case.ts"), dialect, night, exports, work, String(customers)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"]
  }).trim()

const first = JSON.parse(runCase("full", full)) as { seconds: number }
console.log(JSON.stringify(first))
const second = JSON.parse(runCase("incremental", delta)) as { seconds: number }
console.log(JSON.stringify({ ...second, shareOfFullNight: Number((second.seconds / first.seconds).toFixed(3)) }))
rmSync(work, { recursive: true, force: true })
