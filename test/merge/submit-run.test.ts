import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { mergeSubmitJob } from "../../pipelines/merge-submit.ts"
import { startJob } from "../../src/batch/job.ts"
import { Database } from "../../src/db/database.ts"
import { readRejects } from "../../src/runs/run-ledger.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { tempFile } from "../support/files.ts"
import { live, pipelineLayer } from "../sync/harness.ts"
import { given } from "./fixtures.ts"

/** `orce-sync merge submit` as a run of its own (MRG-1, RPT-1). */

const requestsFile = () =>
  tempFile(["from_customer,to_customer,reason,priority", "2,1,De-duplication,P1", "3,1,Merger,P2", "x,1,Merger,P2"].join("\n") + "\n")

const submitFile = (file: string) =>
  startJob(mergeSubmitJob, { file }).pipe(Effect.map((result) => {
    if (result._tag === "NotRun") throw new Error(result.reason)
    return result
  }))

forEachDialect("merge submit run", (it) => {
  it.effect("MRG-1 a submitted requests file is a run in the ledger: its file, its counts, the requests it created and the rows it could not read", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* given([
        { number: 1, sites: [{ id: 10, uses: [{ id: 100, type: "BILL_TO" }] }] },
        { number: 2, sites: [{ id: 20, uses: [{ id: 200, type: "BILL_TO" }] }] },
        { number: 3, partyType: "O", sites: [{ id: 30, uses: [{ id: 300, type: "BILL_TO" }] }] }
      ])
      const file = requestsFile()
      const result = yield* submitFile(file)
      const { query } = yield* Database
      const run = yield* query("the run", (db) =>
        db.selectFrom("runs").select(["pipeline", "status", "inputs", "counts", "endedAt"]).where("runId", "=", result.runId).executeTakeFirstOrThrow())
      assert.strictEqual(run.pipeline, "merge-submit")
      assert.strictEqual(run.status, "completed")
      assert.isNotNull(run.endedAt)
      const inputs = run.inputs as unknown as ReadonlyArray<{ source: string; sha256?: string }>
      assert.strictEqual(inputs[0]?.source, file)
      assert.match(inputs[0]?.sha256 ?? "", /^[0-9a-f]{64}$/)
      const counts = run.counts as unknown as Record<string, number>
      assert.deepInclude(counts, { "submit.read": 3, "submit.written": 1, "submit.rejected": 2, "submit.requestsSaved": 1, "submit.requestsRejected": 1, "submit.rowsNotRead": 1 })
      const created = yield* query("its requests", (db) =>
        db.selectFrom("mergeRequests").select(["fromCustomer", "processFlag", "createdByRun"]).orderBy("id").execute())
      assert.deepStrictEqual(created, [
        { fromCustomer: 2, processFlag: "SAVED", createdByRun: result.runId },
        { fromCustomer: 3, processFlag: "REJECTED", createdByRun: result.runId }
      ])
      const rejects = yield* readRejects(result.runId, 10)
      assert.deepStrictEqual(rejects.map((reject) => [reject.line, reject.field, reject.rule]), [[4, "from_customer", "MRG-1"]])
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-1 a file without the required columns is a failed run, and nothing is submitted", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const failed = yield* submitFile(tempFile("from_customer,reason\n1,Merger\n")).pipe(Effect.flip)
      assert.match(failed.message, /missing the required columns to_customer, priority/)
      const { query } = yield* Database
      const runs = yield* query("runs", (db) => db.selectFrom("runs").select(["pipeline", "status"]).execute())
      assert.deepStrictEqual(runs, [{ pipeline: "merge-submit", status: "failed" }])
      assert.lengthOf(yield* query("requests", (db) => db.selectFrom("mergeRequests").select("id").execute()), 0)
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))
})
