import type { ProfileData } from "../../domain/customer.ts"
import { customerNumberProblem } from "./field-checks.ts"
import { rejectsOf, text, type FieldProblem, type RawRow, type RowPosition, type Validated } from "./row.ts"

/**
 * One Customer Profile file row (customer_number, profile_description, value). An attribute needs
 * both a name and a value in ORCE (MAP-13), so a blank one is rejected here rather than failing there.
 * Whether the customer exists is the loader's question.
 */
export const validateProfileRow = (row: RawRow, at: RowPosition): Validated<ProfileData> => {
  const problems: Array<FieldProblem> = []
  const customerNumber = text(row["customer_number"])
  const numberProblem = customerNumberProblem(customerNumber)
  if (numberProblem !== undefined) problems.push({ field: "customer_number", rule: "VAL-3", reason: numberProblem })
  const profileDescription = text(row["profile_description"])
  if (profileDescription === "") {
    problems.push({ field: "profile_description", rule: "VAL-1", reason: "profile description is required" })
  }
  const value = text(row["value"])
  if (value === "") problems.push({ field: "value", rule: "VAL-1", reason: "profile value is required" })
  if (problems.length > 0) return { ok: false, rejects: rejectsOf(problems, at, row["customer_number"] ?? "") }
  return { ok: true, value: { customerNumber: Number(customerNumber), profileDescription, value } }
}
