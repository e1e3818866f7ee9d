/** Numbers within keys in numeric order ("order line 2" before "order line 10"), the same on every machine. */
const keyOrder = new Intl.Collator("en", { numeric: true }).compare

/**
 * JSON with every object's keys sorted and two-space indents, ending in a newline: the same value always
 * gives the same bytes, so expected results compare as text and diff well under version control (RPT-4).
 */
const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort(keyOrder).map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]))
  }
  return value
}

export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value), null, 2) + "\n"
