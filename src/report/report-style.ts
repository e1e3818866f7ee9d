/** The report page's CSS: system fonts only, since the page must render with no network (RPT-2). */
export const reportStyle = `
:root {
  --bg: #f6f7f9; --panel: #ffffff; --text: #111827; --muted: #6b7280; --line: #e5e7eb; --track: #eef0f3;
  --accent-line: #2563eb; --area: rgba(37, 99, 235, 0.12); --banner-bg: #fff4e5; --banner-line: #f59e0b;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--text); background: var(--bg); line-height: 1.45;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1115; --panel: #171a21; --text: #e5e7eb; --muted: #9ca3af; --line: #2a2f3a; --track: #222733;
    --accent-line: #60a5fa; --area: rgba(96, 165, 250, 0.16); --banner-bg: #2b1f0a; --banner-line: #b45309;
  }
}
* { box-sizing: border-box; }
body { margin: 0; }
.page-header, main, footer { max-width: 1120px; margin: 0 auto; padding: 0 24px; }
.page-header { padding-top: 32px; }
.eyebrow { font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
h1 { font-size: 28px; margin: 4px 0 16px; display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
h2 { font-size: 18px; margin: 0 0 12px; display: flex; align-items: baseline; gap: 8px; }
h3 { font-size: 15px; margin: 20px 0 8px; }
.count { font-size: 13px; font-weight: 600; color: var(--muted); background: var(--track); border-radius: 999px; padding: 1px 10px; }
.status { font-size: 13px; font-weight: 600; border-radius: 999px; padding: 3px 12px; color: #fff; background: #6b7280; }
.status-completed { background: #2e7d32; }
.status-failed { background: #c62828; }
.status-interrupted, .status-running { background: #b26a00; }
.meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px 24px; margin: 0 0 24px; }
.meta .wide { grid-column: span 2; }
.meta dt { font-size: 12px; color: var(--muted); }
.meta dd { margin: 0; font-weight: 500; overflow-wrap: anywhere; }
section, figure { background: var(--panel); border: 1px solid var(--line); border-radius: 12px; padding: 20px; margin: 0 0 20px; }
.banner { border: 1px solid var(--banner-line); background: var(--banner-bg); border-left-width: 6px; border-radius: 10px; padding: 14px 18px; margin: 0 0 20px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-top: 4px solid var(--accent); border-radius: 10px; padding: 12px 14px; }
.card-total { background: var(--track); }
.card-label { font-size: 13px; color: var(--muted); }
.card-value { font-size: 28px; font-weight: 700; font-variant-numeric: tabular-nums; }
.card-note { font-size: 12px; color: var(--muted); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 20px; background: none; border: 0; padding: 0; }
.charts figure { margin: 0; }
figcaption { font-weight: 600; margin-bottom: 8px; }
.muted { font-weight: 400; color: var(--muted); font-size: 13px; margin-left: 6px; }
.chart { width: 100%; height: auto; display: block; }
.chart .axis-label { font-size: 13px; fill: var(--muted); }
.chart .axis-title { font-size: 13px; fill: var(--muted); }
.chart .bar-value { font-size: 14px; font-weight: 600; fill: var(--text); }
.chart .track { fill: var(--track); }
.chart .grid { stroke: var(--line); stroke-width: 1; }
.chart .axis { stroke: var(--muted); stroke-width: 1; }
.chart .line { fill: none; stroke: var(--accent-line); stroke-width: 2; stroke-linejoin: round; }
.chart .area { fill: var(--area); stroke: none; }
.chart .dot { fill: var(--accent-line); }
.chart-note { color: var(--muted); margin: 0; font-size: 14px; }
/* Tables show every row, with no scroll box, so a header sticks to the window; only a narrow window
   scrolls a table sideways, and its header then stays at the top of the table. */
.table-wrap { border: 1px solid var(--line); border-radius: 8px; }
@media (max-width: 720px) { .table-wrap { overflow-x: auto; } .table-wrap table { min-width: 640px; } }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: break-word; }
tbody tr:last-child td { border-bottom: 0; }
th { position: sticky; top: 0; background: var(--panel); font-weight: 600; color: var(--muted); white-space: nowrap; }
tbody tr:nth-child(even) { background: color-mix(in srgb, var(--track) 45%, transparent); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.id { white-space: nowrap; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
code.digest { font-size: 11px; color: var(--muted); }
.note, .none { color: var(--muted); margin: 0 0 10px; font-size: 13px; }
a { color: var(--accent-line); }
footer { color: var(--muted); font-size: 12px; padding-bottom: 32px; }
/* The Duplicate Customer Report: clusters, members side by side, waterfalls of match weights, m and u. */
h4 { font-size: 14px; margin: 16px 0 8px; }
.cluster, .review-pair { border: 1px solid var(--line); border-radius: 10px; padding: 16px; margin: 0 0 16px; }
.survivor { margin: 0 0 10px; }
.cards + .note { margin-top: 12px; }
.badge { font-size: 12px; font-weight: 600; border-radius: 999px; padding: 1px 10px; background: var(--track); color: var(--text); }
.badge-new { background: #2e7d32; color: #fff; }
.badge-grown { background: #1565c0; color: #fff; }
.badge-joined { background: #6a1b9a; color: #fff; }
.badge-merged { background: #455a64; color: #fff; }
.diff { background: color-mix(in srgb, #f59e0b 28%, transparent); border-radius: 3px; padding: 0 3px; }
.diff-mark { font-weight: 700; color: #b45309; }
.side-by-side { margin: 0 0 12px; }
.pairs { display: grid; gap: 12px; }
.pair { margin: 0; padding: 12px; }
.split { color: #b45309; }
.chart.waterfall, .chart-box .chart { max-width: 760px; }
.chart .wf-up { fill: #2e7d32; }
.chart .wf-down { fill: #c62828; }
.chart .wf-none { fill: var(--muted); }
.chart .wf-total { fill: var(--accent-line); }
.chart .wf-link { stroke: var(--muted); stroke-width: 1; }
.chart .wf-missing { opacity: .75; }
.chart .wf-value { font-size: 12px; }
.chart .mu-m { fill: var(--accent-line); }
.chart .mu-u { fill: #9ca3af; }
`
