import type { Reject } from "../../domain/reject.ts"

/** One parsed CSV record keyed by canonical column name; an absent optional column reads as blank. */
export type RawRow = Readonly<Record<string, string | undefined>>

/** Where a row came from, for its rejects (VAL-1). */
export interface RowPosition {
  readonly source: string
  readonly line: number
}

export type Validated<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly rejects: ReadonlyArray<Reject> }

/** A field's problem: the column it is in, the rule it breaks and one sentence saying why. */
export interface FieldProblem {
  readonly field: string
  readonly rule: string
  readonly reason: string
}

export const text = (row: RawRow, column: string): string => row[column]?.trim() ?? ""

/** Codes are echoed in reasons to help the reader; a long value is cut so a reason stays one line. */
export const shown = (value: string): string => (value.length > 20 ? `${value.slice(0, 20)}…` : value)

export const rejectsOf = (
  problems: ReadonlyArray<FieldProblem>,
  at: RowPosition,
  customerNumber: string
): Array<Reject> =>
  problems.map(({ field, rule, reason }) => ({
    source: at.source,
    line: at.line,
    customerNumber,
    field,
    reason,
    rule
  }))
