import { assert } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { Effect } from "effect"
import { loadJob } from "../../pipelines/load.ts"
import { startJob } from "../../src/batch/job.ts"
import { writeExportCsv } from "../../src/generate/write-export-csv.ts"
import { readRequestFile } from "../../src/stages/merge/request-file.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { tempPath } from "../support/files.ts"
import { live, pipelineLayer } from "../sync/harness.ts"
import { requests, runBatch } from "./fixtures.ts"
import { submitRequests } from "../../src/stages/merge/submit-requests.ts"

/** `orce-sync generate` writes sites, site uses, activity and a merge request per duplicate, from its seed. */

const generate = (seed: number) =>
  Effect.gen(function*() {
    const out = (name: string) => tempPath(`${name}.csv`)
    const files = { out: out("customers"), sitesOut: out("sites"), siteUsesOut: out("uses"), activityOut: out("activity"), requestsOut: out("requests") }
    const summary = yield* writeExportCsv({ customers: 300, seed, duplicateRate: 0.1, dirtyRate: 0.02, activityPerCustomer: 5, ...files })
    return { files, summary }
  })

forEachDialect("generated sites and merge requests", (it) => {
  it.effect("MRG-1 a generated export's sites, uses and activity all load, and its merge requests are all saved and merged", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const { files, summary } = yield* generate(5)
      const again = yield* generate(5)
      for (const key of Object.keys(files) as Array<keyof typeof files>) {
        assert.strictEqual(readFileSync(again.files[key], "utf8"), readFileSync(files[key], "utf8"), `${key} is the same for the same seed`)
      }
      const loaded = yield* startJob(loadJob, {
        customers: { file: files.out },
        sites: { file: files.sitesOut },
        siteUses: { file: files.siteUsesOut },
        activity: { file: files.activityOut }
      })
      if (loaded._tag === "NotRun") return assert.fail(loaded.reason)
      for (const step of loaded.steps.filter((step) => step.step !== "load-customers")) {
        assert.strictEqual(step.counts.rejected, 0, `${step.step} rejects nothing`)
      }
      assert.strictEqual(loaded.steps.find((step) => step.step === "load-activity")!.counts.written, summary.activity)
      const file = yield* readRequestFile(files.requestsOut)
      assert.lengthOf(file.requests, summary.requests)
      assert.isAbove(summary.requests, 10)
      const submitted = yield* submitRequests(file.requests, null)
      assert.deepStrictEqual(submitted.filter((request) => request.flag !== "SAVED").map((request) => request.reason), [])
      const batch = yield* runBatch(10)
      assert.strictEqual(batch.counts.written, summary.requests)
      assert.isTrue((yield* requests).every((row) => row.processFlag === "COMPLETED"))
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))
})
