import { SiteUseType } from "../../domain/site.ts"
import type { FieldProblem, RawRow, RowPosition, Validated } from "./row.ts"
import { rejectsOf, shown, text } from "./row.ts"

/**
 * Rows of the sites, site uses and activity exports (one file per table), checked field by field: every
 * problem of a row is reported, with the rule and a sentence (VAL-1). Keys are whole numbers of at most 12
 * digits; the parent a row names is checked when it is written.
 */

export const siteColumns = ["site_id", "customer_number", "operating_unit", "street", "city", "state", "postal_code", "country", "status"] as const
export const requiredSiteColumns = ["site_id", "customer_number", "operating_unit", "country", "state"] as const
export const siteUseColumns = ["site_use_id", "site_id", "use_type", "location", "primary", "status"] as const
export const requiredSiteUseColumns = ["site_use_id", "site_id", "use_type", "location"] as const
export const activityColumns = ["activity_id", "kind", "site_use_id", "document", "amount"] as const
export const requiredActivityColumns = ["activity_id", "kind", "site_use_id"] as const

export interface SiteRow {
  readonly site_id: number
  readonly customer_number: number
  readonly operating_unit: string
  readonly street: string
  readonly city: string
  readonly state: string
  readonly postal_code: string
  readonly country: string
  readonly status: string
}

export interface SiteUseRow {
  readonly site_use_id: number
  readonly site_id: number
  readonly use_type: string
  readonly location: string
  readonly is_primary: boolean
  readonly status: string
}

export interface ActivityRow {
  readonly activity_id: number
  readonly kind: string
  readonly site_use_id: number
  readonly document: string
  readonly amount: string
}

const key = (problems: Array<FieldProblem>, field: string, value: string, maxDigits = 12) => {
  if (/^\d+$/.test(value) && value.length <= maxDigits) return Number(value)
  problems.push({
    field,
    rule: "VAL-1",
    reason: value === "" ? `${field} is required` : `${field} ${JSON.stringify(shown(value))} is not a whole number of at most ${maxDigits} digits`
  })
  return 0
}

const required = (problems: Array<FieldProblem>, field: string, value: string) => {
  if (value === "") problems.push({ field, rule: "VAL-1", reason: `${field} is required` })
  return value.toUpperCase()
}

const status = (problems: Array<FieldProblem>, value: string) => {
  const upper = value.toUpperCase() || "A"
  if (upper !== "A" && upper !== "I") problems.push({ field: "status", rule: "VAL-7", reason: `status ${JSON.stringify(shown(value))} is not A or I` })
  return upper
}

const outcome = <A>(problems: ReadonlyArray<FieldProblem>, at: RowPosition, customerNumber: string, value: A): Validated<A> =>
  problems.length === 0 ? { ok: true, value } : { ok: false, rejects: rejectsOf(problems, at, customerNumber) }

export const validateSiteRow = (row: RawRow, at: RowPosition): Validated<SiteRow> => {
  const problems: Array<FieldProblem> = []
  const site_id = key(problems, "site_id", text(row["site_id"]))
  const customer_number = key(problems, "customer_number", text(row["customer_number"]), 9)
  const operating_unit = required(problems, "operating_unit", text(row["operating_unit"]))
  const country = required(problems, "country", text(row["country"]))
  if (country !== "" && !/^[A-Z]{2}$/.test(country)) {
    problems.push({ field: "country", rule: "VAL-5", reason: `country ${JSON.stringify(shown(country))} is not a 2-letter ISO code` })
  }
  // Blank where the country has no states: the jurisdiction is then the country alone (MRG-6).
  const state = text(row["state"]).toUpperCase()
  return outcome(problems, at, text(row["customer_number"]), {
    site_id,
    customer_number,
    operating_unit,
    street: text(row["street"]).toUpperCase(),
    city: text(row["city"]).toUpperCase(),
    state,
    postal_code: text(row["postal_code"]).toUpperCase(),
    country,
    status: status(problems, text(row["status"]))
  })
}

/** "bill-to", "Bill To" and "BILL_TO" are the same use type. */
const useTypeOf = (value: string) => value.toUpperCase().replace(/[\s-]+/g, "_")

export const validateSiteUseRow = (row: RawRow, at: RowPosition): Validated<SiteUseRow> => {
  const problems: Array<FieldProblem> = []
  const site_use_id = key(problems, "site_use_id", text(row["site_use_id"]))
  const site_id = key(problems, "site_id", text(row["site_id"]))
  const use_type = useTypeOf(text(row["use_type"]))
  if (!(SiteUseType.literals as ReadonlyArray<string>).includes(use_type)) {
    problems.push({ field: "use_type", rule: "MRG-3", reason: `use type ${JSON.stringify(shown(text(row["use_type"])))} is none of ${SiteUseType.literals.join(", ")}` })
  }
  const location = required(problems, "location", text(row["location"]))
  const primary = text(row["primary"]).toUpperCase() || "N"
  if (primary !== "Y" && primary !== "N") problems.push({ field: "primary", rule: "VAL-7", reason: `primary ${JSON.stringify(shown(primary))} is not Y or N` })
  return outcome(problems, at, "", { site_use_id, site_id, use_type, location, is_primary: primary === "Y", status: status(problems, text(row["status"])) })
}

const activityKinds = ["order", "invoice", "receipt", "credit", "adjustment"]

export const validateActivityRow = (row: RawRow, at: RowPosition): Validated<ActivityRow> => {
  const problems: Array<FieldProblem> = []
  const activity_id = key(problems, "activity_id", text(row["activity_id"]))
  const kind = text(row["kind"]).toLowerCase()
  if (!activityKinds.includes(kind)) {
    problems.push({ field: "kind", rule: "MRG-7", reason: `kind ${JSON.stringify(shown(text(row["kind"])))} is none of ${activityKinds.join(", ")}` })
  }
  const site_use_id = key(problems, "site_use_id", text(row["site_use_id"]))
  const amount = text(row["amount"]) || "0"
  if (!/^-?\d{1,12}(\.\d{1,2})?$/.test(amount)) {
    problems.push({ field: "amount", rule: "VAL-1", reason: `amount ${JSON.stringify(shown(amount))} is not a number with at most 2 decimals` })
  }
  return outcome(problems, at, "", { activity_id, kind, site_use_id, document: text(row["document"]), amount })
}

