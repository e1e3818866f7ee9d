import { join } from "node:path"
import { code, htmlDocument, table } from "./html-parts.ts"
import { escapeHtml, formatCount, formatDuration } from "./html-text.ts"
import type { NightSummary } from "./night-summary.ts"

/** The night page beside the run's other reports, which it links by their file names. */
export const nightPageFile = (directory: string) => join(directory, "night.html")

export interface NightLinks {
  readonly duplicates: string | undefined
  readonly merges: string | undefined
  readonly sync: string
}

const card = (label: string, value: number, note: string, accent: string) =>
  `<div class="card" style="--accent:${accent}"><div class="card-label">${escapeHtml(label)}</div>` +
  `<div class="card-value" data-total="${escapeHtml(label)}">${formatCount(value)}</div><div class="card-note">${escapeHtml(note)}</div></div>`

const link = (file: string | undefined, text: string, missing: string) =>
  file === undefined ? `<li>${escapeHtml(text)}: <span class="muted">${escapeHtml(missing)}</span></li>` : `<li><a href="${escapeHtml(file)}">${escapeHtml(text)}</a></li>`

/**
 * The night page (issue 16): what the night changed, each stage's time, and links to the Duplicate Customer
 * Report (DUP-7), the Customer Merge Execution Report (MRG-12) and the sync report (RPT-1) of the same run.
 */
export const renderNightPage = (runId: string, status: string, night: NightSummary, links: NightLinks) =>
  htmlDocument(
    `orce-sync night ${runId}`,
    `<header class="page-header">
<div class="eyebrow">orce-sync · nightly dedupe-and-merge run</div>
<h1>The night <span class="status status-${escapeHtml(status)}" data-status="${escapeHtml(status)}">${escapeHtml(status)}</span></h1>
<dl class="meta"><div class="wide"><dt>Run ID</dt><dd>${code(runId)}</dd></div></dl>
</header>
<main>
<section id="summary"><h2>Summary</h2>
<p id="verdict">${
      night.nothingChanged
        ? "Nothing changed: the exports held no new or changed customer, no duplicate was found to merge and nothing was sent to ORCE."
        : `${formatCount(night.customersChanged)} new or changed customers loaded, ${formatCount(night.merged)} merged, ${formatCount(night.synced)} sent to ORCE.`
    }</p>
<div class="cards">${
      [
        card("Changed", night.customersChanged, "new or changed customers loaded", "#1565c0"),
        card("Unchanged", night.customersUnchanged, "customers the exports repeat", "#607d8b"),
        card("Rejected", night.rejected, "export rows not loaded", "#c62828"),
        card("Merge requests", night.mergeRequests, "duplicates found to merge", "#6a1b9a"),
        card("Review pairs", night.reviewPairs, "left to a person", "#f9a825"),
        card("Merged", night.merged, "merge requests completed", "#2e7d32"),
        card("Merge failed", night.mergeFailed, "merge requests failed", "#c62828"),
        card("Synced", night.synced, "customers sent to ORCE", "#2e7d32"),
        card("Deferred", night.deferred, "ORCE did not answer; sent next night", "#f9a825"),
        card("Sync failed", night.syncFailed, "ORCE refused", "#c62828")
      ].join("")
    }</div>
</section>
<section id="stages"><h2>Stages</h2>${
      table(
        ["Stage", "Status", "Time", "Read", "Written", "Rejected", "Failed"],
        night.stages.map((stage) => [
          escapeHtml(stage.stage),
          escapeHtml(stage.status),
          escapeHtml(formatDuration(stage.seconds)),
          formatCount(stage.read),
          formatCount(stage.written),
          formatCount(stage.rejected),
          formatCount(stage.failed)
        ]),
        ["text", "text", "num", "num", "num", "num", "num"]
      )
    }</section>
<section id="reports"><h2>Reports of this run</h2><ul>
${link(links.duplicates, "Duplicate Customer Report", "not written: the dedupe did not complete")}
${link(links.merges, "Customer Merge Execution Report", "not written")}
${link(links.sync, "Sync report (execution report of the run)", "")}
</ul></section>
</main>`
  )
