import { assert } from "@effect/vitest"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { Effect } from "effect"
import { nightlyJob } from "../../pipelines/nightly.ts"
import { startJob } from "../../src/batch/job.ts"
import { AppSettings } from "../../src/config/app-settings.ts"
import { Database } from "../../src/db/database.ts"
import { decodeRunReport } from "../../src/report/run-report.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { addOrUpdates, journal, live, orceCustomers, pipelineLayer } from "../sync/harness.ts"
import { deltaNight, duplicates, exportsOf, firstNight, people, siteDeltaNight } from "./night-files.ts"

const runNight = (directory: string, names?: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const settings = yield* AppSettings
    const result = yield* startJob(nightlyJob, {
      exports: exportsOf(directory, names),
      dedupe: { full: false, autoMerge: settings.dedupeAutoMerge, review: settings.dedupeReview },
      commitSize: 2
    })
    if (result._tag === "NotRun") throw new Error(result.reason)
    const report = decodeRunReport(JSON.parse(readFileSync(join(settings.reportsDir, result.runId, "report.json"), "utf8")))
    return { runId: result.runId, report, night: report.night!, directory: join(settings.reportsDir, result.runId) }
  })

const tables = Effect.gen(function*() {
  const { query } = yield* Database
  return {
    customers: yield* query("customers", (db) => db.selectFrom("customers").select(["customerNumber", "status", "syncFlag", "relateId", "street"]).orderBy("customerNumber").execute()),
    sites: yield* query("sites", (db) => db.selectFrom("sites").select(["siteId", "customerNumber", "status"]).orderBy("siteId").execute()),
    uses: yield* query("uses", (db) => db.selectFrom("siteUses").select(["siteUseId", "customerNumber", "status"]).orderBy("siteUseId").execute()),
    activity: yield* query("activity", (db) => db.selectFrom("activity").select(["activityId", "customerNumber", "siteUseId"]).orderBy("activityId").execute()),
    requests: yield* query("requests", (db) => db.selectFrom("mergeRequests").select(["id", "fromCustomer", "toCustomer", "processFlag"]).orderBy("id").execute())
  }
})

// Keys as numbers: node-postgres reads a bigint as a string.
const siteRows = Effect.gen(function*() {
  const { query } = yield* Database
  const sites = yield* query("sites", (db) => db.selectFrom("sites").select(["siteId", "customerNumber", "street", "status"]).orderBy("siteId").execute())
  const uses = yield* query("uses", (db) => db.selectFrom("siteUses").select(["siteUseId", "siteId", "location", "status"]).orderBy("siteUseId").execute())
  const activity = yield* query("activity", (db) =>
    db.selectFrom("activity").select(["activityId", "customerNumber", "siteUseId", "document", "amount"]).orderBy("activityId").execute())
  return {
    sites: sites.map((row) => ({ ...row, siteId: Number(row.siteId) })),
    uses: uses.map((row) => ({ ...row, siteUseId: Number(row.siteUseId), siteId: Number(row.siteId) })),
    activity: activity.map((row) => ({ ...row, activityId: Number(row.activityId), siteUseId: Number(row.siteUseId), amount: Number(row.amount) }))
  }
})

/** A first night run on an empty staging database; answers a customer it merged away. */
const afterFirstNight = Effect.gen(function*() {
  yield* resetDatabase
  yield* runNight(firstNight())
  return (yield* tables).customers.find((row) => row.status === "I")!.customerNumber
})

const duplicatePairs = Array.from({ length: duplicates }, (_, i) => [1001 + i, 2001 + i] as const)

