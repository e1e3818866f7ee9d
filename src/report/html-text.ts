import { visibleText } from "./visible-text.ts"

/**
 * Text safe in HTML content and in quoted attribute values, its control characters shown as escapes:
 * every value in a report comes from data.
 */
export const escapeHtml = (value: unknown): string =>
  visibleText(String(value ?? "")).replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "\"" ? "&quot;" : "&#39;")

/** Numbers as a person reads them: 1,234,567. */
export const formatCount = (value: number): string => value.toLocaleString("en-US")

/** A count and what it counts, singular for one: "1 chunk", "1,204 chunks". */
export const formatCountOf = (value: number, one: string, many = `${one}s`): string =>
  `${formatCount(value)} ${value === 1 ? one : many}`

export const formatRate = (value: number | null): string =>
  value === null ? "—" : value.toLocaleString("en-US", { maximumFractionDigits: value < 10 ? 2 : 0 })

export const formatDuration = (seconds: number | null): string => {
  if (seconds === null) return "—"
  if (seconds < 60) return `${seconds.toLocaleString("en-US", { maximumFractionDigits: 1 })} s`
  const whole = Math.round(seconds)
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const s = whole % 60
  return h > 0 ? `${h} h ${String(m).padStart(2, "0")} min ${String(s).padStart(2, "0")} s` : `${m} min ${String(s).padStart(2, "0")} s`
}

export const formatBytes = (bytes: number | null): string => {
  if (bytes === null) return "—"
  const units = ["bytes", "KB", "MB", "GB", "TB"]
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${formatCount(bytes)} bytes` : `${value.toFixed(1)} ${units[unit]} (${formatCount(bytes)} bytes)`
}

/** An ISO time as a person reads it: 2026-11-24 10:15:00 UTC. */
export const formatTime = (iso: string | null): string =>
  iso === null || iso === "" ? "—" : iso.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC")

/** A short time-since-start for an axis tick: 45 s, 2:05, 1:02:05. */
export const formatClock = (seconds: number): string => {
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`
  const whole = Math.round(seconds)
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const s = String(whole % 60).padStart(2, "0")
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`
}
