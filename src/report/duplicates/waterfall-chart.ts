import type { Waterfall } from "../../stages/dedupe/score.ts"
import { escapeHtml } from "../html-text.ts"
import { fmt, labelRoom, niceStep } from "../svg-charts.ts"
import { formatProbability, formatWeight } from "./match-text.ts"

interface Step {
  readonly key: string
  readonly label: string
  readonly weight: number
  readonly kind: "prior" | "field" | "frequency" | "missing"
}

/** The steps of a waterfall: the prior, every field's weight, and the term-frequency adjustment after the field it adjusts. */
const stepsOf = (explained: Waterfall): ReadonlyArray<Step> => [
  { key: "prior", label: "prior (before any field)", weight: explained.prior, kind: "prior" },
  ...explained.fields.flatMap((field): ReadonlyArray<Step> => [
    {
      key: field.comparison,
      label: `${field.comparison}: ${field.level}`,
      weight: field.weight,
      kind: field.level === "missing" ? "missing" : "field"
    },
    ...(field.termFrequency === 0
      ? []
      : [{ key: `${field.comparison} frequency`, label: `${field.comparison}: how common the value is`, weight: field.termFrequency, kind: "frequency" as const }])
  ])
]

/** An axis tick: whole bits as whole numbers, with a sign. */
const formatTick = (value: number) => (value === 0 ? "0" : `${value > 0 ? "+" : "−"}${Math.abs(Math.round(value * 100) / 100)}`)

/** A weight the chart can place: a prior of 0 has weight −∞, which no axis holds. */
const finite = (weight: number) => (Number.isFinite(weight) ? weight : weight > 0 ? 64 : -64)

/**
 * DUP-2 "why they matched": a horizontal waterfall of match weights in bits, from the prior through each
 * field's weight (and its term-frequency adjustment) to the total, which sets the probability. Each bar
 * starts where the one above ended; green adds evidence for a match, red against it.
 */
export const waterfallChart = (explained: Waterfall, title: string): string => {
  const steps = stepsOf(explained)
  const labelWidth = labelRoom(steps.map((step) => step.label), 280)
  const width = labelWidth + 440
  const valueWidth = 64
  const row = 22
  const top = 6
  const axis = 40
  const height = top + (steps.length + 1) * row + axis
  const plotLeft = labelWidth
  const plotRight = width - valueWidth - 8

  const ends: Array<number> = []
  let running = 0
  for (const step of steps) ends.push((running += finite(step.weight)))
  const total = finite(explained.total)
  const low = Math.min(0, ...ends, total)
  const high = Math.max(0, ...ends, total)
  const step = niceStep(Math.max(1, high - low), 6)
  const min = Math.floor(low / step) * step
  const max = Math.ceil(high / step) * step
  const x = (value: number) => plotLeft + ((value - min) / (max - min)) * (plotRight - plotLeft)

  const parts: Array<string> = []
  for (let value = min; value <= max + step / 2; value += step) {
    parts.push(
      `<line x1="${fmt(x(value))}" x2="${fmt(x(value))}" y1="${top}" y2="${height - axis + 4}" class="grid"/>` +
        `<text x="${fmt(x(value))}" y="${height - axis + 18}" class="axis-label" text-anchor="middle">${escapeHtml(formatTick(value))}</text>`
    )
  }
  parts.push(`<line x1="${fmt(x(0))}" x2="${fmt(x(0))}" y1="${top}" y2="${height - axis + 4}" class="axis"/>`)
  let from = 0
  steps.forEach((item, i) => {
    const y = top + i * row
    const to = ends[i]!
    const left = Math.min(from, to)
    const barWidth = Math.max(item.weight === 0 ? 0 : 1.5, x(Math.max(from, to)) - x(left))
    const tone = item.kind === "missing" ? "wf-none" : item.weight >= 0 ? "wf-up" : "wf-down"
    parts.push(
      `<g data-step="${escapeHtml(item.key)}" data-weight="${item.weight}">` +
        `<text x="${labelWidth - 10}" y="${y + row / 2}" class="axis-label${item.kind === "missing" ? " wf-missing" : ""}" text-anchor="end" dominant-baseline="middle">${
          escapeHtml(item.label)
        }</text>` +
        `<rect x="${fmt(x(left))}" y="${y + 4}" width="${fmt(barWidth)}" height="${row - 8}" rx="2" class="${tone}"><title>${
          escapeHtml(`${item.label}: ${formatWeight(item.weight)} bits`)
        }</title></rect>` +
        (i === 0 ? "" : `<line x1="${fmt(x(from))}" x2="${fmt(x(from))}" y1="${y - 4}" y2="${y + 4}" class="wf-link"/>`) +
        `<text x="${width - 4}" y="${y + row / 2}" class="bar-value wf-value" text-anchor="end" dominant-baseline="middle">${escapeHtml(formatWeight(item.weight))}</text>` +
        `</g>`
    )
    from = to
  })
  const y = top + steps.length * row
  parts.push(
    `<g data-step="total" data-weight="${explained.total}" data-probability="${explained.probability}">` +
      `<text x="${labelWidth - 10}" y="${y + row / 2}" class="bar-value" text-anchor="end" dominant-baseline="middle">${
        escapeHtml(`total: probability ${formatProbability(explained.probability)}`)
      }</text>` +
      `<rect x="${fmt(x(Math.min(0, total)))}" y="${y + 3}" width="${fmt(Math.max(1.5, Math.abs(x(total) - x(0))))}" height="${row - 6}" rx="2" class="wf-total"><title>${
        escapeHtml(`total ${formatWeight(explained.total)} bits: probability ${formatProbability(explained.probability)}`)
      }</title></rect>` +
      `<text x="${width - 4}" y="${y + row / 2}" class="bar-value wf-value" text-anchor="end" dominant-baseline="middle">${escapeHtml(formatWeight(explained.total))}</text>` +
      `</g>`
  )
  parts.push(`<text x="${fmt((plotLeft + plotRight) / 2)}" y="${height - 2}" class="axis-title" text-anchor="middle">match weight (bits)</text>`)
  return `<svg class="chart waterfall" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}">` +
    `<title>${escapeHtml(title)}</title>${parts.join("")}</svg>`
}
