import { Console, Effect } from "effect"
import { Database } from "../db/database.ts"
import { count } from "./format.ts"

/** The plain summary of a sync run on the terminal: counts per outcome from the run's outcomes. */
export const printRunSummary = Effect.fnUntraced(function*(runId: string) {
  const { query } = yield* Database
  const rows = yield* query("summarize run", (db) =>
    db.selectFrom("syncOutcomes").select(["outcome", (eb) => eb.fn.countAll<string>().as("count")])
      .where("runId", "=", runId).groupBy("outcome").orderBy("outcome").execute())
  const parts = rows.map((row) => `${count(Number(row.count))} ${row.outcome}`)
  yield* Console.log(`Run ${runId}: ${parts.length === 0 ? "no customer to synchronize" : parts.join(", ")}.`)
})
