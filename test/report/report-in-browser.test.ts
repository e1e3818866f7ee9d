import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { describe } from "vitest"
import { readFileSync } from "node:fs"
import { pathToFileURL } from "node:url"
import { countKeys } from "../../src/report/run-report.ts"
import { writeRunReport } from "../../src/report/write-run-report.ts"
import { browserMissing, inChromium } from "../support/chromium.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { tempPath } from "../support/files.ts"
import { insertRun, rejectedRecords, sampleRun } from "./fixtures.ts"

interface SeenInBrowser {
  readonly totals: Record<string, string>
  readonly visibleTotals: number
  readonly banner: string | null
  readonly bars: number
  readonly chartSizes: ReadonlyArray<number>
  readonly requests: ReadonlyArray<string>
}

/** What a person sees of report.html in a wide window: totals, banner and charts; and what the page asked for. */
const openInChromium = (htmlPath: string) =>
  inChromium(htmlPath, 1280, async (page, { requests }): Promise<SeenInBrowser> => {
    const totalElements = page.locator("[data-total]")
    const totals: Record<string, string> = {}
    let visibleTotals = 0
    for (const element of await totalElements.all()) {
      totals[(await element.getAttribute("data-total"))!] = (await element.innerText()).trim()
      if (await element.isVisible()) visibleTotals++
    }
    const banner = page.locator("[data-partial]")
    const chartSizes = await page.locator("svg.chart").evaluateAll((svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect()
        return box.width * box.height
      })
    )
    return {
      totals,
      visibleTotals,
      banner: (await banner.count()) === 0 || !(await banner.isVisible()) ? null : await banner.innerText(),
      bars: await page.locator("svg.chart [data-bar]").count(),
      chartSizes,
      requests
    }
  })

interface TableLayout {
  /** Lines each rule ID of the rejects table takes. */
  readonly ruleLines: ReadonlyArray<number>
  /** Rows of the rejects and settings tables that are on the page, not hidden in a scroll box. */
  readonly rowsShown: Record<string, number>
  /** Tables that scroll inside a box of their own. */
  readonly boxed: number
}

/** How the tables of report.html are laid out in a narrow window. */
const tableLayout = (htmlPath: string) =>
  inChromium(htmlPath, 480, (page) =>
    page.evaluate((): TableLayout => {
      const linesOf = (element: Element) => {
        const range = document.createRange()
        range.selectNodeContents(element)
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size
      }
      /** A row is shown when no ancestor clips it away from the page. */
      const shown = (row: Element) => {
        const box = row.getBoundingClientRect()
        for (let up = row.parentElement; up !== null; up = up.parentElement) {
          const clip = up.getBoundingClientRect()
          if (getComputedStyle(up).overflowY !== "visible" && (box.top < clip.top - 1 || box.bottom > clip.bottom + 1)) return false
        }
        return true
      }
      const rowsShown: Record<string, number> = {}
      for (const id of ["rejects", "settings"]) {
        rowsShown[id] = [...document.querySelectorAll(`#${id} tbody tr`)].filter(shown).length
      }
      return {
        ruleLines: [...document.querySelectorAll("#rejects tbody td:last-child")].map(linesOf),
        rowsShown,
        boxed: [...document.querySelectorAll(".table-wrap")].filter((wrap) => wrap.scrollHeight > wrap.clientHeight + 1).length
      }
    }))

const asNumber = (shown: string) => Number(shown.replace(/,/g, ""))

describe.skipIf(browserMissing)(`report in Chromium${browserMissing ? " (skipped: install Debian's chromium package)" : ""}`, () =>
forEachDialect("report in a browser", (it) => {
  it.effect("RPT-2 headless Chromium shows the totals of report.json, with both charts and no request", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const base = sampleRun("export-1")
      // Over a thousand, so the test also reads the thousands separator a person sees.
      const more = Array.from({ length: 1_500 }, (_, i) => ({ customerNumber: 10_000 + i, outcome: "created" as const }))
      yield* insertRun({ ...base, outcomes: [...base.outcomes!, ...more] })
      const { files } = yield* writeRunReport("export-1", tempPath("browser-export-1"))
      const json = JSON.parse(readFileSync(files.json, "utf8"))
      const seen = yield* openInChromium(files.html)

      assert.deepStrictEqual(Object.keys(seen.totals).sort(), [...countKeys].sort())
      for (const key of countKeys) assert.strictEqual(asNumber(seen.totals[key]!), json.counts[key], key)
      assert.strictEqual(seen.totals.created, "1,503")
      assert.strictEqual(seen.visibleTotals, countKeys.length)
      assert.strictEqual(seen.banner, null)
      assert.strictEqual(seen.bars, 7)
      assert.strictEqual(seen.chartSizes.length, 2)
      for (const size of seen.chartSizes) assert.isAbove(size, 10_000)
      // The page asked for nothing beyond itself: everything it shows is inline.
      assert.deepStrictEqual(seen.requests, [pathToFileURL(files.html).href])
    }))

  it.effect("RPT-1 headless Chromium shows the partial banner of an interrupted run, with its totals", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun(sampleRun("stopped", { status: "interrupted" }))
      const { files } = yield* writeRunReport("stopped", tempPath("browser-stopped"))
      const json = JSON.parse(readFileSync(files.json, "utf8"))
      const seen = yield* openInChromium(files.html)
      assert.isTrue(json.partial)
      assert.match(seen.banner ?? "", /^Partial report\./)
      for (const key of countKeys) assert.strictEqual(asNumber(seen.totals[key]!), json.counts[key], key)
    }))

  it.effect("headless Chromium shows every listed reject and setting on the page, with rule IDs on one line", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const rejects = rejectedRecords(40, 100, {
        field: "postal_code",
        reason: "postal code 1234 is not a US ZIP code (5 digits, or ZIP+4)",
        rule: "VAL-5"
      })
      const settings = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`K${String(i).padStart(2, "0")}`, `value ${i}`]))
      yield* insertRun(sampleRun("long-lists", { rejects, settings }))
      const { files } = yield* writeRunReport("long-lists", tempPath("browser-long-lists"))
      const layout = yield* tableLayout(files.html)
      assert.deepStrictEqual(layout.ruleLines, rejects.map(() => 1))
      // The settings section holds the 40 settings and the 2 counts the pipeline recorded.
      assert.deepStrictEqual(layout.rowsShown, { rejects: 40, settings: 42 })
      assert.strictEqual(layout.boxed, 0)
    }))
}))
