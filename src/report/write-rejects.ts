import { stringify } from "csv-stringify"
import { createWriteStream, mkdirSync } from "node:fs"
import { dirname } from "node:path"
import { finished } from "node:stream/promises"
import { Effect, Fiber, Schema } from "effect"
import { Database } from "../db/database.ts"
import { neutralizeCell } from "./csv-cell.ts"

export class ReportError extends Schema.TaggedError<ReportError>()("ReportError", {
  path: Schema.String,
  message: Schema.String
}) {}

const columns = ["source", "line", "customer_number", "field", "rule", "reason"] as const
const pageSize = 5_000

/** Writes every reject of a run to a CSV file a spreadsheet opens, page by page from the database. */
export const writeRejectsCsv = Effect.fn("writeRejectsCsv")(function*(runId: string, path: string) {
  const { query } = yield* Database
  const csv = stringify({ header: true, columns: [...columns], record_delimiter: "unix" })
  const done = Effect.tryPromise({
    try: async () => {
      mkdirSync(dirname(path), { recursive: true })
      const out = createWriteStream(path)
      csv.pipe(out)
      await finished(out)
    },
    catch: (cause) => new ReportError({ path, message: `Cannot write ${path}: ${String(cause)}` })
  })
  const writing = yield* Effect.forkChild(done)
  let after = 0
  let written = 0
  for (;;) {
    const page = yield* query("read rejects", (db) =>
      db.selectFrom("rejects").select(["id", "source", "line", "customerNumber", "field", "rule", "reason"])
        .where("runId", "=", runId).where("id", ">", after).orderBy("id").limit(pageSize).execute())
    for (const reject of page) {
      const row = [reject.source, reject.line, reject.customerNumber, reject.field, reject.rule, reject.reason]
      if (!csv.write(row.map(neutralizeCell))) yield* Effect.promise(() => new Promise((resolve) => csv.once("drain", resolve)))
    }
    written += page.length
    if (page.length < pageSize) break
    after = Number(page[page.length - 1]!.id)
  }
  csv.end()
  yield* Fiber.join(writing)
  return written
})
