// `npm run bench -- rejects`: a run's rejects read page by page in report order, as the report's list and
// rejects.csv read them (read-rejects.ts), for 100,000 rejects in the embedded PGlite (BENCH_REJECTS to
// change). One JSON line: rejects/s over every page.
import { Effect } from "effect"
import { sql } from "kysely"
import { Database, layerPglite } from "../src/db/database.ts"
import { pageSize } from "../src/report/paged-cursor.ts"
import { readRejectsInOrder, type RejectKey } from "../src/report/read-rejects.ts"
import { startRun } from "../src/runs/run-ledger.ts"

const rejects = Number(process.env.BENCH_REJECTS ?? 100_000)

const program = Effect.gen(function*() {
  const { query } = yield* Database
  const runId = yield* startRun({ pipeline: "load", settings: {}, inputs: [], parameters: {} })
  // Customer numbers out of line order, as a load's rejects are when the export is not sorted.
  yield* query("bench rejects", (db) =>
    sql`INSERT INTO rejects (run_id, source, line, customer_number, field, reason, rule)
      SELECT ${runId}, 'customers.csv', g, (g * 7919 % 1000000)::text, 'email', 'email is not valid', 'VAL-6'
      FROM generate_series(1, ${rejects}) AS g`.execute(db))
  const started = performance.now()
  let after: RejectKey | undefined
  let read = 0
  for (;;) {
    const page = yield* readRejectsInOrder(runId, pageSize, after)
    read += page.length
    const last = page.at(-1)
    if (page.length < pageSize || last === undefined) break
    after = { notNumbered: last.notNumbered, number: last.number, source: last.source, line: last.line, field: last.field, id: last.id }
  }
  const seconds = (performance.now() - started) / 1000
  console.log(JSON.stringify({
    case: `read ${read.toLocaleString("en-US")} rejects in report order, pglite`,
    rejects: read,
    pages: Math.ceil(read / pageSize),
    seconds: Number(seconds.toFixed(2)),
    rejectsPerSecond: Math.round(read / seconds)
  }))
})

await Effect.runPromise(program.pipe(Effect.provide(layerPglite()), Effect.scoped))
