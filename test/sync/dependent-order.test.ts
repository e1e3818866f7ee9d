import { assert } from "@effect/vitest"
import { describe, expect, it } from "vitest"
import { Effect } from "effect"
import { MockOrceService } from "../../mock-orce/in-process-layer.ts"
import { dependentGroups } from "../../src/stages/sync/dependent-customers.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { syncJob } from "../support/jobs.ts"
import { cleanRow, live, loadCustomers, outcomesOf, pipelineLayer } from "./harness.ts"

/**
 * A run is a function of its input and the ORCE it starts from: customers whose match can depend on each other
 * (the same email, e-commerce ID or Relate ID) are decided in customer-number order, whatever the concurrency
 * and however fast ORCE answers each request.
 */

const shared = "shared@example.com"
const customers = [
  cleanRow(1, { sync_flag: "Y", email: shared }),
  cleanRow(2, { sync_flag: "Y" }),
  cleanRow(3, { sync_flag: "Y", email: "SHARED@example.com" }),
  cleanRow(4, { sync_flag: "Y", ecommerce_id: "W4" }),
  cleanRow(5, { sync_flag: "Y", email: shared }),
  cleanRow(6, { sync_flag: "Y", ecommerce_id: "W4" })
]

const syncWith = (concurrency: number, latencyMs: { readonly min: number; readonly max: number } | number) =>
  Effect.gen(function*() {
    yield* resetDatabase
    yield* loadCustomers(customers)
    const result = yield* syncJob()
    if (result._tag !== "Synced") return yield* Effect.die(new Error("sync did not run"))
    const outcomes = yield* outcomesOf(result.runId)
    return {
      outcomes: Object.values(outcomes).map((outcome) => [outcome.customerNumber, outcome.match, outcome.outcome]),
      orceCustomers: (yield* MockOrceService).store.exportSnapshot().customers.length
    }
  }).pipe(Effect.provide(pipelineLayer({ SYNC_CONCURRENCY: String(concurrency) }, { faults: { seed: "uneven", latencyMs } })))

forEachDialect("customers whose matches depend on each other", (it) => {
  it.effect("SYNC-5 customers sharing an email are decided in customer-number order, the same one at a time or eight at once", () =>
    live(Effect.gen(function*() {
      const oneAtATime = yield* syncWith(1, 0)
      const manyAtOnce = yield* syncWith(8, { min: 0, max: 40 })
      assert.deepStrictEqual(manyAtOnce, oneAtATime)
      // 1 is created; 3 and 5 find it by email, and every match holds an OROMS key, so they take it (SYNC-5).
      assert.deepStrictEqual(oneAtATime.outcomes.filter(([number]) => [1, 3, 5].includes(number as number)), [
        [1, "new", "created"],
        [3, "email-with-oroms-key", "updated"],
        [5, "email-with-oroms-key", "updated"]
      ])
    })))
})

describe("grouping of dependent customers", () => {
  it("groups customers linked by email (any case), e-commerce ID or Relate ID, each in customer-number order", () => {
      const row = (customerNumber: number, fields: { email?: string; ecommerceId?: string; relateId?: string }) =>
        ({ customerNumber, email: "", ecommerceId: "", relateId: "", ...fields }) as never
      const groups = dependentGroups([
        row(7, { email: "a@x.com" }),
        row(2, { email: "A@x.com", ecommerceId: "W" }),
        row(5, { ecommerceId: "W" }),
        row(4, { relateId: "R1" }),
        row(9, {}),
        row(1, { relateId: "R1" })
      ])
    expect(groups).toEqual([[5, 3], [1, 2, 0], [4]])
  })
})
