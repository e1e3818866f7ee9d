import type { CountKey, CustomerItem, ReportInput, RunReport } from "./run-report.ts"
import { escapeHtml, formatBytes, formatCount, formatCountOf, formatDuration, formatRate, formatTime } from "./html-text.ts"
import { code, type ColumnKind, htmlDocument, listSection, table } from "./html-parts.ts"
import { barChart, throughputChart } from "./svg-charts.ts"

/**
 * report.html: one self-contained page for a person (RPT-2). Inline CSS and SVG only — no script, no
 * fonts, no request of any kind — so it opens the same from a mail attachment, a share or an air-gapped
 * machine. Every total sits in an element with `data-total="<name>"`, for whoever checks it against
 * report.json.
 */

const outcomeStyle: Record<CountKey, { readonly label: string; readonly color: string; readonly note: string }> = {
  "created": { label: "created", color: "#2e7d32", note: "new in ORCE" },
  "updated": { label: "updated", color: "#1565c0", note: "found in ORCE and updated" },
  "relate-id-changed": { label: "relate ID changed", color: "#6a1b9a", note: "merged in ORCE: new Relate ID" },
  "deferred": { label: "deferred", color: "#b26a00", note: "ORCE unreachable; retried next run" },
  "failed": { label: "failed", color: "#c62828", note: "refused; needs a person" },
  "skipped": { label: "skipped", color: "#6b7280", note: "not sent (integration off or dry run)" },
  "rejected": { label: "rejected", color: "#d84315", note: "records that did not load" },
  "total": { label: "total", color: "var(--text)", note: "records accounted for" }
}

const totalKeys: ReadonlyArray<CountKey> = ["total", "created", "updated", "relate-id-changed", "deferred", "failed", "skipped", "rejected"]

const statusText = (report: RunReport) =>
  report.status === "completed" ? "completed" : report.status === "running" ? "did not finish" : report.status

const partialReason: Partial<Record<RunReport["status"], string>> = {
  failed: "The run failed",
  interrupted: "The run was interrupted",
  running: "The run stopped without finishing"
}

const banner = (report: RunReport) =>
  report.partial
    ? `<div class="banner" role="alert" data-partial="true"><strong>Partial report.</strong> ${
      escapeHtml(partialReason[report.status] ?? "The run did not complete")
    }: the numbers below cover only the customers handled before it stopped. Resume the run to finish it.</div>`
    : ""

const totalCard = (report: RunReport, key: CountKey) => {
  const style = outcomeStyle[key]
  return `<div class="card${key === "total" ? " card-total" : ""}" style="--accent:${style.color}">` +
    `<div class="card-label">${escapeHtml(style.label)}</div>` +
    `<div class="card-value" data-total="${escapeHtml(key)}">${formatCount(report.counts[key])}</div>` +
    `<div class="card-note">${escapeHtml(style.note)}</div></div>`
}

/** The inputs with what is known of each: size and SHA-256 for a file, rows for a table; no column nobody has. */
const inputsTable = (inputs: ReadonlyArray<ReportInput>) => {
  const columns: ReadonlyArray<{
    readonly header: string
    readonly kind: ColumnKind
    readonly known: (input: ReportInput) => boolean
    readonly cell: (input: ReportInput) => string
  }> = [
    { header: "Source", kind: "text", known: () => true, cell: (input) => code(input.source) },
    { header: "Size", kind: "text", known: (input) => input.bytes !== null, cell: (input) => escapeHtml(formatBytes(input.bytes)) },
    { header: "Rows", kind: "num", known: (input) => input.rows !== null, cell: (input) => formatCount(input.rows ?? 0) },
    {
      header: "SHA-256",
      kind: "text",
      known: (input) => input.sha256 !== null,
      cell: (input) => `<code class="digest">${escapeHtml(input.sha256)}</code>`
    }
  ]
  const shown = columns.filter((column) => inputs.some(column.known))
  return table(
    shown.map((column) => column.header),
    inputs.map((input) => shown.map((column) => column.known(input) ? column.cell(input) : "")),
    shown.map((column) => column.kind)
  )
}

/**
 * The throughput over the run as a chart, or in a sentence when there are fewer than two chunks: one chunk
 * gives one rate, which a chart would draw as a flat block over the whole run.
 */
const throughputFigure = (throughput: RunReport["throughput"]) => {
  const [first, second] = throughput.points
  if (first === undefined) return `<p class="chart-note">No chunk was committed, so there is no throughput to draw.</p>`
  if (second === undefined) {
    return `<p class="chart-note">${
      escapeHtml(
        `All ${formatCountOf(first.customers, "customer")} went in one chunk, committed ${formatDuration(first.seconds)} after the start ` +
          `(${formatRate(first.customersPerSecond)} customers/s). A rate over time needs two chunks or more.`
      )
    }</p>`
  }
  return throughputChart(throughput.points, "Customers per second over the run")
}

