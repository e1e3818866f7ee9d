// One merge-batch case in a process of its own, so its peak RSS is its own:
// `node bench/merge-case.ts <pglite|postgres> <requests> <commit size>`. Prints one JSON line.
//
// The staging data is made in SQL before the clock starts: `requests` survivors and as many duplicates, each
// customer with 2 to 4 sites (bill-to and ship-to on the first, ship-to on the others) and 20 activity rows,
// and a SAVED request from each duplicate into its survivor. The clock runs over the merge batch alone, as
// `orce-sync merge run` runs it (in-process mock ORCE; no customer has a Relate ID, so ORCE is not called).
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, References } from "effect"
import { sql } from "kysely"
import { mergeJob } from "../pipelines/merge.ts"
import { startJob } from "../src/batch/job.ts"
import { runLayer } from "../src/cli/run-flags.ts"
import { loadSettings } from "../src/config/load-settings.ts"
import { Database } from "../src/db/database.ts"

const [dialect, requestsText, commitSizeText] = process.argv.slice(2)
const requests = Number(requestsText)
const commitSize = Number(commitSizeText)
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.ORCE_SYNC_TEST_DATABASE_URL
if ((dialect !== "pglite" && dialect !== "postgres") || !(requests > 0) || !(commitSize > 0) || (dialect === "postgres" && postgresUrl === undefined)) {
  console.error("usage: node bench/merge-case.ts <pglite|postgres> <requests> <commit size>; postgres needs BENCH_DATABASE_URL")
  process.exit(2)
}
const dataDir = mkdtempSync(join(tmpdir(), "orce-sync-bench-merge-"))
const schema = `bench_merge_${process.pid}`
const settings = await Effect.runPromise(loadSettings({
  // The staging tables of a PostgreSQL case live in a schema of their own, dropped at the end.
  env: dialect === "postgres" ? { ORCE_SYNC_DATABASE_URL: `${postgresUrl}${postgresUrl!.includes("?") ? "&" : "?"}options=-c%20search_path%3D${schema}` } : {},
  flags: {
    DATA_DIR: join(dataDir, "db"),
    LOG_FILE: join(dataDir, "orce-sync.log"),
    REPORTS_DIR: join(dataDir, "reports"),
    MOCK_ORCE_STATE: "-"
  },
  cwd: dataDir
}))

/** Runs one statement on the PostgreSQL server, outside the staging schema. */
const onServer = async (statement: string) => {
  const pg = await import("pg")
  const client = new pg.default.Client({ connectionString: postgresUrl })
  await client.connect()
  await client.query(statement)
  await client.end()
}
if (dialect === "postgres") await onServer(`CREATE SCHEMA IF NOT EXISTS ${schema}`)

/** Customers 1..n survive; n+1..2n are their duplicates. */
const prepare = Effect.gen(function*() {
  const { query } = yield* Database
  const n = requests
  yield* query("customers", (db) =>
    sql`INSERT INTO customers (customer_number, party_type, last_name, street, city, state, postal_code, country, load_run_id)
      SELECT g, 'I', 'NAME' || g, g || ' MAIN ST', 'SPRINGFIELD', 'IL', '62701', 'US', 'bench' FROM generate_series(1, ${2 * n}) g`.execute(db))
  yield* query("sites", (db) =>
    sql`INSERT INTO sites (site_id, customer_number, operating_unit, street, city, state, postal_code, country)
      SELECT c * 10 + s, c, 'OU1', (c * 10 + s) || ' MARKET ST', 'SPRINGFIELD', 'IL', '62701', 'US'
      FROM generate_series(1, ${2 * n}) c, generate_series(0, 3) s WHERE s < 2 + c % 3`.execute(db))
  yield* query("site uses", (db) =>
    sql`INSERT INTO site_uses (site_use_id, site_id, customer_number, operating_unit, use_type, location, is_primary)
      SELECT site_id * 10 + u, site_id, customer_number, 'OU1', CASE WHEN u = 0 AND site_id % 10 = 0 THEN 'BILL_TO' ELSE 'SHIP_TO' END,
        'L' || (site_id * 10 + u), site_id % 10 = 0
      FROM sites, generate_series(0, 1) u WHERE u = 0 OR site_id % 10 = 0`.execute(db))
  yield* query("activity", (db) =>
    sql`INSERT INTO activity_rows (activity_id, kind, origin_use_id, document, amount)
      SELECT c * 100 + a, (ARRAY['order', 'invoice', 'receipt', 'credit', 'adjustment'])[1 + a % 5], (c * 10) * 10 + a % 2, 'DOC' || a, 10
      FROM generate_series(1, ${2 * n}) c, generate_series(0, 19) a`.execute(db))
  yield* query("activity origins", (db) =>
    sql`INSERT INTO activity_origins (origin_use_id, site_use_id) SELECT DISTINCT origin_use_id, origin_use_id FROM activity_rows`.execute(db))
  yield* query("requests", (db) =>
    sql`INSERT INTO merge_requests (from_customer, to_customer, reason, priority, created_at, updated_at)
      SELECT ${n} + g, g, 'De-duplication', 'P' || (1 + g % 3), now(), now() FROM generate_series(1, ${n}) g`.execute(db))
  yield* query("analyze", (db) => sql`ANALYZE`.execute(db))
})

const program = Effect.gen(function*() {
  yield* prepare
  const started = performance.now()
  const ran = yield* startJob(mergeJob, { commitSize, priority: undefined })
  const seconds = (performance.now() - started) / 1000
  if (ran._tag === "NotRun") throw new Error(ran.reason)
  const counts = ran.steps.find((step) => step.step === "merge")!.counts
  return { seconds, counts }
}).pipe(
  Effect.provide(runLayer(settings).pipe(Layer.orDie)),
  Effect.provideService(References.MinimumLogLevel, "None")
)

const { seconds, counts } = await Effect.runPromise(program)
if (dialect === "postgres") await onServer(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
console.log(JSON.stringify({
  case: `merge ${requests.toLocaleString("en-US")} requests at commit size ${commitSize.toLocaleString("en-US")}, ${dialect}`,
  dialect,
  requests,
  commitSize,
  merged: counts.written,
  failed: counts.failed,
  sets: counts.outcomes["sets"] ?? 0,
  seconds: Number(seconds.toFixed(2)),
  mergesPerSecond: Math.round(counts.written / seconds),
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024)
}))
rmSync(dataDir, { recursive: true, force: true })
