import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { Database } from "../../src/db/database.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { live, pipelineLayer } from "../sync/harness.ts"
import { activityOf, customerRow, given, request, requests, runBatch, submit, usesOf } from "./fixtures.ts"

/** MRG-1..MRG-8, MRG-10: what a request must be, at submission and at run time, and what a merge leaves. */

const acme = { number: 1, sites: [{ id: 10, uses: [{ id: 100, type: "BILL_TO" as const, activity: 3, primary: true }, { id: 101, type: "SHIP_TO" as const, activity: 2 }] }] }
const pacific = { number: 2, sites: [{ id: 20, uses: [{ id: 200, type: "BILL_TO" as const, activity: 4 }, { id: 201, type: "SHIP_TO" as const, activity: 1 }] }] }

forEachDialect("merge rules", (it) => {
  it.effect("MRG-7 a merge moves all activity to the survivor's like uses and inactivates the from-customer, its sites and uses", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* given([acme, pacific])
      const [saved] = yield* submit(request(2, 1))
      assert.strictEqual(saved!.flag, "SAVED")
      const batch = yield* runBatch()
      assert.strictEqual(batch.counts.written, 1)
      assert.deepStrictEqual(yield* activityOf(2), [])
      const moved = yield* activityOf(1)
      assert.lengthOf(moved, 10)
      assert.deepStrictEqual(moved.filter((row) => row.activityId >= 20_000).map((row) => row.siteUseId), [100, 100, 100, 100, 101])
      assert.strictEqual((yield* customerRow(2))?.status, "I")
      assert.deepStrictEqual((yield* usesOf(2)).map((use) => use.status), ["I", "I"])
      assert.strictEqual((yield* customerRow(1))?.syncFlag, "Y")
      assert.strictEqual((yield* requests)[0]!.processFlag, "COMPLETED")
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-2 customers of different party types are rejected at submission", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* given([acme, { ...pacific, partyType: "O" }])
      const [rejected] = yield* submit(request(2, 1))
      assert.strictEqual(rejected!.flag, "REJECTED")
      assert.match(rejected!.reason!, /^MRG-2: .*party type/)
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("MRG-3 a from-use with no same-type use fails; with create same site it is copied to the to-customer", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const statements = { number: 3, sites: [{ id: 30, uses: [{ id: 300, type: "STATEMENTS" as const, activity: 2, location: "LOC100" }] }] }
      yield* given([acme, statements])
      const [rejected] = yield* submit(request(3, 1))
      assert.strictEqual(rejected!.flag, "REJECTED")
      assert.match(rejected!.reason!, /^MRG-3: the statements use of site 30 .* has no statements use on customer 1/)
      const [saved] = yield* submit(request(3, 1, { createSameSite: true }))
      assert.strictEqual(saved!.flag, "SAVED")
      yield* runBatch()
      const copied = (yield* usesOf(1)).filter((use) => use.useType === "STATEMENTS")
      assert.lengthOf(copied, 1)
      assert.isAbove(copied[0]!.siteUseId, 999_999_999_999)
      assert.deepStrictEqual((yield* activityOf(1)).filter((row) => row.activityId >= 30_000).map((row) => row.siteUseId), [copied[0]!.siteUseId, copied[0]!.siteUseId])
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-4 a copied location that is taken on the to-customer gets -C appended", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const survivor = { number: 1, sites: [{ id: 10, uses: [{ id: 100, type: "STATEMENTS" as const, location: "HQ" }] }] }
      const other = { number: 4, sites: [{ id: 40, state: "WI", uses: [{ id: 400, type: "STATEMENTS" as const, location: "HQ", activity: 1 }] }] }
      yield* given([survivor, other])
      yield* submit(request(4, 1, { createSameSite: true }))
      yield* runBatch()
      assert.deepStrictEqual((yield* usesOf(1)).map((use) => use.location), ["HQ", "HQ-C"])
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-5 sites of one customer cannot be merged with delete, and a merge of two customers must map every site", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const twoSites = { number: 5, sites: [{ id: 50, uses: [{ id: 500, type: "BILL_TO" as const }] }, { id: 51, uses: [{ id: 510, type: "BILL_TO" as const }] }] }
      yield* given([acme, twoSites])
      const [deleting, unmapped, named] = yield* submit(
        request(5, 5, { afterMerge: "delete", mappings: [{ fromSite: 50, toSite: 51, location: null }] }),
        request(5, 1, { mappings: [{ fromSite: 50, toSite: 10, location: null }] }),
        request(5, 1, { mappings: [{ fromSite: 50, toSite: 10, location: null }, { fromSite: 50, toSite: 10, location: null }] })
      )
      assert.match(deleting!.reason!, /^MRG-5: sites of one customer \(5\) cannot be merged with delete/)
      assert.match(unmapped!.reason!, /^MRG-5: site 51 .* of customer 5 is not mapped/)
      assert.match(named!.reason!, /^MRG-5: site 50 is named twice/)
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-5 two sites of one customer merge: the from-site's activity goes to the to-site, the customer stays active", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const twoSites = { number: 5, sites: [{ id: 50, uses: [{ id: 500, type: "BILL_TO" as const, activity: 2 }] }, { id: 51, uses: [{ id: 510, type: "BILL_TO" as const }] }] }
      yield* given([twoSites])
      const [saved] = yield* submit(request(5, 5, { mappings: [{ fromSite: 50, toSite: 51, location: null }] }))
      assert.strictEqual(saved!.flag, "SAVED")
      yield* runBatch()
      assert.deepStrictEqual((yield* activityOf(5)).map((row) => row.siteUseId), [510, 510])
      assert.strictEqual((yield* customerRow(5))?.status, "A")
      assert.deepStrictEqual((yield* usesOf(5)).map((use) => use.status), ["I", "A"])
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-6 addresses in another tax jurisdiction do not merge", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const wisconsin = { number: 6, sites: [{ id: 60, state: "WI", uses: [{ id: 600, type: "BILL_TO" as const }] }] }
      yield* given([acme, wisconsin])
      const [rejected] = yield* submit(request(6, 1))
      assert.match(rejected!.reason!, /^MRG-6: .*tax jurisdiction US\/WI/)
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-10 delete after merge is refused with L37=INTERACT; otherwise the from-customer is deleted", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* given([acme, pacific])
      const [refused] = yield* submit(request(2, 1, { afterMerge: "delete" }))
      assert.match(refused!.reason!, /^MRG-10: delete after merge is refused while L37 is INTERACT/)
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("MRG-7 with delete after merge the from-customer, its sites and uses are gone and the activity kept", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* given([acme, pacific])
      yield* submit(request(2, 1, { afterMerge: "delete" }))
      yield* runBatch()
      assert.isUndefined(yield* customerRow(2))
      assert.deepStrictEqual(yield* usesOf(2), [])
      assert.lengthOf(yield* activityOf(1), 10)
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-7 the activity of the from-customer's inactive uses and inactive sites moves too, like to like; deleted, nothing is left behind", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      // Pacific's closed things still hold history: an inactive bill-to beside its active one, and a whole inactive site.
      const closedHistory = {
        number: 2,
        sites: [
          { id: 20, uses: [{ id: 200, type: "BILL_TO" as const, activity: 1 }, { id: 202, type: "BILL_TO" as const, activity: 2, status: "I" as const }] },
          { id: 21, status: "I" as const, uses: [{ id: 210, type: "SHIP_TO" as const, activity: 1, status: "I" as const }] }
        ]
      }
      const fourth = { number: 4, sites: [{ id: 40, uses: [{ id: 400, type: "BILL_TO" as const, activity: 1 }, { id: 402, type: "BILL_TO" as const, activity: 1, status: "I" as const }] }] }
      yield* given([acme, closedHistory, fourth])
      yield* submit(request(2, 1), request(4, 1, { afterMerge: "delete" }))
      const batch = yield* runBatch()
      assert.strictEqual(batch.counts.written, 2)
      assert.deepStrictEqual(yield* activityOf(2), [])
      assert.deepStrictEqual(yield* activityOf(4), [])
      const moved = yield* activityOf(1)
      assert.deepStrictEqual(
        moved.filter((row) => row.activityId >= 20_000).map((row) => [row.activityId, row.siteUseId]),
        [[20_000, 100], [20_200, 100], [20_201, 100], [21_000, 101], [40_000, 100], [40_200, 100]]
      )
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-7 activity merged twice follows both merges: 2 into 1 in one batch, then 1 into 3 in the next, all of it ends on 3's like uses", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const third = { number: 3, sites: [{ id: 30, uses: [{ id: 300, type: "BILL_TO" as const, activity: 1 }, { id: 301, type: "SHIP_TO" as const }] }] }
      yield* given([acme, pacific, third])
      yield* submit(request(2, 1))
      yield* runBatch()
      yield* submit(request(1, 3))
      const second = yield* runBatch()
      assert.strictEqual(second.counts.written, 1)
      assert.deepStrictEqual(yield* activityOf(1), [])
      assert.deepStrictEqual(yield* activityOf(2), [])
      const bySource = (yield* activityOf(3)).map((row) => [Math.floor(row.activityId / 10_000), row.siteUseId])
      assert.deepStrictEqual(bySource, [[1, 300], [1, 300], [1, 300], [1, 301], [1, 301], [2, 300], [2, 300], [2, 300], [2, 300], [2, 301], [3, 300]])
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-7 an inactive use that holds activity with no like use on the to-customer is refused, naming it", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const billToOnly = { number: 1, sites: [{ id: 10, uses: [{ id: 100, type: "BILL_TO" as const }] }] }
      const oldShipTo = { number: 2, sites: [{ id: 20, uses: [{ id: 200, type: "BILL_TO" as const }, { id: 201, type: "SHIP_TO" as const, activity: 1, status: "I" as const }] }] }
      const unused = { number: 3, sites: [{ id: 30, uses: [{ id: 300, type: "BILL_TO" as const }, { id: 301, type: "SHIP_TO" as const, status: "I" as const }] }] }
      yield* given([billToOnly, oldShipTo, unused])
      const [refused, saved] = yield* submit(request(2, 1), request(3, 1))
      assert.strictEqual(
        refused!.reason,
        "MRG-7: the inactive ship-to use 201 of site 20 (20 MARKET ST, SPRINGFIELD IL US) holds activity, and customer 1 has no active ship-to use in operating unit OU1 to take it (MRG-3: like to like); add one, or map the site"
      )
      // Without activity an inactive use has nothing to hand over: it is no reason to refuse.
      assert.strictEqual(saved!.flag, "SAVED")
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-1 an unknown customer, an unknown site and from equal to are rejected with the reason", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* given([acme, pacific])
      const [unknown, site, same] = yield* submit(
        request(9, 1),
        request(2, 1, { mappings: [{ fromSite: 99, toSite: 10, location: null }] }),
        request(1, 1)
      )
      assert.strictEqual(unknown!.reason, "MRG-1: customer 9 is not in the staging database")
      assert.strictEqual(site!.reason, "MRG-1: site 99 is not a site of customer 2")
      assert.match(same!.reason!, /^MRG-1: the from-customer and the to-customer are both 1/)
      assert.deepStrictEqual((yield* requests).map((row) => row.processFlag), ["REJECTED", "REJECTED", "REJECTED"])
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-8 a cycle is refused, and a customer already merged away is never merged twice", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* given([acme, pacific, { number: 3, sites: [{ id: 30, uses: [{ id: 300, type: "BILL_TO" as const }] }] }])
      const [ab, ba] = yield* submit(request(2, 1), request(1, 2))
      assert.strictEqual(ab!.flag, "SAVED")
      assert.match(ba!.reason!, /^MRG-8: customer 2 is itself to be merged into customer 1 .* cycle/)
      yield* runBatch()
      const [again, into] = yield* submit(request(2, 3), request(3, 2))
      assert.strictEqual(again!.reason, "MRG-8: customer 2 was already merged into customer 1 by request 1; there is nothing left to merge")
      assert.strictEqual(into!.reason, "MRG-8: customer 2 was already merged into customer 1 by request 1; merge into customer 1 instead")
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-8 a request invalid at run time is FAILED with its reason, the others of its set complete; resubmitted it runs again", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const shipTo = { number: 7, sites: [{ id: 70, uses: [{ id: 700, type: "SHIP_TO" as const, activity: 1 }] }] }
      yield* given([acme, pacific, { number: 3, sites: [{ id: 30, uses: [{ id: 300, type: "BILL_TO" as const, activity: 1 }] }] }, shipTo])
      yield* submit(request(2, 1), request(3, 1), request(7, 1))
      // Customer 1 loses its bill-to use before the batch: the requests with a bill-to fail, the ship-to one merges.
      const { query } = yield* Database
      yield* query("close", (db) => db.updateTable("siteUses").set({ status: "I" }).where("siteUseId", "=", 100).execute())
      const batch = yield* runBatch()
      assert.strictEqual(batch.counts.failed, 2)
      const rows = yield* requests
      assert.deepStrictEqual(rows.map((row) => row.processFlag), ["FAILED", "FAILED", "COMPLETED"])
      assert.deepStrictEqual((yield* activityOf(1)).filter((row) => row.activityId >= 70_000).map((row) => row.siteUseId), [101])
      assert.match(rows[0]!.errorMessage!, /^MRG-3: the bill-to use of site 20/)
      assert.lengthOf(yield* activityOf(2), 5)
      yield* query("reopen", (db) => db.updateTable("siteUses").set({ status: "A" }).where("siteUseId", "=", 100).execute())
      const { resubmitRequest } = yield* Effect.promise(() => import("../../src/stages/merge/submit-requests.ts"))
      assert.strictEqual((yield* resubmitRequest(1))._tag, "Saved")
      yield* runBatch()
      assert.deepStrictEqual((yield* requests).map((row) => row.processFlag), ["COMPLETED", "FAILED", "COMPLETED"])
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))
})
