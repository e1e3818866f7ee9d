import { stringify } from "csv-stringify"
import { createWriteStream, mkdirSync } from "node:fs"
import { dirname } from "node:path"
import { finished } from "node:stream/promises"
import { Effect, Fiber } from "effect"
import { neutralizeCell } from "./csv-cell.ts"
import { ReportError } from "./report-error.ts"

/** Writes rows, their cells neutralised against formula injection, then waits for the disk if the buffer is full. */
export type WriteRows = (rows: ReadonlyArray<ReadonlyArray<unknown>>) => Effect.Effect<void>

/**
 * A CSV file a spreadsheet opens (RPT-3), filled by `fill` a batch of rows at a time. Rows go to disk as
 * they come, so the file's size never decides the memory used (REL-3).
 */
export const writeCsvFile = <A, E, R>(
  path: string,
  columns: ReadonlyArray<string>,
  fill: (write: WriteRows) => Effect.Effect<A, E, R>
) =>
  Effect.gen(function*() {
    const csv = stringify({ header: true, columns: [...columns], record_delimiter: "unix" })
    const writing = yield* Effect.forkChild(Effect.tryPromise({
      try: async () => {
        mkdirSync(dirname(path), { recursive: true })
        const out = createWriteStream(path)
        csv.pipe(out)
        await finished(out)
      },
      catch: (cause) => new ReportError({ path, message: `Cannot write ${path}: ${String(cause)}` })
    }))
    const write: WriteRows = (rows) => {
      let room = true
      for (const row of rows) room = csv.write(row.map(neutralizeCell))
      return room ? Effect.void : Effect.callback<void>((resume) => {
        csv.once("drain", () => resume(Effect.void))
      })
    }
    const result = yield* fill(write).pipe(Effect.onExit(() => Effect.sync(() => csv.end())))
    yield* Fiber.join(writing)
    return result
  })
