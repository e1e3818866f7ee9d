// One night of the nightly benchmark in a process of its own, so its peak RSS is its own:
// `node bench/nightly-case.ts <pglite|postgres> <full|incremental> <export-dir> <work-dir> <customers>`.
// Prints one JSON line: the night's wall time, each stage's, what it did, and the peak RSS.
//
// The staging database lives in <work-dir> (PGlite) or in a schema of BENCH_DATABASE_URL named after it, so
// the incremental night finds what the full night left. The mock ORCE is in-process with no saved state (saving
// a million customers with every chunk would be the benchmark). It starts as the ORCE each night would find:
// before the full night, holding the customers the export gives a Relate ID (so they are updated, not created);
// before the night after, every customer the full night left with a Relate ID.
import { createReadStream } from "node:fs"
import { basename, join } from "node:path"
import { parse } from "csv-parse"
import { Effect, Layer, References } from "effect"
import { layerInProcessMock } from "../mock-orce/in-process-layer.ts"
import type { OrceSnapshot } from "../mock-orce/snapshot.ts"
import { nightlyJob } from "../pipelines/nightly.ts"
import { startJob } from "../src/batch/job.ts"
import { Database } from "../src/db/database.ts"
import { appLayer } from "../src/cli/app-layer.ts"
import { loadSettings } from "../src/config/load-settings.ts"
import type { Customer } from "../src/domain/customer.ts"
import type { OrceCustomer } from "../src/domain/orce-customer.ts"
import { policyFromSettings } from "../src/orce/client.ts"
import { describeOrceTarget, OrceTarget } from "../src/orce/target.ts"
import { buildNightSummary } from "../src/report/night-summary.ts"
import { chunkPreparerLayer } from "../src/stages/load/chunk-preparer.ts"

const [dialect, night, exports, work, customersText] = process.argv.slice(2)
const postgresUrl = process.env.BENCH_DATABASE_URL
if ((dialect !== "pglite" && dialect !== "postgres") || (night !== "full" && night !== "incremental") || exports === undefined || work === undefined ||
  (dialect === "postgres" && postgresUrl === undefined)) {
  console.error("usage: node bench/nightly-case.ts <pglite|postgres> <full|incremental> <export-dir> <work-dir> <customers>; postgres needs BENCH_DATABASE_URL")
  process.exit(2)
}
const schema = `bench_nightly_${basename(work).replace(/\W/g, "_").toLowerCase()}`
if (dialect === "postgres" && night === "full") {
  const pg = await import("pg")
  const client = new pg.default.Client({ connectionString: postgresUrl })
  await client.connect()
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
  await client.end()
}
const settings = await Effect.runPromise(loadSettings({
  env: dialect === "postgres" ? { ORCE_SYNC_DATABASE_URL: `${postgresUrl}${postgresUrl!.includes("?") ? "&" : "?"}options=-c%20search_path%3D${schema}` } : {},
  flags: {
    DATA_DIR: join(work, "db"),
    LOG_FILE: join(work, "orce-sync.log"),
    REPORTS_DIR: join(work, "reports"),
    MOCK_ORCE_STATE: "-",
    L37: "INTERACT"
  },
  cwd: work
}))

type Known = Pick<Customer, "customerNumber" | "relateId" | "firstName" | "lastName" | "email">
const snapshotOf = (known: ReadonlyArray<Known>): OrceSnapshot => ({
  format: "mock-orce-snapshot/1",
  seed: "bench-nightly",
  typeCodes: { address: ["HOME"], email: ["HOME"], phone: [] },
  customers: known.map((customer): OrceCustomer => ({
    customerId: customer.relateId,
    firstName: customer.firstName,
    lastName: customer.lastName,
    alternateKeys: [{ type: settings.altIdOroms, value: String(customer.customerNumber) }],
    ...(customer.email === "" ? {} : { emails: [{ type: "HOME", primary: true, address: customer.email }] })
  })),
  redirects: {}
})

/** Before the full night: the customers the export gives a Relate ID, as an earlier export would have left them in ORCE. */
const exportedEarlier = Effect.promise(async () => {
  const known: Array<Known> = []
  const rows = createReadStream(join(exports, "customers.csv")).pipe(parse({ columns: true }))
  for await (const row of rows as AsyncIterable<Record<string, string>>) {
    if (row.relate_id !== "") {
      known.push({ customerNumber: Number(row.customer_number), relateId: row.relate_id!, firstName: row.first_name!, lastName: row.last_name!, email: row.email! })
    }
  }
  return known
})

/** Before the night after: every customer the full night left with a Relate ID. */
const syncedLastNight = Effect.gen(function*() {
  const { query } = yield* Database
  return yield* query("bench: the customers ORCE holds", (db) =>
    db.selectFrom("customers").select(["customerNumber", "relateId", "firstName", "lastName", "email"]).where("relateId", "<>", "")
      .orderBy("customerNumber").execute())
})

const orce = Layer.unwrap(Effect.gen(function*() {
  const snapshot = snapshotOf(night === "full" ? yield* exportedEarlier : yield* syncedLastNight)
  return layerInProcessMock({ policy: policyFromSettings(settings), securityUserId: settings.securityUserId, snapshot }).pipe(
    Layer.merge(Layer.succeed(OrceTarget, { description: describeOrceTarget(settings) }))
  )
}))

const file = (name: string) => ({ file: join(exports, name) })
const program = Effect.gen(function*() {
  const started = performance.now()
  const ran = yield* startJob(nightlyJob, {
    exports: night === "full"
      ? { customers: file("customers.csv"), profiles: undefined, sites: file("sites.csv"), siteUses: file("site-uses.csv"), activity: file("activity.csv") }
      : { customers: file("customers.csv"), profiles: undefined },
    dedupe: { full: false, autoMerge: settings.dedupeAutoMerge, review: settings.dedupeReview },
    commitSize: settings.mergeCommitSize
  })
  const seconds = (performance.now() - started) / 1000
  if (ran._tag === "NotRun") throw new Error(ran.reason)
  return { seconds, summary: yield* buildNightSummary(ran.runId) }
}).pipe(
  Effect.provide(Layer.mergeAll(orce, chunkPreparerLayer).pipe(Layer.provideMerge(appLayer(settings)), Layer.orDie)),
  Effect.provideService(References.MinimumLogLevel, "None")
)

const { seconds, summary } = await Effect.runPromise(program)
console.log(JSON.stringify({
  case: `nightly ${night}, ${Number(customersText).toLocaleString("en-US")} customers, ${dialect}`,
  dialect,
  night,
  seconds: Number(seconds.toFixed(2)),
  stages: Object.fromEntries(summary.stages.map((stage) => [stage.stage, stage.seconds])),
  customersChanged: summary.customersChanged,
  otherRowsChanged: summary.otherRowsChanged,
  customersCompared: summary.customersCompared,
  mergeRequests: summary.mergeRequests,
  merged: summary.merged,
  mergeFailed: summary.mergeFailed,
  synced: summary.synced,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024)
}))
