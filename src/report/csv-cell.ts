import { visibleText } from "./visible-text.ts"

const keepTab = { keepTab: true } as const

/**
 * A cell a spreadsheet opens as text, never as a formula (RPT-3): control characters are shown as escapes
 * (a tab stays a tab), then values that start with a formula character get a leading apostrophe. A number
 * the program computed is written as it is: `-3.2` is a value, never a formula, and must stay a number.
 */
export const neutralizeCell = (value: unknown): string => {
  if (typeof value === "number") return String(value)
  const text = visibleText(value === null || value === undefined ? "" : String(value), keepTab)
  return /^[=+\-@\t]/.test(text) ? `'${text}` : text
}
