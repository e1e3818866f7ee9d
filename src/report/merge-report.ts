import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { Console, Effect } from "effect"
import type { JobListener } from "../batch/listeners.ts"
import { AppSettings } from "../config/app-settings.ts"
import type { Database } from "../db/database.ts"
import { writeCsvFile } from "./csv-file.ts"
import { escapeHtml, formatCount } from "./html-text.ts"
import { code, htmlDocument, listSection, table } from "./html-parts.ts"
import { analyzeMergeLines, countMergeLines, type LineKey, type MergeLine, mergeLineCells, mergeLineColumns, mergeTotals, readMergeLines } from "./merge-lines.ts"
import { pagedCursor } from "./paged-cursor.ts"
import { ReportError } from "./report-error.ts"
import { defaultListLimit } from "./run-report.ts"
import { reportDirectory } from "./write-run-report.ts"

export const mergeReportFiles = (directory: string) => ({
  html: join(directory, "merge-report.html"),
  csv: join(directory, "merge-report.csv")
})

const keyOf = (line: MergeLine): LineKey => ({ runId: line.runId, requestId: line.requestId, line: line.line })

/** Every line of the run's merges into a CSV file, a page at a time (REL-3). */
const writeMergeCsv = (runId: string, path: string) =>
  writeCsvFile(path, mergeLineColumns, (write) =>
    Effect.gen(function*() {
      const lines = pagedCursor((after: LineKey | undefined) => readMergeLines({ runId }, after), keyOf)
      while (true) {
        yield* lines.fill
        const line = lines.current()
        if (line === undefined) return
        yield* write([mergeLineCells(line)])
        lines.advance()
      }
    }))

const flagColor: Record<string, string> = { COMPLETED: "#2e7d32", FAILED: "#c62828", PROCESSING: "#f9a825", IN_PROGRESS: "#f9a825" }

const headings = ["Request", "Old Name [Number]", "New Name [Number]", "Old Address", "New Address", "Old Location", "New Location", "Site Use", "Primary", "Status", "Error", "ORCE"]

export const renderMergeReportHtml = (
  runId: string,
  totals: Record<string, number>,
  lines: { readonly count: number; readonly items: ReadonlyArray<MergeLine> }
) =>
  htmlDocument(
    `Customer Merge Execution Report ${runId}`,
    `<header class="page-header">
<div class="eyebrow">orce-sync · Customer Merge Execution Report</div>
<h1>Customer Merge Execution Report</h1>
<dl class="meta"><div class="wide"><dt>Request ID</dt><dd id="request-id">${code(runId)}</dd></div></dl>
</header>
<main>
<section id="totals"><h2>Totals</h2>
<div class="cards">${Object.entries(totals).map(([flag, count]) =>
      `<div class="card" style="--accent:${flagColor[flag] ?? "#607d8b"}"><div class="card-label">${escapeHtml(flag)}</div>` +
      `<div class="card-value" data-flag="${escapeHtml(flag)}">${formatCount(count)}</div></div>`).join("")}</div>
</section>
${
      listSection("merges", "Merges", lines, () =>
        table(headings, lines.items.map((line) => mergeLineCells(line).slice(0, headings.length).map(escapeHtml)), ["num"]), "No merge in this run.", "merge-report.csv")
    }
</main>`
  )

/**
 * The Customer Merge Execution Report of a merge run (MRG-12) beside its run report: merge-report.csv with
 * every line, merge-report.html with the totals per process flag and the first lines.
 */
export const writeMergeReport = Effect.fn("writeMergeReport")(function*(runId: string, directory: string) {
  const files = mergeReportFiles(directory)
  yield* analyzeMergeLines
  yield* writeMergeCsv(runId, files.csv)
  const totals = yield* mergeTotals(runId)
  const items = yield* readMergeLines({ runId }, undefined, defaultListLimit)
  const html = renderMergeReportHtml(runId, totals, { count: yield* countMergeLines(runId), items })
  yield* Effect.try({
    try: () => writeFileSync(files.html, html),
    catch: (cause) => new ReportError({ path: files.html, message: `Cannot write ${files.html}: ${String(cause)}` })
  })
  return { files, totals }
})

/** Writes the merge report once the batch has ended, however it ended (after the run report made the folder). */
export const mergeReport: JobListener<AppSettings | Database> = {
  afterJob: ({ runId }) =>
    Effect.gen(function*() {
      const settings = yield* AppSettings
      yield* writeMergeReport(runId, reportDirectory(settings.reportsDir, runId))
    }).pipe(
      Effect.catch((error) =>
        Console.error(`The merge report of run ${runId} could not be written: ${error.message}`)
      )
    )
}
