/**
 * A cell a spreadsheet opens as text, never as a formula (RPT-3): values that start with a formula
 * character get a leading apostrophe.
 */
export const neutralizeCell = (value: unknown): string => {
  const text = value === null || value === undefined ? "" : String(value)
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}
