// `npm run bench -- export`: the initial export (load → flag → match/sync → write-back) of 100,000 and
// 1,000,000 generated customers (seed 1, cached in bench/out/), against the in-process mock ORCE and the
// standalone mock over loopback, and in the same run the bare request loop of `npm run bench -- orce` for
// the same number of requests. One JSON line per case; each case runs in a process of its own.
//
//   overheadRatio = (pipeline customers/s × ORCE requests per customer) ÷ bare requests/s of the same target
//
// Target: ratio ≥ 0.8; peak RSS at 1,000,000 customers ≤ 1.2 × the peak at 100,000 (REL-3).
//
// The latency case exports BENCH_LATENCY_CUSTOMERS (default 2,000) customers to the in-process mock answering
// every request after BENCH_LATENCY_MS (default 50) ms, as a real ORCE does across a network: there the
// round trips, not the load, set the run's time. It reports the sync's customers/s against the bound that
// SYNC_CONCURRENCY allows (SYNC_CONCURRENCY ÷ latency ÷ ORCE requests per customer); target ≥ 90% of it.
// BENCH_SIZES=100000 skips the million. At 1,000,000 only the standalone case runs (BENCH_TARGETS_1M to
// change that): the in-process mock keeps every customer in the pipeline's own memory, so its RSS says
// nothing about the pipeline's.
import { execFileSync } from "node:child_process"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { Effect } from "effect"
import { writeExportCsv } from "../src/generate/write-export-csv.ts"

type Target = "in-process" | "standalone"
const sizes = (process.env.BENCH_SIZES ?? "100000,1000000").split(",").map(Number)
const targetsAt = (size: number): ReadonlyArray<Target> =>
  (size >= 1_000_000 ? process.env.BENCH_TARGETS_1M ?? "standalone" : process.env.BENCH_TARGETS ?? "in-process,standalone")
    .split(",") as Array<Target>
const out = join(import.meta.dirname, "out")

const node = (script: string, args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
  execFileSync(process.execPath, [...process.execArgv, ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : []), join(import.meta.dirname, script), ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024
  })

interface ExportLine {
  readonly case: string
  readonly target: Target
  readonly customers: number
  readonly requestsPerCustomer: number
  readonly customersPerSecond: number
  readonly syncCustomersPerSecond: number
  readonly [key: string]: unknown
}

/** The bare loop's requests/s per target, from the latest size that measured it. */
const bare: Partial<Record<Target, { requestsPerSecond: number; requests: number }>> = {}

const bareCaseTargets: Record<string, Target> = { "in-process mock": "in-process", "standalone mock (loopback)": "standalone" }

for (const size of sizes) {
  const file = join(out, `customers-${size}.csv`)
  if (!existsSync(file)) {
    await Effect.runPromise(writeExportCsv({ customers: size, seed: 1, duplicateRate: 0.05, out: file }))
  }
  const lines: Array<ExportLine> = []
  for (const target of targetsAt(size)) {
    lines.push(JSON.parse(node("export-case.ts", [file, target])) as ExportLine)
  }
  if (size < 1_000_000 || process.env.BENCH_BARE_1M === "1") {
    // The bare loop of bench/orce.ts, one round of as many requests as the export sent.
    const requests = Math.round(Math.max(...lines.map((line) => line.customers * line.requestsPerCustomer)))
    const output = node("orce.ts", [], {
      BENCH_ROUNDS: "1",
      BENCH_REQUESTS: String(requests),
      BENCH_STORE_OPERATIONS: "2000"
    })
    for (const raw of output.trim().split("\n")) {
      const line = JSON.parse(raw) as { case: string; requestsPerSecond: number }
      const target = bareCaseTargets[line.case]
      if (target === undefined) continue
      bare[target] = { requestsPerSecond: line.requestsPerSecond, requests }
      console.log(JSON.stringify({ ...line, case: `bare request loop (bench/orce.ts), ${line.case}`, target }))
    }
  }
  for (const line of lines) {
    const reference = bare[line.target]
    console.log(JSON.stringify({
      ...line,
      ...(reference === undefined ? {} : {
        bareRequestsPerSecond: reference.requestsPerSecond,
        overheadRatio: Number((line.customersPerSecond * line.requestsPerCustomer / reference.requestsPerSecond).toFixed(3)),
        syncOverheadRatio: Number((line.syncCustomersPerSecond * line.requestsPerCustomer / reference.requestsPerSecond).toFixed(3)),
        ...(reference.requests === Math.round(line.customers * line.requestsPerCustomer) ? {} : { bareRequests: reference.requests })
      })
    }))
  }
}

if (process.env.BENCH_LATENCY !== "0") {
  const customers = Number(process.env.BENCH_LATENCY_CUSTOMERS ?? 2_000)
  const file = join(out, `customers-${customers}.csv`)
  if (!existsSync(file)) await Effect.runPromise(writeExportCsv({ customers, seed: 1, duplicateRate: 0.05, out: file }))
  console.log(node("export-case.ts", [file, "latency"]).trim())
}
