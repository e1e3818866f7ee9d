import { assert } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { Database } from "../../src/db/database.ts"
import { OrceTarget } from "../../src/orce/target.ts"
import { readOrceBinding, rebindOrce } from "../../src/runs/orce-binding.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { initialExportJob, resumeJob, syncJob } from "../support/jobs.ts"
import { customersCsv } from "../support/customers-csv.ts"
import { tempFile } from "../support/files.ts"
import { cleanRow, journal, live, pipelineLayer, runsTable, syncState } from "./harness.ts"

/**
 * A staging database holds the Relate IDs of one ORCE: runs against another are refused before any work, and
 * `staging rebind` is the one way to move it (clearing the Relate IDs and flagging every customer).
 */

const target = (description: string) => Layer.succeed(OrceTarget, { description })
const otherOrce = "https://orce.other.example"

const exportTwo = Effect.gen(function*() {
  const result = yield* initialExportJob({ customers: { file: tempFile(customersCsv([cleanRow(1), cleanRow(2)])) } })
  if (result._tag !== "Exported") return yield* Effect.die(new Error("export did not run"))
  return result
})

forEachDialect("ORCE binding of the staging database", (it) => {
  it.effect("the first run binds the staging database to its ORCE, and records it on the run", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const { runId } = yield* exportTwo
      const binding = yield* readOrceBinding()
      assert.strictEqual(binding?.orceTarget, "the in-process mock ORCE of this test")
      assert.strictEqual(binding?.boundBy, runId)
      assert.strictEqual((yield* runsTable)[0]?.orceTarget, "the in-process mock ORCE of this test")
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("a sync against another ORCE is refused before any work, with a sentence saying what to do", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* exportTwo
      const before = yield* syncState
      const requests = (yield* journal).length
      yield* (Effect.gen(function*() {
        const error = yield* Effect.flip(syncJob())
        assert.strictEqual(error._tag, "OrceBindingMismatch")
        assert.include(error.message, "use a fresh staging database")
        assert.include(error.message, "orce-sync staging rebind")
      }).pipe(Effect.provide(target(otherOrce))))
      assert.lengthOf(yield* runsTable, 1)
      assert.deepStrictEqual(yield* syncState, before)
      assert.strictEqual((yield* journal).length, requests)
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("an export against another ORCE is refused before its load writes anything", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* exportTwo
      const error = yield* Effect.flip(exportTwo.pipe(Effect.provide(target(otherOrce))))
      assert.strictEqual(error._tag, "OrceBindingMismatch")
      assert.lengthOf(yield* runsTable, 1)
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("a run is resumed only against the ORCE it started with", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const { runId } = yield* exportTwo
      const { query } = yield* Database
      yield* query("interrupt", (db) => db.updateTable("runs").set({ status: "interrupted" }).where("runId", "=", runId).execute())
      const error = yield* Effect.flip(resumeJob(runId).pipe(Effect.provide(target(otherOrce))))
      assert.strictEqual(error._tag, "ResumeError")
      assert.include(error.message, `synchronizes with the in-process mock ORCE of this test, not ${otherOrce}`)
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("a staging database of an earlier version is bound to the ORCE its last export or sync recorded in its settings", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const { query } = yield* Database
      yield* query("an earlier version's run", (db) =>
        db.insertInto("runs").values({
          runId: "initial-export-20261101T000000Z-0000",
          pipeline: "initial-export",
          status: "completed",
          settings: JSON.stringify({ L37: "INTERACT", MOCK_ORCE_STATE: "/srv/orce-sync/mock-orce.json" }),
          inputs: "[]",
          counts: "{}",
          checkpoint: null,
          startedAt: new Date("2026-11-01T00:00:00Z")
        }).execute())
      const error = yield* Effect.flip(syncJob())
      assert.strictEqual(error._tag, "OrceBindingMismatch")
      assert.include(error.message, "synchronizes with the in-process mock ORCE (state in /srv/orce-sync/mock-orce.json)")
      const same = yield* syncJob().pipe(Effect.provide(target("the in-process mock ORCE (state in /srv/orce-sync/mock-orce.json)")))
      assert.strictEqual(same._tag, "Synced")
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("staging rebind clears every Relate ID, flags every customer, and lets the other ORCE's sync run", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* exportTwo
      assert.isTrue(Object.values(yield* syncState).every((customer) => customer.relateId !== "" && customer.syncFlag === "N"))
      const { customers, previous } = yield* rebindOrce(otherOrce)
      assert.strictEqual(customers, 2)
      assert.strictEqual(previous, "the in-process mock ORCE of this test")
      assert.deepStrictEqual(Object.values(yield* syncState), [
        { relateId: "", syncFlag: "Y", ecommerceId: "" },
        { relateId: "", syncFlag: "Y", ecommerceId: "" }
      ])
      const synced = yield* syncJob().pipe(Effect.provide(target(otherOrce)))
      assert.strictEqual(synced._tag, "Synced")
      assert.strictEqual((yield* readOrceBinding())?.orceTarget, otherOrce)
    })).pipe(Effect.provide(pipelineLayer())))
})
