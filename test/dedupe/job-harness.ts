import { Effect } from "effect"
import { dedupeJob as dedupeDefinition } from "../../pipelines/dedupe.ts"
import { startJob } from "../../src/batch/job.ts"
import { noCounts } from "../../src/batch/step-counts.ts"
import { Database } from "../../src/db/database.ts"
import type { Customer } from "../../src/domain/customer.ts"
import { defaultDedupeSettings } from "../../src/stages/dedupe/dedupe-settings.ts"
import { testSettingsLayer } from "../support/settings.ts"

/** Puts customers in the staging database as a load leaves them. */
export const stageCustomers = (customers: ReadonlyArray<Customer>, loadRunId = "load-test") =>
  Effect.gen(function*() {
    const { query } = yield* Database
    for (let at = 0; at < customers.length; at += 500) {
      const batch = customers.slice(at, at + 500).map((customer) => ({ ...customer, loadRunId }))
      yield* query("stage customers", (db) =>
        db.insertInto("customers").values(batch)
          .onConflict((oc) => oc.column("customerNumber").doUpdateSet((eb) => Object.fromEntries(
            Object.keys(batch[0]!).filter((key) => key !== "customerNumber").map((key) => [key, eb.ref(`excluded.${key}` as any)])
          ) as any))
          .execute())
    }
  })

export interface DedupeRunFlags {
  readonly full?: boolean
  readonly autoMerge?: number
  readonly review?: number
  /** Settings by key, as on the command line (e.g. DEDUPE_SURVIVORSHIP). */
  readonly settings?: Record<string, string>
}

/** A dedupe run through the batch core, as the CLI starts it; its step's counts. */
export const runDedupe = (flags: DedupeRunFlags = {}) =>
  startJob(dedupeDefinition, {
    full: flags.full ?? false,
    autoMerge: flags.autoMerge ?? defaultDedupeSettings.autoMerge,
    review: flags.review ?? defaultDedupeSettings.review
  }).pipe(
    Effect.map((result) => {
      if (result._tag === "NotRun") throw new Error(result.reason)
      const counts = result.steps.find((step) => step.step === "dedupe")?.counts ?? noCounts
      return { runId: result.runId, read: counts.read, written: counts.written, outcomes: counts.outcomes }
    }),
    Effect.provide(testSettingsLayer(flags.settings))
  )

/** The dedupe's tables as a test compares them. */
export const readDedupeTables = Effect.gen(function*() {
  const { query } = yield* Database
  const clusters = yield* query("clusters", (db) => db.selectFrom("dedupeClusters").selectAll().orderBy("id").execute())
  const members = yield* query("members", (db) =>
    db.selectFrom("dedupeClusterMembers").select(["clusterId", "customerNumber"]).orderBy("clusterId").orderBy("customerNumber").execute())
  const requests = yield* query("requests", (db) => db.selectFrom("mergeRequests").selectAll().orderBy("id").execute())
  const review = yield* query("review", (db) => db.selectFrom("dedupeReviewPairs").selectAll().orderBy("id").execute())
  const membersOf = (id: number) => members.filter((member) => member.clusterId === id).map((member) => member.customerNumber)
  return { clusters, members, membersOf, requests, review }
})
