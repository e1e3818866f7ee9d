/**
 * COPY's text format: one line per row, columns separated by tabs, `\N` for null. Backslash, tab, line
 * feed and carriage return inside a value are written as backslash escapes, so any text survives.
 */
const special = /[\\\t\n\r]/

const escapeValue = (value: string) =>
  special.test(value)
    ? value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    : value

/** One value as COPY's text format writes it. */
export const copyValue = (value: string | number | null | undefined): string =>
  value === null || value === undefined ? "\\N" : typeof value === "number" ? String(value) : escapeValue(value)

/** One row, with its line feed. */
export const copyLine = (values: ReadonlyArray<string | number | null | undefined>): string => {
  let line = ""
  for (let index = 0; index < values.length; index++) {
    if (index > 0) line += "\t"
    line += copyValue(values[index])
  }
  return line + "\n"
}
