import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { Console, Effect } from "effect"
import type { JobListener } from "../batch/listeners.ts"
import { AppSettings } from "../config/app-settings.ts"
import type { Database } from "../db/database.ts"
import { writeCsvFile } from "./csv-file.ts"
import { escapeHtml, formatCount } from "./html-text.ts"
import { type LineKey, type MergeLine, mergeLineCells, mergeLineColumns, mergeTotals, readMergeLines } from "./merge-lines.ts"
import { pagedCursor } from "./paged-cursor.ts"
import { ReportError } from "./report-error.ts"
import { reportStyle } from "./report-style.ts"
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

export const renderMergeReportHtml = (runId: string, totals: Record<string, number>, lines: ReadonlyArray<MergeLine>, shown: number) => {
  const rows = lines.slice(0, shown).map((line) => {
    const cells = mergeLineCells(line).slice(0, headings.length)
    return `<tr${line.errorMessage === null ? "" : " class=\"failed\""}>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join("")}</tr>`
  })
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Customer Merge Execution Report ${escapeHtml(runId)}</title>
<style>${reportStyle}</style>
</head>
<body>
<header class="page-header">
<div class="eyebrow">orce-sync · Customer Merge Execution Report</div>
<h1>Customer Merge Execution Report</h1>
<dl class="meta"><div class="wide"><dt>Request ID</dt><dd><code id="request-id">${escapeHtml(runId)}</code></dd></div></dl>
</header>
<main>
<section id="totals"><h2>Totals</h2>
<div class="cards">${Object.entries(totals).map(([flag, count]) =>
    `<div class="card" style="--accent:${flagColor[flag] ?? "#607d8b"}"><div class="card-label">${escapeHtml(flag)}</div>` +
    `<div class="card-value" data-flag="${escapeHtml(flag)}">${formatCount(count)}</div></div>`).join("")}</div>
</section>
<section id="merges"><h2>Merges</h2>
${lines.length > shown ? `<p class="note">The first ${formatCount(shown)} lines; every line is in merge-report.csv.</p>` : ""}
${lines.length === 0 ? "<p class=\"note\">No merge in this run.</p>" : `<div class="table-wrap"><table><thead><tr>${headings.map((heading) => `<th>${escapeHtml(heading)}</th>`).join("")}</tr></thead>
<tbody>${rows.join("\n")}</tbody></table></div>`}
</section>
</main>
</body>
</html>
`
}

/**
 * The Customer Merge Execution Report of a merge run (MRG-12) beside its run report: merge-report.csv with
 * every line, merge-report.html with the totals per process flag and the first lines.
 */
export const writeMergeReport = Effect.fn("writeMergeReport")(function*(runId: string, directory: string) {
  const files = mergeReportFiles(directory)
  yield* writeMergeCsv(runId, files.csv)
  const totals = yield* mergeTotals(runId)
  const lines = yield* readMergeLines({ runId }, undefined, defaultListLimit + 1)
  const html = renderMergeReportHtml(runId, totals, lines, defaultListLimit)
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
