import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { pathToFileURL } from "node:url"
import { writeDuplicateReport } from "../../src/report/duplicates/write-duplicate-report.ts"
import { browserMissing, inChromium } from "../support/chromium.ts"
import { tempPath } from "../support/files.ts"
import { duplicateNight, hostile, nightCustomers } from "./duplicate-fixtures.ts"

interface SeenInBrowser {
  readonly totals: Record<string, string>
  readonly text: string
  readonly scripts: number
  /** Drawn width × height of each chart, by kind. */
  readonly charts: Record<"waterfall" | "model" | "bars", ReadonlyArray<number>>
  readonly visibleDifferences: number
  readonly waterfallSteps: number
  readonly overflowing: number
}

const asNumber = (shown: string) => Number(shown.replace(/,/g, ""))

describe.skipIf(browserMissing)(`duplicate report in Chromium${browserMissing ? " (skipped: install Debian's chromium package)" : ""}`, () => {
  it.effect("DUP-7 headless Chromium draws duplicates.html: totals of the summary, waterfalls, m/u and blocking charts, hostile names as text, no request, no error", () =>
    Effect.gen(function*() {
      const night = duplicateNight(nightCustomers(), { maxBlockSize: 20, accepted: [[1051, 9021]] })
      const summary = yield* writeDuplicateReport(tempPath("duplicates-browser"), night)
      const { seen, activity } = yield* inChromium(summary.files.html, 1280, async (page, activity) => {
        const seen = await page.evaluate((): SeenInBrowser => {
          const sizes = (selector: string) =>
            [...document.querySelectorAll(selector)].map((svg) => {
              const box = svg.getBoundingClientRect()
              return box.width * box.height
            })
          const totals: Record<string, string> = {}
          for (const element of document.querySelectorAll("[data-total]")) totals[element.getAttribute("data-total")!] = (element as HTMLElement).innerText.trim()
          return {
            totals,
            text: document.body.innerText,
            scripts: document.querySelectorAll("script").length,
            charts: { waterfall: sizes("svg.chart.waterfall"), model: sizes("svg.chart.model"), bars: sizes("#blocking svg.chart") },
            visibleDifferences: [...document.querySelectorAll("[data-differs]")].filter((element) => element.getBoundingClientRect().width > 0).length,
            waterfallSteps: document.querySelectorAll("svg.chart.waterfall [data-step] rect").length,
            // Text drawn past the right edge of its chart: a label a person could not read.
            overflowing: [...document.querySelectorAll("svg.chart text")].filter((text) => {
              const svg = text.closest("svg")!.getBoundingClientRect()
              const box = text.getBoundingClientRect()
              return box.left < svg.left - 1 || box.right > svg.right + 1
            }).length
          }
        })
        return { seen, activity }
      })

      const { counts } = summary
      assert.strictEqual(asNumber(seen.totals.clusters!), counts.clusters)
      assert.strictEqual(asNumber(seen.totals.members!), counts.members)
      assert.strictEqual(asNumber(seen.totals["merge-requests"]!), counts.mergeRequests)
      assert.strictEqual(asNumber(seen.totals["review-pairs"]!), counts.reviewPairs)
      assert.strictEqual(asNumber(seen.totals["candidate-pairs"]!), counts.candidatePairs)
      assert.strictEqual(asNumber(seen.totals.skipped!), 1)

      // One waterfall per proposed and review pair, each drawn at a readable size.
      assert.strictEqual(seen.charts.waterfall.length, night.mergeRequests.length + night.review.length)
      for (const size of seen.charts.waterfall) assert.isAbove(size, 100_000)
      assert.strictEqual(seen.charts.model.length, night.result.model.comparisons.length)
      for (const size of seen.charts.model) assert.isAbove(size, 20_000)
      assert.strictEqual(seen.charts.bars.length, 1)
      assert.isAbove(seen.waterfallSteps, seen.charts.waterfall.length * night.result.model.comparisons.length)
      assert.strictEqual(seen.overflowing, 0)

      assert.include(seen.text, "Survivor 1040 — has a Relate ID")
      assert.include(seen.text, "SAVED")
      assert.include(seen.text, "Split off into review")
      assert.isAbove(seen.visibleDifferences, 0)
      // Hostile values read as the text they are; none ran, none reordered the page.
      assert.strictEqual(seen.scripts, 0)
      assert.include(seen.text, hostile.lastName)
      assert.include(seen.text, hostile.firstName)
      assert.include(seen.text, "1 \\u202eEVIL ST")

      assert.deepStrictEqual(activity.errors, [])
      assert.deepStrictEqual(activity.requests, [pathToFileURL(summary.files.html).href])
    }))
})
