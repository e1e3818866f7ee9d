// One load case in a process of its own, so its peak RSS is its own: `node bench/load-case.ts <csv> <pglite|postgres>`.
import { Effect, Layer, Redacted, References } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import pg from "pg"
import { loadJob } from "../pipelines/load.ts"
import { startJob } from "../src/batch/job.ts"
import { AppSettings } from "../src/config/app-settings.ts"
import { loadSettings } from "../src/config/load-settings.ts"
import { Database, layerPglite, layerPostgres } from "../src/db/database.ts"
import { ChunkPreparer, chunkPreparerLayer } from "../src/stages/load/chunk-preparer.ts"

const [file, dialect] = process.argv.slice(2) as [string, "pglite" | "postgres"]
const url = process.env.ORCE_SYNC_TEST_DATABASE_URL ?? ""
const schema = `bench_${process.pid}`
const dataDir = mkdtempSync(join(tmpdir(), "orce-sync-bench-"))

const database = dialect === "pglite" ? layerPglite(join(dataDir, "db")) : layerPostgres(Redacted.make(url), { schema })
const settings = await Effect.runPromise(loadSettings({ env: {}, flags: process.env.BENCH_CHUNK_SIZE === undefined ? {} : { LOAD_CHUNK_SIZE: process.env.BENCH_CHUNK_SIZE }, cwd: dataDir }))

const program = Effect.gen(function*() {
  // Opened, migrated and started before the clock starts, as a command starts them before its job.
  yield* Database
  yield* ChunkPreparer
  const started = performance.now()
  const ran = yield* startJob(loadJob, { customers: { file } })
  const seconds = (performance.now() - started) / 1000
  if (ran._tag === "NotRun") throw new Error(ran.reason)
  const counts = ran.steps.find((step) => step.step === "load-customers")!.counts
  return { result: { customers: { records: counts.read, loaded: counts.written, rejected: counts.rejected } }, seconds }
}).pipe(
  Effect.provide(Layer.mergeAll(database, chunkPreparerLayer, Layer.succeed(AppSettings, settings))),
  Effect.provideService(References.MinimumLogLevel, "None")
)

const { result, seconds } = await Effect.runPromise(program)
const rows = result.customers.records
console.log(JSON.stringify({
  case: `load ${rows.toLocaleString("en-US")} into ${dialect}`,
  dialect,
  rows,
  loaded: result.customers.loaded,
  seconds: Number(seconds.toFixed(2)),
  rowsPerSecond: Math.round(rows / seconds),
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024)
}))

rmSync(dataDir, { recursive: true, force: true })
if (dialect === "postgres") {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query(`DROP SCHEMA "${schema}" CASCADE`)
  await client.end()
}
