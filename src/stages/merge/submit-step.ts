import { Effect } from "effect"
import type { Step } from "../../batch/step.ts"
import type { AppSettings } from "../../config/app-settings.ts"
import { Database, type DatabaseError } from "../../db/database.ts"
import type { Reject } from "../../domain/reject.ts"
import { writeRejects } from "../../runs/run-ledger.ts"
import type { SourceError } from "../../sources/record-source.ts"
import { readRequestFile } from "./request-file.ts"
import { submitRequests } from "./submit-requests.ts"

export type SubmitError = SourceError | DatabaseError
export type SubmitRequirements = Database | AppSettings

/** How many requests run `runId` submitted, by flag: a submission that committed before its run could end. */
const submittedBy = Effect.fnUntraced(function*(runId: string) {
  const { query } = yield* Database
  const rows = yield* query("count the run's merge requests", (db) =>
    db.selectFrom("mergeRequests").select((eb) => ["processFlag", eb.fn.countAll<string>().as("count")])
      .where("createdByRun", "=", runId).groupBy("processFlag").execute())
  return new Map(rows.map((row) => [row.processFlag, Number(row.count)]))
})

/**
 * Submits a merge requests file as one step of a run (MRG-1): the requests SAVED or REJECTED with their rule
 * and reason, and the rows that are no request written as the run's rejects (VAL-1), all in one transaction,
 * so the file is submitted whole or not at all. A resumed run whose submission had committed submits nothing
 * twice: it counts what it submitted.
 */
export const submitStep = (file: string): Step<SubmitError, SubmitRequirements> => ({
  name: "submit",
  execute: (run) =>
    Effect.gen(function*() {
      const database = yield* Database
      const earlier = yield* submittedBy(run.runId)
      let fileRejects = 0
      if (earlier.size === 0) {
        const read = yield* readRequestFile(file)
        fileRejects = read.rejects.length
        yield* database.transaction("submit the merge requests file", Effect.gen(function*() {
          yield* submitRequests(read.requests, run.runId)
          const rejects = read.rejects.map((reject): Reject => ({ source: read.name, customerNumber: "", ...reject }))
          yield* writeRejects(run.runId, JSON.stringify(rejects))
        }))
      } else {
        const { query } = database
        const row = yield* query("count the run's rejects", (db) =>
          db.selectFrom("rejects").select((eb) => eb.fn.countAll<string>().as("count")).where("runId", "=", run.runId).executeTakeFirstOrThrow())
        fileRejects = Number(row.count)
      }
      const flags = earlier.size === 0 ? yield* submittedBy(run.runId) : earlier
      const saved = flags.get("SAVED") ?? 0
      const rejected = flags.get("REJECTED") ?? 0
      return {
        read: saved + rejected + fileRejects,
        written: saved,
        rejected: rejected + fileRejects,
        failed: 0,
        outcomes: { requestsSaved: saved, requestsRejected: rejected, rowsNotRead: fileRejects }
      }
    })
})
