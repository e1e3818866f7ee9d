import type { ComparisonParameters } from "../../stages/dedupe/model.ts"
import { escapeHtml } from "../html-text.ts"
import { fmt, labelRoom } from "../svg-charts.ts"
import { formatWeight } from "./match-text.ts"

/** The smallest power of ten at or below every m and u of the model, so all the charts share one scale. */
export const modelScaleFloor = (comparisons: ReadonlyArray<ComparisonParameters>): number => {
  let least = 1
  for (const comparison of comparisons) {
    for (const level of comparison.levels.slice(1)) least = Math.min(least, level.m, level.u)
  }
  return Math.max(-8, Math.min(-1, Math.floor(Math.log10(Math.max(least, 1e-8)))))
}

const probabilityTick = (power: number) => (power === 0 ? "1" : power >= -3 ? String(10 ** power) : `1e${power}`)

/**
 * One comparison of the model as a chart: for each level (but "missing", which weighs nothing) its m —
 * how often two records of the same customer land there — and its u — how often two different customers
 * do — on a logarithmic scale, with the match weight log2(m/u) they give. Where m is far right of u the
 * level is strong evidence for a match.
 */
export const modelChart = (comparison: ComparisonParameters, floorPower: number): string => {
  const levels = comparison.levels.slice(1)
  const labelWidth = labelRoom(levels.map((level) => level.label), 220)
  const width = labelWidth + 420
  const valueWidth = 70
  const row = 30
  const top = 26
  const axis = 24
  const height = top + levels.length * row + axis
  const plotLeft = labelWidth
  const plotRight = width - valueWidth - 8
  const x = (p: number) => plotLeft + ((Math.log10(Math.max(p, 10 ** floorPower)) - floorPower) / -floorPower) * (plotRight - plotLeft)

  const parts: Array<string> = [
    `<rect x="${plotLeft}" y="6" width="10" height="10" class="mu-m"/><text x="${plotLeft + 14}" y="11" class="axis-label" dominant-baseline="middle">m: same customer</text>`,
    `<rect x="${plotLeft + 150}" y="6" width="10" height="10" class="mu-u"/><text x="${plotLeft + 164}" y="11" class="axis-label" dominant-baseline="middle">u: different customers</text>`,
    `<text x="${width - 4}" y="11" class="axis-label" text-anchor="end" dominant-baseline="middle">weight</text>`
  ]
  for (let power = floorPower; power <= 0; power++) {
    parts.push(
      `<line x1="${fmt(x(10 ** power))}" x2="${fmt(x(10 ** power))}" y1="${top}" y2="${height - axis + 2}" class="grid"/>` +
        `<text x="${fmt(x(10 ** power))}" y="${height - axis + 16}" class="axis-label" text-anchor="middle">${probabilityTick(power)}</text>`
    )
  }
  levels.forEach((level, i) => {
    const y = top + i * row
    const weight = Math.log2(level.m / level.u)
    parts.push(
      `<g data-level="${escapeHtml(level.label)}" data-m="${level.m}" data-u="${level.u}">` +
        `<text x="${labelWidth - 10}" y="${y + row / 2}" class="axis-label" text-anchor="end" dominant-baseline="middle">${escapeHtml(level.label)}</text>` +
        `<rect x="${plotLeft}" y="${y + 4}" width="${fmt(Math.max(1, x(level.m) - plotLeft))}" height="10" rx="2" class="mu-m"><title>${
          escapeHtml(`${level.label}: m = ${level.m.toPrecision(3)}`)
        }</title></rect>` +
        `<rect x="${plotLeft}" y="${y + 15}" width="${fmt(Math.max(1, x(level.u) - plotLeft))}" height="10" rx="2" class="mu-u"><title>${
          escapeHtml(`${level.label}: u = ${level.u.toPrecision(3)}`)
        }</title></rect>` +
        `<text x="${width - 4}" y="${y + row / 2}" class="bar-value wf-value" text-anchor="end" dominant-baseline="middle">${escapeHtml(formatWeight(weight))}</text>` +
        `</g>`
    )
  })
  const title = `m and u of ${comparison.name}`
  return `<svg class="chart model" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}" data-comparison="${escapeHtml(comparison.name)}">` +
    `<title>${escapeHtml(title)}</title>${parts.join("")}</svg>`
}