forEachDialect("nightly run", (it) => {
  it.effect("a night loads the exports, merges the duplicates across customers, sites and activity, sends the survivors to ORCE and reports it all", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const night = yield* runNight(firstNight())
      assert.strictEqual(night.report.status, "completed")
      assert.deepInclude(night.night, {
        customersChanged: people + duplicates,
        customersUnchanged: 0,
        rejected: 0,
        mergeRequests: duplicates,
        merged: duplicates,
        mergeFailed: 0,
        syncFailed: 0,
        deferred: 0,
        nothingChanged: false
      })
      assert.deepStrictEqual(night.night.stages.map((stage) => [stage.stage, stage.status]), [["load", "completed"], ["dedupe", "completed"], ["merge", "completed"], ["sync", "completed"]])
      assert.isTrue(night.night.stages.every((stage) => stage.seconds !== null && stage.seconds >= 0))

      const state = yield* tables
      // Each pair merged one way: the from-customer inactive with its site and uses, its activity on the survivor's uses.
      for (const [original, copy] of duplicatePairs) {
        const request = state.requests.find((row) => [row.fromCustomer, row.toCustomer].sort().join() === [original, copy].join())
        assert.isDefined(request, `a merge request of ${original} and ${copy}`)
        assert.strictEqual(request!.processFlag, "COMPLETED")
        const from = request!.fromCustomer
        const to = request!.toCustomer
        assert.strictEqual(state.customers.find((row) => row.customerNumber === from)!.status, "I")
        assert.strictEqual(state.customers.find((row) => row.customerNumber === to)!.status, "A")
        assert.deepStrictEqual(state.sites.filter((site) => site.customerNumber === from).map((site) => site.status), ["I"])
        assert.lengthOf(state.activity.filter((row) => row.customerNumber === from), 0)
        assert.isAbove(state.activity.filter((row) => row.customerNumber === to).length, 2)
      }
      // Every active customer, survivors included, is in ORCE under the Relate ID staging holds, and none is left flagged.
      const orce = new Map((yield* orceCustomers).map((customer) => [customer.customerId, customer]))
      for (const customer of state.customers.filter((row) => row.status === "A")) {
        assert.strictEqual(customer.syncFlag, "N", `customer ${customer.customerNumber} is no longer flagged`)
        assert.isTrue(orce.has(customer.relateId), `customer ${customer.customerNumber} is in ORCE`)
      }
      // MRG-11: a merged-away customer is not sent, so no ORCE record carries its customer number as an OROMS key.
      const mergedAway = state.customers.filter((row) => row.status === "I").map((row) => String(row.customerNumber))
      const orceKeys = [...orce.values()].flatMap((customer) => (customer.alternateKeys ?? []).filter((key) => key.type === "OROMS_ID").map((key) => key.value))
      assert.deepStrictEqual(orceKeys.filter((key) => mergedAway.includes(key)), [])
      assert.lengthOf(mergedAway, duplicates)

      const page = readFileSync(join(night.directory, "night.html"), "utf8")
      for (const file of ["duplicates.html", "merge-report.html", "report.html"]) {
        assert.include(page, `href="${file}"`)
        assert.isTrue(existsSync(join(night.directory, file)), `${file} is written`)
      }
    })).pipe(Effect.provide(pipelineLayer({ L37: "INTERACT" }))))

  it.effect("a second night over the same exports changes nothing: no row written, no request, no merge, no call to ORCE, and it says so", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const exports = firstNight()
      yield* runNight(exports)
      const before = yield* tables
      const calls = (yield* journal).length
      const again = yield* runNight(exports)
      assert.deepInclude(again.night, {
        customersChanged: 0,
        customersUnchanged: people + duplicates,
        otherRowsChanged: 0,
        rejected: 0,
        mergeRequests: 0,
        reviewPairs: 0,
        merged: 0,
        synced: 0,
        nothingChanged: true
      })
      assert.deepStrictEqual(yield* tables, before)
      assert.strictEqual((yield* journal).length, calls)
      assert.include(readFileSync(join(again.directory, "night.html"), "utf8"), "Nothing changed")
    })).pipe(Effect.provide(pipelineLayer({ L37: "INTERACT" }))))

  it.effect("a delta night writes and sends only the customers it changes, and those whose profile data changed (MAP-13); the others keep their Relate IDs", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* runNight(firstNight())
      const before = yield* tables
      const sent = (yield* addOrUpdates).length
      // 1001 had INTEREST GARDENING: changed; 1005 had it too: unchanged.
      const delta = yield* runNight(deltaNight([1010, 1020], ["1001,INTEREST,FISHING", "1005,INTEREST,GARDENING"]), ["customers.csv", "profiles.csv"])
      assert.deepInclude(delta.night, { customersChanged: 2, customersUnchanged: 0, otherRowsChanged: 1, mergeRequests: 0, merged: 0, synced: 3, nothingChanged: false })
      const after = yield* tables
      const messages = (yield* addOrUpdates).slice(sent)
      assert.deepStrictEqual(
        messages.map((entry) => entry.message.alternateKeys?.find((key) => key.type === "OROMS_ID")?.value).sort(),
        ["1001", "1010", "1020"]
      )
      for (const customer of after.customers) {
        const earlier = before.customers.find((row) => row.customerNumber === customer.customerNumber)!
        assert.strictEqual(customer.relateId, earlier.relateId)
        if ([1010, 1020].includes(customer.customerNumber)) assert.strictEqual(customer.street, `${customer.customerNumber} NEW STREET`)
        else assert.deepStrictEqual(customer, earlier)
      }
    })).pipe(Effect.provide(pipelineLayer({ L37: "INTERACT" }))))

  it.effect("MRG-7 a delta night that changes a merged-away customer keeps it merged away: its new values staged, still inactive, not sent to ORCE, not proposed again", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* runNight(firstNight())
      const before = yield* tables
      const [changed, profiled] = before.customers.filter((row) => row.status === "I").map((row) => row.customerNumber)
      const sent = (yield* addOrUpdates).length
      const delta = yield* runNight(deltaNight([changed!], [`${profiled},INTEREST,FISHING`]), ["customers.csv", "profiles.csv"])
      assert.deepInclude(delta.night, { customersChanged: 1, otherRowsChanged: 1, mergeRequests: 0, merged: 0, synced: 0 })
      const after = yield* tables
      for (const number of [changed!, profiled!]) {
        const row = after.customers.find((customer) => customer.customerNumber === number)!
        assert.deepInclude(row, { status: "I", syncFlag: "N" }, `customer ${number} stays merged away`)
      }
      assert.strictEqual(after.customers.find((customer) => customer.customerNumber === changed)!.street, `${changed} NEW STREET`)
      assert.lengthOf((yield* addOrUpdates).slice(sent), 0)
      assert.deepStrictEqual(after.requests, before.requests)
    })).pipe(Effect.provide(pipelineLayer({ L37: "INTERACT" }))))
  it.effect("a delta night that changes a site's address updates the site, and the same delta again changes nothing", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* runNight(firstNight())
      const before = yield* siteRows
      const delta = siteDeltaNight({ sites: [[10100, 1010, "OU1", "1010 NEW MARKET ST", "SPRINGFIELD", "IL", "62701", "US"]] })
      const night = yield* runNight(delta.directory, delta.names)
      assert.deepInclude(night.night, { otherRowsChanged: 1, rejected: 0, nothingChanged: false })
      const after = yield* siteRows
      assert.deepStrictEqual(after.sites.find((site) => site.siteId === 10100), { siteId: 10100, customerNumber: 1010, street: "1010 NEW MARKET ST", status: "A" })
      assert.deepStrictEqual(after.sites.filter((site) => site.siteId !== 10100), before.sites.filter((site) => site.siteId !== 10100))
      const again = yield* runNight(delta.directory, delta.names)
      assert.deepInclude(again.night, { otherRowsChanged: 0, rejected: 0, nothingChanged: true })
      assert.deepStrictEqual(yield* siteRows, after)
    })).pipe(Effect.provide(pipelineLayer({ L37: "INTERACT" }))))

  it.effect("VAL-3 a delta night that repeats a site in a later chunk updates the site by its first row and rejects the later one", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* runNight(firstNight())
      const row = (street: string) => [10100, 1010, "OU1", street, "SPRINGFIELD", "IL", "62701", "US"]
      const delta = siteDeltaNight({ sites: [row("FIRST ST"), [10110, 1011, "OU1", "1011 MARKET ST", "SPRINGFIELD", "IL", "62701", "US"], row("LATER ST")] })
      const night = yield* runNight(delta.directory, delta.names)
      assert.deepInclude(night.night, { otherRowsChanged: 1, rejected: 1 })
      assert.match(readFileSync(join(night.directory, "rejects.csv"), "utf8"), /,4,.*site 10100 is already in the staging database/)
      assert.strictEqual((yield* siteRows).sites.find((site) => site.siteId === 10100)!.street, "FIRST ST")
    })).pipe(Effect.provide(pipelineLayer({ L37: "INTERACT", LOAD_CHUNK_SIZE: "2" }))))

  it.effect("MRG-4 a delta night that moves a site use onto a location its customer already uses rejects it, naming the line", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* runNight(firstNight())
      const before = yield* siteRows
      // Line 2 takes the ship-to location of use 101001; line 3 changes use 101100's location, which is free.
      const delta = siteDeltaNight({ uses: [[101000, 10100, "SHIP_TO", "S1010", "Y"], [101100, 10110, "BILL_TO", "B1011-NEW", "Y"]] })
      const night = yield* runNight(delta.directory, delta.names)
      assert.deepInclude(night.night, { otherRowsChanged: 1, rejected: 1 })
      const rejects = readFileSync(join(night.directory, "rejects.csv"), "utf8")
      assert.match(rejects, /,2,.*location.*MRG-4|,2,.*MRG-4.*location/)
      const after = yield* siteRows
      assert.deepStrictEqual(after.uses.find((use) => use.siteUseId === 101000), before.uses.find((use) => use.siteUseId === 101000))
      assert.strictEqual(after.uses.find((use) => use.siteUseId === 101100)!.location, "B1011-NEW")
    })).pipe(Effect.provide(pipelineLayer({ L37: "INTERACT" }))))

  it.effect("MRG-5 a delta night that changes a site and a use a merge closed updates their values and keeps them inactive", () =>
    live(Effect.gen(function*() {
      const merged = yield* afterFirstNight
      const delta = siteDeltaNight({
        sites: [[merged * 10, merged, "OU1", `${merged} NEW MARKET ST`, "SPRINGFIELD", "IL", "62701", "US"]],
        uses: [[merged * 100, merged * 10, "BILL_TO", `B${merged}-NEW`, "Y"]]
      })
      const night = yield* runNight(delta.directory, delta.names)
      assert.deepInclude(night.night, { otherRowsChanged: 2, rejected: 0 })
      const after = yield* siteRows
      assert.deepStrictEqual(after.sites.find((site) => site.siteId === merged * 10), { siteId: merged * 10, customerNumber: merged, street: `${merged} NEW MARKET ST`, status: "I" })
      assert.deepStrictEqual(after.uses.find((use) => use.siteUseId === merged * 100), { siteUseId: merged * 100, siteId: merged * 10, location: `B${merged}-NEW`, status: "I" })
    })).pipe(Effect.provide(pipelineLayer({ L37: "INTERACT" }))))

  it.effect("MRG-7 a delta night that changes an activity row of a merged-away customer updates it and leaves it on the survivor's use", () =>
    live(Effect.gen(function*() {
      const merged = yield* afterFirstNight
      const moved = (yield* siteRows).activity.find((row) => row.activityId === merged * 1000)!
      assert.notStrictEqual(moved.customerNumber, merged, "the merge moved the activity to the survivor")
      const delta = siteDeltaNight({ activity: [[merged * 1000, "order", merged * 100, `DOC-${merged}-CHANGED`, "99.00"]] })
      const night = yield* runNight(delta.directory, delta.names)
      assert.deepInclude(night.night, { otherRowsChanged: 1, rejected: 0 })
      const after = (yield* siteRows).activity.find((row) => row.activityId === merged * 1000)!
      assert.deepStrictEqual(after, { ...moved, document: `DOC-${merged}-CHANGED`, amount: 99 })
    })).pipe(Effect.provide(pipelineLayer({ L37: "INTERACT" }))))

  it.effect("MRG-7 a delta night that adds an activity row on a merged-away customer's use puts it where that use's activity went, on the survivor's use", () =>
    live(Effect.gen(function*() {
      const merged = yield* afterFirstNight
      const moved = (yield* siteRows).activity.find((row) => row.activityId === merged * 1000)!
      const added = merged * 1000 + 999
      const delta = siteDeltaNight({ activity: [[added, "invoice", merged * 100, `DOC-${merged}-LATE`, "5.00"]] })
      const night = yield* runNight(delta.directory, delta.names)
      assert.deepInclude(night.night, { rejected: 0 })
      const row = (yield* siteRows).activity.find((activity) => activity.activityId === added)!
      assert.deepStrictEqual([row.customerNumber, row.siteUseId], [moved.customerNumber, moved.siteUseId])
    })).pipe(Effect.provide(pipelineLayer({ L37: "INTERACT" }))))
})
