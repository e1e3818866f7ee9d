import { Effect } from "effect"
import { writeCsvFile } from "./csv-file.ts"
import { pagedCursor, pageSize } from "./paged-cursor.ts"
import { readRejectsInOrder, type RejectKey } from "./read-rejects.ts"

export const rejectColumns = ["source", "line", "customer_number", "field", "rule", "reason"] as const

/**
 * Writes rejects.csv: every field problem of the run's rejected records, one row each, in the order of the
 * report's list of rejects, streamed from the database a page at a time (REL-3). A run without rejects
 * gets the header alone, so the file is always there to look in. Returns the number of rows.
 */
export const writeRejectsCsv = Effect.fn("writeRejectsCsv")(function*(runId: string, path: string) {
  const rejects = pagedCursor((after: RejectKey | undefined) => readRejectsInOrder(runId, pageSize, after), (row) => row)
  return yield* writeCsvFile(path, rejectColumns, (write) =>
    Effect.gen(function*() {
      let rows = 0
      for (;;) {
        yield* rejects.fill
        const batch: Array<ReadonlyArray<unknown>> = []
        for (let reject = rejects.current(); reject !== undefined; reject = rejects.current()) {
          batch.push([reject.source, reject.line, reject.customerNumber, reject.field, reject.rule, reject.reason])
          rejects.advance()
        }
        if (batch.length === 0) return rows
        rows += batch.length
        yield* write(batch)
      }
    }))
})
