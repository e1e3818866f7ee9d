import { canonicalColumns } from "../../src/stages/validate/index.ts"

/** A clean customer row keyed by canonical column; tests override what they are about. */
export const cleanRow = (customerNumber: number, overrides: Record<string, string> = {}): Record<string, string> => ({
  ...Object.fromEntries(canonicalColumns.map((column) => [column, ""])),
  customer_number: String(customerNumber),
  party_type: "I",
  first_name: "Ada",
  last_name: "Lovelace",
  street: "12 Main St",
  city: "Springfield",
  state: "IL",
  postal_code: "62701",
  country: "US",
  email: `ada${customerNumber}@example.com`,
  sync_flag: "N",
  ...overrides
})

const quote = (value: string) => /[",\r\n]/.test(value) ? `"${value.replace(/"/g, "\"\"")}"` : value

/** CSV text with a canonical header (or the given columns) and one line per row. */
export const customersCsv = (
  rows: ReadonlyArray<Record<string, string>>,
  columns: ReadonlyArray<string> = canonicalColumns
): string =>
  [columns.join(","), ...rows.map((row) => columns.map((column) => quote(row[column] ?? "")).join(","))].join("\n") + "\n"
