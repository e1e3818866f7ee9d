import { sql } from "kysely"
import { Effect } from "effect"
import { Database } from "../db/database.ts"
import { fieldInOrder, rejectNotNumbered, rejectNumber, sourceInOrder } from "./reject-order.ts"

/** What places a reject in report order. */
export interface RejectKey {
  readonly notNumbered: number
  readonly number: number
  readonly source: string
  readonly line: number
  readonly field: string
  readonly id: number
}

/**
 * Up to `limit` rejects of a run, one per field problem, in report order (customer number, source, line,
 * field), after the reject `after` when given: the report's list is the first page, rejects.csv every page.
 */
export const readRejectsInOrder = Effect.fnUntraced(function*(runId: string, limit: number, after?: RejectKey) {
  const { query } = yield* Database
  return yield* query("read rejects in order", (db) =>
    db.selectFrom("rejects")
      .select([
        rejectNotNumbered.as("notNumbered"),
        rejectNumber.as("number"),
        "id",
        "customerNumber",
        "source",
        "line",
        "field",
        "reason",
        "rule"
      ])
      .where("runId", "=", runId)
      .$if(after !== undefined, (q) =>
        q.where(
          sql<boolean>`(${rejectNotNumbered}, ${rejectNumber}, ${sourceInOrder}, line, ${fieldInOrder}, id)
            > (${after!.notNumbered}, ${after!.number}, ${after!.source}, ${after!.line}, ${after!.field}, ${after!.id})`
        ))
      .orderBy(rejectNotNumbered).orderBy(rejectNumber).orderBy(sourceInOrder).orderBy("line").orderBy(fieldInOrder)
      .orderBy("id")
      .limit(limit).execute())
})
