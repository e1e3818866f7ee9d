import { Effect } from "effect"
import { sql } from "kysely"
import { Database, layerPglite } from "../../src/db/database.ts"
import { writeRunReport } from "../../src/report/write-run-report.ts"
import { insertRun } from "./fixtures.ts"

const n = Number(process.argv[2])
const program = Effect.gen(function*() {
  const { query } = yield* Database
  yield* insertRun({ runId: "mem" })
  yield* query("bulk", (db) => sql`insert into sync_outcomes (run_id, customer_number, chunk, outcome, match, reason)
    select 'mem', g, g / 1000, case when g % 10 = 0 then 'deferred' else 'created' end, 'new', 'reason ' || g from generate_series(1, ${n}) g`.execute(db))
  yield* query("bulk rejects", (db) => sql`insert into rejects (run_id, source, line, customer_number, field, reason, rule)
    select 'mem', 'f.csv', g, (g * 7)::text, 'email', 'bad', 'VAL-6' from generate_series(1, ${n / 10}) g`.execute(db))
  global.gc?.()
  const before = process.memoryUsage().rss
  let peak = before; let heapPeak = 0
  const timer = setInterval(() => { const m = process.memoryUsage(); peak = Math.max(peak, m.rss); heapPeak = Math.max(heapPeak, m.heapUsed) }, 20)
  const started = performance.now()
  const { report } = yield* writeRunReport("mem", "/tmp/report-mem")
  clearInterval(timer)
  console.log(JSON.stringify({ n, total: report.counts.total, seconds: (performance.now() - started) / 1000, rssBeforeMB: before / 2 ** 20, peakMB: peak / 2 ** 20, heapPeakMB: heapPeak / 2 ** 20 }))
})
await Effect.runPromise(Effect.scoped(program.pipe(Effect.provide(layerPglite()))))
