/**
 * What differs between an expected and an actual replay result, said per customer and field: a list of
 * (file, who, field, expected, got), where *who* is the customer (OACS number or ORCE ID), the order line,
 * or the run itself.
 */

export interface Difference {
  readonly file: string
  /** "customer 1004", "ORCE 0000104", "order line 3", or "run". */
  readonly who: string
  readonly field: string
  /** Undefined when the value is absent on that side. */
  readonly expected: unknown
  readonly got: unknown
}

/** Keys that name the thing an object in a list is about; lists of such objects are compared by that key. */
const identities: ReadonlyArray<readonly [string, (value: unknown) => string]> = [
  ["customerNumber", (value) => `customer ${String(value)}`],
  ["customerId", (value) => `ORCE ${String(value)}`],
  ["line", (value) => `order line ${String(value)}`]
]

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value)

const identityOf = (items: ReadonlyArray<unknown>) =>
  identities.find(([key]) => items.length > 0 && items.every((item) => isRecord(item) && key in item))

/** A segment that names who a value is about: a key such as "customer 1004", or a list item by its identity. */
const whoPattern = /^(customer|ORCE|order line) /

const walk = (expected: unknown, got: unknown, path: ReadonlyArray<string>, out: Array<ReadonlyArray<unknown>>) => {
  if (isRecord(expected) && isRecord(got)) {
    for (const key of [...new Set([...Object.keys(expected), ...Object.keys(got)])].sort()) {
      walk(expected[key], got[key], [...path, key], out)
    }
    return
  }
  if (Array.isArray(expected) && Array.isArray(got)) {
    const identity = identityOf(expected) ?? identityOf(got)
    if (identity !== undefined && (expected.length === 0 || identityOf(expected) === identity) && (got.length === 0 || identityOf(got) === identity)) {
      const [key, name] = identity
      const byKey = (items: ReadonlyArray<unknown>) =>
        new Map(items.map((item) => [name((item as Record<string, unknown>)[key]), item]))
      const before = byKey(expected)
      const after = byKey(got)
      for (const who of [...new Set([...before.keys(), ...after.keys()])]) walk(before.get(who), after.get(who), [...path, who], out)
      return
    }
    const length = Math.max(expected.length, got.length)
    for (let index = 0; index < length; index++) walk(expected[index], got[index], [...path, `[${index}]`], out)
    return
  }
  if (JSON.stringify(expected) !== JSON.stringify(got)) out.push([path, expected, got])
}

/** The differences between two results of one file, customer by customer and field by field. */
export const diffResults = (file: string, expected: unknown, got: unknown): ReadonlyArray<Difference> => {
  const found: Array<ReadonlyArray<unknown>> = []
  walk(expected, got, [], found)
  return found.map(([path, before, after]) => {
    const segments = path as ReadonlyArray<string>
    const at = segments.findLastIndex((segment) => whoPattern.test(segment))
    return {
      file,
      who: at === -1 ? "run" : segments[at]!,
      field: (at === -1 ? segments : segments.slice(at + 1)).join(".").replaceAll(".[", "[") || "(whole value)",
      expected: before,
      got: after
    }
  })
}

const shown = (value: unknown) => {
  if (value === undefined) return "(absent)"
  const text = JSON.stringify(value)
  return text.length > 100 ? `${text.slice(0, 97)}...` : text
}

/** One line per difference, for a person: `report.json  customer 1004  relateId: expected "…", got "…"`. */
export const formatDifference = (difference: Difference) =>
  `${difference.file}  ${difference.who}  ${difference.field}: expected ${shown(difference.expected)}, got ${shown(difference.got)}`
