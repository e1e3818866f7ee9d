import { customerFields, type Customer } from "../../domain/customer.ts"

const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)

/** Canonical column name of each Customer field (customerNumber -> customer_number, address2 -> address2). */
export const columnOf = Object.fromEntries(
  customerFields.map((field) => [field, snakeCase(field)])
) as Readonly<Record<keyof Customer, string>>

/** The customer file's columns, in Customer field order, after any configured renaming. */
export const canonicalColumns: ReadonlyArray<string> = customerFields.map((field) => columnOf[field])

/** VAL-2: without any of these a customer file cannot be loaded at all. */
export const requiredColumns: ReadonlyArray<string> = [
  "customer_number",
  "last_name",
  "company",
  "street",
  "city",
  "state",
  "postal_code",
  "country"
]

export const profileColumns: ReadonlyArray<string> = ["customer_number", "profile_description", "value"]

/** VAL-2: a profile file needs all of its three columns. */
export const requiredProfileColumns: ReadonlyArray<string> = profileColumns

/**
 * VAL-2: the required columns absent from a header, in required order. Names must match exactly:
 * the row lookup is exact, so a column accepted here under another spelling would be read as blank.
 */
export const missingColumns = (
  header: ReadonlyArray<string>,
  required: ReadonlyArray<string> = requiredColumns
): Array<string> => {
  const present = new Set(header)
  return required.filter((column) => !present.has(column))
}

/** The refusal message of VAL-2, naming every missing column. */
export const missingColumnsMessage = (missing: ReadonlyArray<string>): string =>
  `the file is missing required column${missing.length === 1 ? "" : "s"}: ${missing.join(", ")}`
