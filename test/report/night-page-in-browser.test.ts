import { describe, expect, it } from "vitest"
import { Effect } from "effect"
import { writeFileSync } from "node:fs"
import { pathToFileURL } from "node:url"
import { renderNightPage } from "../../src/report/night-page.ts"
import type { NightSummary } from "../../src/report/night-summary.ts"
import { browserMissing, inChromium } from "../support/chromium.ts"
import { tempPath } from "../support/files.ts"

const night: NightSummary = {
  customersChanged: 1204,
  customersUnchanged: 998_796,
  otherRowsChanged: 3012,
  rejected: 3,
  customersCompared: 1204,
  mergeRequests: 61,
  reviewPairs: 7,
  merged: 60,
  mergeFailed: 1,
  synced: 1263,
  syncFailed: 0,
  deferred: 2,
  nothingChanged: false,
  stages: [
    { stage: "load", status: "completed", seconds: 12.5, read: 1_000_000, written: 4216, rejected: 3, failed: 0 },
    { stage: "dedupe", status: "completed", seconds: 30.1, read: 950_000, written: 61, rejected: 0, failed: 0 },
    { stage: "merge", status: "completed", seconds: 2.25, read: 61, written: 60, rejected: 0, failed: 1 },
    { stage: "sync", status: "failed", seconds: null, read: 1265, written: 1263, rejected: 0, failed: 0 }
  ]
}

/** What a person sees of night.html: the verdict, the cards, the stage rows and where the links lead. */
const openNight = (path: string, width: number) =>
  inChromium(path, width, async (page, activity) => ({
    verdict: (await page.locator("#verdict").innerText()).trim(),
    cards: Object.fromEntries(await Promise.all((await page.locator("[data-total]").all()).map(async (card) =>
      [await card.getAttribute("data-total"), (await card.innerText()).trim()] as const))),
    stages: await page.locator("#stages tbody tr").evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent))),
    links: await page.locator("#reports a").evaluateAll((links) => links.map((link) => [link.textContent, (link as HTMLAnchorElement).href])),
    title: await page.locator("h1").innerText(),
    overflows: await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1),
    activity
  }))

describe.skipIf(browserMissing)(`the night page in Chromium${browserMissing ? " (skipped: no /usr/bin/chromium)" : ""}`, () => {
  it("shows the night's totals and stage times, links the run's three reports, escapes what comes from data and asks for nothing", () =>
    Effect.runPromise(Effect.gen(function*() {
      const path = tempPath("night.html")
      const hostile = "nightly-<img src=x onerror=alert(1)>"
      writeFileSync(path, renderNightPage(hostile, "failed", night, { duplicates: "duplicates.html", merges: "merge-report.html", sync: "report.html" }))
      const seen = yield* openNight(path, 1280)
      expect(seen.verdict).toBe("1,204 new or changed customers loaded, 60 merged, 1,263 sent to ORCE.")
      expect(seen.cards).toMatchObject({ Changed: "1,204", Unchanged: "998,796", Merged: "60", Synced: "1,263", Deferred: "2" })
      expect(seen.stages).toEqual([
        ["load", "completed", "12.5 s", "1,000,000", "4,216", "3", "0"],
        ["dedupe", "completed", "30.1 s", "950,000", "61", "0", "0"],
        ["merge", "completed", "2.3 s", "61", "60", "0", "1"],
        ["sync", "failed", "—", "1,265", "1,263", "0", "0"]
      ])
      const beside = (file: string) => new URL(file, pathToFileURL(path)).href
      expect(seen.links).toEqual([
        ["Duplicate Customer Report", beside("duplicates.html")],
        ["Customer Merge Execution Report", beside("merge-report.html")],
        ["Sync report (execution report of the run)", beside("report.html")]
      ])
      expect(seen.activity.requests).toEqual([pathToFileURL(path).href])
      expect(seen.activity.errors).toEqual([])
      expect(seen.title).toContain("failed")
      const narrow = yield* openNight(path, 400)
      expect(narrow.overflows).toBe(false)
    })), 60_000)

  it("a night that changed nothing says so, and a dedupe that did not complete has no report to link", () =>
    Effect.runPromise(Effect.gen(function*() {
      const path = tempPath("night.html")
      writeFileSync(path, renderNightPage("nightly-1", "completed", { ...night, customersChanged: 0, nothingChanged: true }, {
        duplicates: undefined, merges: "merge-report.html", sync: "report.html"
      }))
      const seen = yield* openNight(path, 1280)
      expect(seen.verdict).toMatch(/^Nothing changed/)
      expect(seen.links.map(([text]) => text)).toEqual(["Customer Merge Execution Report", "Sync report (execution report of the run)"])
    })), 60_000)
})
