import { Effect } from "effect"
import { chromium } from "playwright-core"
import { pathToFileURL } from "node:url"
import { layerPglite } from "../../src/db/database.ts"
import { writeRunReport } from "../../src/report/write-run-report.ts"
import { formatSummary } from "../../src/report/format-summary.ts"
import { insertRun, sampleRun } from "./fixtures.ts"

const status = (process.argv[2] ?? "completed") as "completed" | "interrupted"
const base = sampleRun("export-20261124T100000Z-3f9a", { status, settings: { L37: "INTERACT", CHUNK_SIZE: "1000", ORCE_TOKEN: "(set)", DATABASE_URL: "(set)", SYNC_CONCURRENCY: "8", ORCE_URL: "http://127.0.0.1:7300" } })
const more = Array.from({ length: 48_000 }, (_, i) => ({ customerNumber: 10_000 + i, outcome: (i % 7 === 0 ? "updated" : "created") as "created" | "updated" }))
const chunks = Array.from({ length: 48 }, (_, i) => ({ customers: 1000, seconds: (i + 1) * 1.2 + Math.sin(i / 3) * 0.3 + (i > 30 ? (i - 30) * 0.4 : 0) }))
const program = Effect.gen(function*() {
  yield* insertRun({ ...base, outcomes: [...base.outcomes!, ...more], chunks, endedAt: new Date(base.startedAt?.getTime() ?? Date.parse("2026-11-24T10:00:00Z") + 80_000) })
  const { files, report } = yield* writeRunReport(base.runId, "/tmp/report-shot")
  console.log(formatSummary(report, files.html))
  return files.html
})
const html = await Effect.runPromise(Effect.scoped(program.pipe(Effect.provide(layerPglite()))))
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] })
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
await page.goto(pathToFileURL(html).href)
await page.screenshot({ path: `/tmp/report-shot/shot-${status}.png`, fullPage: true })
await page.emulateMedia({ colorScheme: "dark" })
await page.screenshot({ path: `/tmp/report-shot/shot-${status}-dark.png`, fullPage: false })
await browser.close()