const customerRows = (items: ReadonlyArray<CustomerItem>) =>
  items.map((item) => [
    escapeHtml(item.customerNumber),
    escapeHtml(item.match),
    item.relateId === "" ? "" : code(item.relateId),
    escapeHtml(item.reason)
  ])

export const renderReportHtml = (report: RunReport): string => {
  const bars = totalKeys.filter((key) => key !== "total").map((key) => ({
    key,
    label: outcomeStyle[key].label,
    value: report.counts[key],
    color: outcomeStyle[key].color
  }))
  const { throughput } = report
  const title = `orce-sync ${report.pipeline} ${report.runId}`
  const meta: ReadonlyArray<readonly [string, string]> = [
    ["Run ID", code(report.runId)],
    ["Pipeline", escapeHtml(report.pipeline)],
    ["Started", escapeHtml(formatTime(report.startedAt))],
    ["Ended", escapeHtml(formatTime(report.endedAt))],
    ["Duration", escapeHtml(formatDuration(report.durationSeconds))],
    ["Throughput", `${escapeHtml(formatRate(throughput.customersPerSecond))} customers/s`]
  ]
  const recorded = Object.entries(report.recordedCounts)

  return htmlDocument(title, `<header class="page-header">
<div class="eyebrow">orce-sync · execution report</div>
<h1>${escapeHtml(report.pipeline)} <span class="status status-${escapeHtml(report.status)}" data-status="${escapeHtml(report.status)}">${
    escapeHtml(statusText(report))
  }</span></h1>
<dl class="meta">${meta.map(([term, value]) => `<div${term === "Run ID" ? " class=\"wide\"" : ""}><dt>${escapeHtml(term)}</dt><dd>${value}</dd></div>`).join("")}</dl>
</header>
<main>
${banner(report)}
<section id="totals"><h2>Totals</h2>
<div class="cards">${totalKeys.map((key) => totalCard(report, key)).join("")}</div>
</section>
<section id="charts" class="charts">
<figure><figcaption>Outcomes</figcaption>${barChart(bars, "Records by outcome")}</figure>
<figure><figcaption>Throughput over the run <span class="muted">${formatCount(throughput.customers)} customers in ${
    formatCountOf(throughput.chunks, "chunk")
  }, ${escapeHtml(formatRate(throughput.customersPerSecond))}/s on average</span></figcaption>${throughputFigure(throughput)}</figure>
</section>
${
    listSection("failed", "Failed customers", report.failed, () =>
      table(["Customer", "Match", "Relate ID", "Reason"], customerRows(report.failed.items)), "No customer failed.", "outcomes.csv")
  }
${
    listSection("deferred", "Deferred customers", report.deferred, () =>
      table(["Customer", "Match", "Relate ID", "Reason"], customerRows(report.deferred.items)), "No customer was deferred.", "outcomes.csv")
  }
${
    listSection("rejects", "Rejects", report.rejects, () =>
      `<p class="note">${formatCountOf(report.rejects.count, "field problem")} in ${formatCountOf(report.counts.rejected, "rejected record")}.</p>` +
      table(
        ["Customer", "Source", "Line", "Field", "Reason", "Rule"],
        report.rejects.items.map((item) => [
          escapeHtml(item.customerNumber),
          escapeHtml(item.source),
          formatCount(item.line),
          escapeHtml(item.field),
          escapeHtml(item.reason),
          escapeHtml(item.rule)
        ]),
        ["text", "text", "num", "text", "text", "id"]
      ), "No record was rejected.", "rejects.csv")
  }
${
    listSection("truncations", "Truncations", report.truncations, () =>
      table(
        ["Customer", "Field", "Before", "After"],
        report.truncations.items.map((item) => [escapeHtml(item.customerNumber), escapeHtml(item.field), code(item.before), code(item.after)])
      ), "No value was truncated.")
  }
<section id="inputs"><h2>Inputs</h2>${
    report.inputs.length === 0 ? `<p class="none">No input was recorded.</p>` : inputsTable(report.inputs)
  }</section>
<section id="settings"><h2>Settings</h2>${
    table(["Setting", "Value"], Object.entries(report.settings).map(([key, value]) => [code(key), code(value)]))
  }${
    recorded.length === 0 ? "" : `<h3>Counts recorded by the pipeline</h3>${
      table(["Count", "Value"], recorded.map(([key, value]) => [escapeHtml(key), formatCount(value)]), ["text", "num"])
    }`
  }</section>
</main>
<footer>Generated ${escapeHtml(formatTime(report.generatedAt))} · ${escapeHtml(report.format)} · every record: <a href="outcomes.csv">outcomes.csv</a> · every reject: <a href="rejects.csv">rejects.csv</a> · for machines: <a href="report.json">report.json</a></footer>`)
}
