// One initial-export case in a process of its own, so its peak RSS is its own:
// `node bench/export-case.ts <csv> <in-process|standalone>`. Prints one JSON line.
//
// in-process: the mock ORCE answers inside this process (MOCK_ORCE_STATE=-, nothing persisted), so the
//   peak RSS includes the mock's store of every exported customer.
// standalone: `orce-sync mock-orce --port 0` in a child process, reached over loopback; the peak RSS is
//   the pipeline's alone (REL-3), and the mock's own peak is reported beside it.
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, References } from "effect"
import { initialExportJob } from "../pipelines/initial-export.ts"
import { startJob } from "../src/batch/job.ts"
import { Progress, type StepProgress } from "../src/batch/progress.ts"
import { outcomes } from "../src/domain/outcome.ts"
import { loadSettings } from "../src/config/load-settings.ts"
import { Database } from "../src/db/database.ts"
import { ChunkPreparer, chunkPreparerLayer } from "../src/stages/load/chunk-preparer.ts"
import { layerInProcessMock } from "../mock-orce/in-process-layer.ts"
import { appLayer } from "../src/cli/app-layer.ts"
import { runLayer } from "../src/cli/run-flags.ts"
import { policyFromSettings } from "../src/orce/client.ts"
import { OrceTarget } from "../src/orce/target.ts"

const [file, target] = process.argv.slice(2) as [string, "in-process" | "standalone" | "latency"]
if (file === undefined || (target !== "in-process" && target !== "standalone" && target !== "latency")) {
  console.error("usage: node bench/export-case.ts <csv> <in-process|standalone|latency>")
  process.exit(2)
}
/** The latency case: every ORCE request answered after this long, as a real ORCE across a network would. */
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 50)
const token = "mock-orce-token"
const main = join(import.meta.dirname, "..", "src", "cli", "main.ts")
const dataDir = mkdtempSync(join(tmpdir(), "orce-sync-bench-export-"))

/** The standalone mock in its own process; resolves with its URL once it listens. */
const startStandalone = (): Promise<{ child: ChildProcess; url: string }> =>
  new Promise((resolve, reject) => {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("ORCE_SYNC_")))
    const child = spawn(process.execPath, [main, "mock-orce", "--port", "0"], {
      env: { ...inherited, ORCE_SYNC_ORCE_TOKEN: token, ORCE_SYNC_LOG_FILE: join(dataDir, "mock.log") },
      stdio: ["ignore", "pipe", "inherit"]
    })
    let out = ""
    child.stdout!.on("data", (chunk) => {
      out += chunk
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (found) resolve({ child, url: found[1]! })
    })
    child.on("exit", (code) => reject(new Error(`mock-orce ended early (exit ${code}): ${out}`)))
  })

/** Peak resident set of another process (Linux), in MB. */
const peakRssMbOf = (pid: number | undefined): number | undefined => {
  try {
    const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]
    return kb === undefined ? undefined : Math.round(Number(kb) / 1024)
  } catch {
    return undefined
  }
}

const standalone = target === "standalone" ? await startStandalone() : undefined
const settings = await Effect.runPromise(loadSettings({
  env: { ORCE_SYNC_ORCE_TOKEN: token },
  flags: {
    DATA_DIR: join(dataDir, "db"),
    LOG_FILE: join(dataDir, "orce-sync.log"),
    MOCK_ORCE_STATE: "-",
    ...(standalone === undefined ? {} : { ORCE_URL: standalone.url }),
    ...(process.env.BENCH_CHUNK_SIZE === undefined ? {} : { CHUNK_SIZE: process.env.BENCH_CHUNK_SIZE }),
    ...(process.env.BENCH_SYNC_CONCURRENCY === undefined ? {} : { SYNC_CONCURRENCY: process.env.BENCH_SYNC_CONCURRENCY })
  },
  cwd: dataDir
}))

const phases = { loadEnded: 0 }
const onProgress = (progress: StepProgress) => {
  if (progress.step.startsWith("load")) phases.loadEnded = performance.now()
}

/** The in-process mock answering each request after `latencyMs`: what sets a real run's time is round trips. */
const latencyLayer = () =>
  Layer.mergeAll(
    layerInProcessMock({ policy: policyFromSettings(settings), securityUserId: settings.securityUserId, faults: { seed: "latency", latencyMs } }),
    Layer.succeed(OrceTarget, { description: "the in-process mock ORCE with latency" })
  ).pipe(Layer.provideMerge(appLayer(settings)))

const program = Effect.gen(function*() {
  // Opened, migrated and started before the clock starts, as the export command starts them before its job.
  yield* Database
  yield* ChunkPreparer
  const started = performance.now()
  const ran = yield* startJob(initialExportJob, { customers: { file } }).pipe(Effect.provideService(Progress, { update: onProgress }))
  const ended = performance.now()
  if (ran._tag === "NotRun") throw new Error(`export did not run: ${ran.reason}`)
  const load = ran.steps.find((step) => step.step === "load-customers")!.counts
  const sync = ran.steps.find((step) => step.step === "sync")!.counts
  const result = {
    loaded: { customers: { records: load.read } },
    synced: { customers: sync.read, requests: sync.outcomes["orce-requests"] ?? 0, counts: Object.fromEntries(outcomes.map((outcome) => [outcome, sync.outcomes[outcome] ?? 0])) }
  }
  return { result, started, ended }
}).pipe(
  Effect.provide(Layer.merge(target === "latency" ? latencyLayer() : runLayer(settings), chunkPreparerLayer).pipe(Layer.orDie)),
  Effect.provideService(References.MinimumLogLevel, "None")
)

const { result, started, ended } = await Effect.runPromise(program)
const mockPeakRssMb = peakRssMbOf(standalone?.child.pid)
standalone?.child.kill("SIGTERM")

const customers = result.synced.customers
const seconds = (ended - started) / 1000
const syncSeconds = (ended - (phases.loadEnded || started)) / 1000
const requestsPerCustomer = result.synced.requests / customers
/** What SYNC_CONCURRENCY allows at this latency: each worker waits one round trip per request. */
const boundPerSecond = settings.syncConcurrency / (latencyMs / 1000) / requestsPerCustomer
console.log(JSON.stringify({
  case: `export ${customers.toLocaleString("en-US")} customers, ${
    target === "standalone" ? "standalone mock (loopback)" : target === "latency" ? `in-process mock, ${latencyMs} ms a request` : "in-process mock"
  }`,
  target,
  records: result.loaded.customers.records,
  customers,
  outcomes: result.synced.counts,
  requests: result.synced.requests,
  requestsPerCustomer: Number((result.synced.requests / customers).toFixed(3)),
  seconds: Number(seconds.toFixed(2)),
  customersPerSecond: Math.round(customers / seconds),
  loadSeconds: Number((((phases.loadEnded || started) - started) / 1000).toFixed(2)),
  syncCustomersPerSecond: Math.round(customers / syncSeconds),
  chunkSize: settings.chunkSize,
  syncConcurrency: settings.syncConcurrency,
  orceConcurrency: settings.orceConcurrency,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  ...(target !== "latency" ? {} : {
    latencyMs,
    boundCustomersPerSecond: Number(boundPerSecond.toFixed(1)),
    shareOfBound: Number((customers / syncSeconds / boundPerSecond).toFixed(3))
  }),
  ...(mockPeakRssMb === undefined ? {} : { mockPeakRssMb })
}))
rmSync(dataDir, { recursive: true, force: true })
