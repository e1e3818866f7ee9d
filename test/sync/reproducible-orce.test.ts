import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { syncJob } from "../support/jobs.ts"
import { MockOrceService } from "../../mock-orce/in-process-layer.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { cleanRow, live, loadCustomers, pipelineLayer, syncState } from "./harness.ts"

/**
 * MOCK-2 end to end: a sync run leaves the same ORCE, with the same Relate IDs, however its requests happened
 * to reach the mock. Uneven latency makes requests sent together finish, and so be numbered, out of order.
 */

const customers = Array.from({ length: 12 }, (_, index) => cleanRow(index + 1, { sync_flag: "Y" }))
const fixedNow = () => new Date("2026-01-02T03:04:05.000Z")

const orceAfterSync = (concurrency: number, latencyMs: { readonly min: number; readonly max: number } | number) =>
  Effect.gen(function*() {
    yield* resetDatabase
    yield* loadCustomers(customers)
    const result = yield* syncJob()
    assert.strictEqual(result._tag, "Synced")
    return { orce: (yield* MockOrceService).store.exportSnapshot(), relateIds: yield* syncState }
  }).pipe(Effect.provide(pipelineLayer({ SYNC_CONCURRENCY: String(concurrency) }, { now: fixedNow, faults: { seed: "uneven", latencyMs } })))

forEachDialect("a sync run against the mock ORCE", (it) => {
  it.effect("MOCK-2 the same customers leave the same ORCE and Relate IDs, sent one at a time or many at once with uneven latency", () =>
    live(Effect.gen(function*() {
      const oneAtATime = yield* orceAfterSync(1, 0)
      const manyAtOnce = yield* orceAfterSync(8, { min: 0, max: 30 })
      assert.lengthOf(oneAtATime.orce.customers, customers.length)
      assert.deepStrictEqual(manyAtOnce, oneAtATime)
    })))
})
