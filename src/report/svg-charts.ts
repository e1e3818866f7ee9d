import { escapeHtml, formatClock, formatCount, formatDuration, formatRate } from "./html-text.ts"

/** Inline SVG, drawn on the server: the charts need no script and no network to be seen. */

export interface Bar {
  readonly key: string
  readonly label: string
  readonly value: number
  readonly color: string
}

/** A coordinate to one decimal: enough for a screen, and the same text for the same chart (RPT-4). */
export const fmt = (n: number) => String(Math.round(n * 10) / 10)

/**
 * Room for labels drawn right-aligned before a plot, so the longest one is not cut off at the chart's left
 * edge: about 7.2 px a character at the 13 px axis font, never less than `minimum`.
 */
export const labelRoom = (labels: ReadonlyArray<string>, minimum: number): number =>
  Math.max(minimum, Math.ceil(18 + 7.2 * Math.max(0, ...labels.map((label) => label.length))))

/** Horizontal bars with their values; `labelWidth` room for the labels (a blocking rule's name is longer than an outcome's). */
export const barChart = (bars: ReadonlyArray<Bar>, title: string, labelWidth = 160): string => {
  const width = 480 + labelWidth
  const valueWidth = 100
  const row = 30
  const height = bars.length * row + 8
  const max = Math.max(1, ...bars.map((bar) => bar.value))
  const area = width - labelWidth - valueWidth
  const rows = bars.map((bar, i) => {
    const y = 4 + i * row
    const length = bar.value === 0 ? 0 : Math.max(2, (bar.value / max) * area)
    return `<g data-bar="${escapeHtml(bar.key)}">` +
      `<text x="${labelWidth - 10}" y="${y + row / 2}" class="axis-label" text-anchor="end" dominant-baseline="middle">${escapeHtml(bar.label)}</text>` +
      `<rect x="${labelWidth}" y="${y + 5}" width="${area}" height="${row - 10}" rx="4" class="track"/>` +
      `<rect x="${labelWidth}" y="${y + 5}" width="${fmt(length)}" height="${row - 10}" rx="4" fill="${bar.color}"><title>${escapeHtml(`${bar.label}: ${formatCount(bar.value)}`)}</title></rect>` +
      `<text x="${fmt(labelWidth + length + 8)}" y="${y + row / 2}" class="bar-value" dominant-baseline="middle">${formatCount(bar.value)}</text>` +
      `</g>`
  })
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}">` +
    `<title>${escapeHtml(title)}</title>${rows.join("")}</svg>`
}

/** 1, 2 or 5 times a power of ten: axis ticks a person reads at a glance. */
export const niceStep = (span: number, ticks: number) => {
  const raw = span / ticks
  const power = 10 ** Math.floor(Math.log10(raw))
  const unit = raw / power
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power
}

export interface RatePoint {
  readonly seconds: number
  readonly customersPerSecond: number | null
}

/**
 * Customers per second over the run as steps: each point's rate holds over the time since the point
 * before, which is what it measures. Drawn for two points or more: one point is one rate, not a series.
 */
export const throughputChart = (points: ReadonlyArray<RatePoint>, title: string): string => {
  const width = 640
  const height = 260
  const left = 72
  const right = 28
  const top = 16
  const bottom = 40
  const plotWidth = width - left - right
  const plotHeight = height - top - bottom
  const maxSeconds = Math.max(1e-3, ...points.map((point) => point.seconds))
  const maxRate = Math.max(1e-3, ...points.map((point) => point.customersPerSecond ?? 0))
  const xStep = niceStep(maxSeconds, 5)
  const yStep = niceStep(maxRate, 4)
  const xMax = Math.ceil(maxSeconds / xStep) * xStep
  const yMax = Math.ceil(maxRate / yStep) * yStep
  const x = (seconds: number) => left + (seconds / xMax) * plotWidth
  const y = (rate: number) => top + plotHeight - (rate / yMax) * plotHeight

  const grid: Array<string> = []
  for (let value = 0; value <= yMax + yStep / 2; value += yStep) {
    grid.push(
      `<line x1="${left}" x2="${width - right}" y1="${fmt(y(value))}" y2="${fmt(y(value))}" class="grid"/>` +
        `<text x="${left - 8}" y="${fmt(y(value))}" class="axis-label" text-anchor="end" dominant-baseline="middle">${formatRate(value)}</text>`
    )
  }
  for (let value = 0; value <= xMax + xStep / 2; value += xStep) {
    grid.push(
      `<text x="${fmt(x(value))}" y="${height - bottom + 18}" class="axis-label" text-anchor="middle">${escapeHtml(formatClock(value))}</text>`
    )
  }

  let path = `M ${fmt(x(0))} ${fmt(y(0))}`
  let previous = 0
  const dots: Array<string> = []
  for (const point of points) {
    const rate = point.customersPerSecond ?? 0
    path += ` L ${fmt(x(previous))} ${fmt(y(rate))} L ${fmt(x(point.seconds))} ${fmt(y(rate))}`
    dots.push(
      `<circle cx="${fmt(x(point.seconds))}" cy="${fmt(y(rate))}" r="2.5" class="dot"><title>${
        escapeHtml(`${formatDuration(point.seconds)}: ${formatRate(point.customersPerSecond)} customers/s`)
      }</title></circle>`
    )
    previous = point.seconds
  }
  const area = `${path} L ${fmt(x(previous))} ${fmt(y(0))} Z`
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}">` +
    `<title>${escapeHtml(title)}</title>${grid.join("")}` +
    `<line x1="${left}" x2="${width - right}" y1="${y(0)}" y2="${y(0)}" class="axis"/>` +
    `<path d="${area}" class="area"/><path d="${path}" class="line"/>${dots.length <= 60 ? dots.join("") : ""}` +
    `<text x="${left + plotWidth / 2}" y="${height - 4}" class="axis-title" text-anchor="middle">time since start</text>` +
    `<text x="14" y="${top + plotHeight / 2}" class="axis-title" text-anchor="middle" transform="rotate(-90 14 ${top + plotHeight / 2})">customers/s</text>` +
    `</svg>`
}
