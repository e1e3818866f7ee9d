import { escapeHtml, formatCount } from "./html-text.ts"
import { reportStyle } from "./report-style.ts"

/** The pieces every report page is built from, so that all of them look and escape alike. */

/**
 * A self-contained page (RPT-2): inline CSS only — no script, no fonts, no request of any kind — so it
 * opens the same from a mail attachment, a share or an air-gapped machine.
 */
export const htmlDocument = (title: string, body: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
<style>${reportStyle}</style>
</head>
<body>
${body}
</body>
</html>
`

/** How a column's cells are set: numbers right-aligned, identifiers such as `VAL-3` kept on one line. */
export type ColumnKind = "text" | "num" | "id"

const cellClass = (kind: ColumnKind | undefined) => kind === "num" ? " class=\"num\"" : kind === "id" ? " class=\"id\"" : ""

/** Every row is on the page: the lists are bounded by the list limit, not by a scroll box. Cells are HTML already. */
export const table = (
  headers: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  kinds: ReadonlyArray<ColumnKind> = []
) =>
  `<div class="table-wrap"><table><thead><tr>${
    headers.map((header, i) => `<th${cellClass(kinds[i])}>${escapeHtml(header)}</th>`).join("")
  }</tr></thead><tbody>${
    rows.map((row) => `<tr>${row.map((cell, i) => `<td${cellClass(kinds[i])}>${cell}</td>`).join("")}</tr>`).join("")
  }</tbody></table></div>`

/**
 * A bounded list: how many of how many it shows and, when there is one, the file that holds them all
 * ("1,000 of 4,512 — all in rejects.csv").
 */
export const listSection = (
  id: string,
  title: string,
  list: { readonly count: number; readonly items: ReadonlyArray<unknown> },
  body: () => string,
  none: string,
  file?: string
) => {
  const note = `<p class="note" data-shown="${list.items.length}" data-count="${list.count}">Showing ${
    formatCount(list.items.length)
  } of ${formatCount(list.count)}${file === undefined ? "" : ` — all in <a href="${escapeHtml(file)}">${escapeHtml(file)}</a>`}.</p>`
  return `<section id="${id}"><h2>${escapeHtml(title)} <span class="count">${formatCount(list.count)}</span></h2>${
    list.count === 0 ? `<p class="none">${escapeHtml(none)}</p>` : note + body()
  }</section>`
}

export const code = (value: string) => `<code>${escapeHtml(value)}</code>`
