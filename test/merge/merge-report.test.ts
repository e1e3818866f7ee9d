import { assert } from "@effect/vitest"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { parse } from "csv-parse/sync"
import { Effect } from "effect"
import { chromium } from "playwright-core"
import { AppSettings } from "../../src/config/app-settings.ts"
import { readMergeLines } from "../../src/report/merge-lines.ts"
import { mergeReportFiles } from "../../src/report/merge-report.ts"
import { reportDirectory, reportFiles } from "../../src/report/write-run-report.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { live, pipelineLayer } from "../sync/harness.ts"
import { given, request, runBatch, submit } from "./fixtures.ts"

/** MRG-12, MRG-13: the Customer Merge Execution Report of a batch, and past merges reviewed. */

const executablePath = "/usr/bin/chromium"

/** What a person sees of merge-report.html in headless Chromium, with the network out of reach. */
const seenInChromium = (htmlPath: string) =>
  Effect.promise(async () => {
    const profile = mkdtempSync(join(tmpdir(), "orce-sync-chromium-"))
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      offline: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
    })
    try {
      const requests: Array<string> = []
      context.on("request", (request) => requests.push(request.url()))
      const page = await context.newPage()
      await page.goto(pathToFileURL(htmlPath).href, { waitUntil: "load" })
      const totals: Record<string, string> = {}
      for (const element of await page.locator("[data-flag]").all()) {
        totals[(await element.getAttribute("data-flag"))!] = (await element.innerText()).trim()
      }
      return {
        requestId: await page.locator("#request-id").innerText(),
        totals,
        rows: await page.locator("#merges tbody tr").allInnerTexts(),
        failedRows: await page.locator("#merges tbody tr", { hasText: "MRG-2:" }).count(),
        requests: requests.filter((url) => !url.startsWith("file:"))
      }
    } finally {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  })

forEachDialect("merge reports", (it) => {
  it.effect("MRG-12 the Customer Merge Execution Report names the run and each merge's old and new Name [Number], address, location, site use, primary and status, or its error; then totals", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* given([
        { number: 1, sites: [{ id: 10, uses: [{ id: 100, type: "BILL_TO", primary: true, location: "HQ" }] }] },
        { number: 2, sites: [{ id: 20, uses: [{ id: 200, type: "BILL_TO", location: "MAIN", activity: 2 }] }] },
        { number: 3, sites: [{ id: 30, uses: [{ id: 300, type: "SHIP_TO", location: "DOCK" }] }] }
      ])
      yield* submit(request(2, 1), request(3, 1, { createSameSite: true }))
      // Customer 3 became an organization after submission: the batch fails its merge (MRG-2).
      const { Database } = yield* Effect.promise(() => import("../../src/db/database.ts"))
      const { query } = yield* Database
      yield* query("close", (db) => db.updateTable("customers").set({ partyType: "O" }).where("customerNumber", "=", 3).execute())
      const batch = yield* runBatch()
      const settings = yield* AppSettings
      const directory = reportDirectory(settings.reportsDir, batch.runId)
      const files = mergeReportFiles(directory)
      const rows = parse(readFileSync(files.csv), { columns: true }) as Array<Record<string, string>>
      assert.deepStrictEqual(rows.map((row) => [row.request_id, row.old_name_number, row.new_name_number, row.old_location, row.new_location, row.site_use, row.primary, row.status]), [
        ["1", "Ada NAME2 [2]", "Ada NAME1 [1]", "MAIN", "HQ", "BILL_TO", "No", "Inactive"],
        ["2", "Ada NAME3 [3]", "Ada NAME1 [1]", "", "", "", "", ""]
      ])
      assert.strictEqual(rows[0]!.old_address, "20 MARKET ST, SPRINGFIELD, IL, 62701, US")
      assert.match(rows[1]!.error_message!, /^MRG-2: customer 3 \(party type O\) and customer 1 \(party type I\)/)
      const json = JSON.parse(readFileSync(reportFiles(directory).json, "utf8")) as { recordedCounts: Record<string, number> }
      assert.include(json.recordedCounts, { "merge.completed": 1, "merge.failed": 1, "merge.sets": 1 })
      if (!existsSync(executablePath)) return
      const seen = yield* seenInChromium(files.html)
      assert.strictEqual(seen.requestId, batch.runId)
      assert.deepStrictEqual(seen.totals, { COMPLETED: "1", FAILED: "1" })
      assert.lengthOf(seen.rows, 2)
      assert.strictEqual(seen.failedRows, 1)
      assert.include(seen.rows[0]!, "Ada NAME2 [2]")
      assert.deepStrictEqual(seen.requests, [])
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))

  it.effect("MRG-13 past merges are reviewed by customer, old or new, across runs", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* given([
        { number: 1, sites: [{ id: 10, uses: [{ id: 100, type: "BILL_TO" }] }] },
        { number: 2, sites: [{ id: 20, uses: [{ id: 200, type: "BILL_TO" }] }] },
        { number: 3, sites: [{ id: 30, uses: [{ id: 300, type: "BILL_TO" }] }] }
      ])
      yield* submit(request(2, 1))
      const first = yield* runBatch()
      yield* submit(request(3, 1))
      const second = yield* runBatch()
      const ofSurvivor = yield* readMergeLines({ customer: 1 }, undefined)
      assert.deepStrictEqual(ofSurvivor.map((line) => [line.runId, line.oldCustomer]).sort(), [[first.runId, 2], [second.runId, 3]].sort())
      assert.deepStrictEqual((yield* readMergeLines({ customer: 3 }, undefined)).map((line) => line.runId), [second.runId])
      assert.deepStrictEqual((yield* readMergeLines({ runId: first.runId }, undefined)).map((line) => line.oldCustomer), [2])
    })).pipe(Effect.provide(pipelineLayer({ L37: "NONE" }))))
})
