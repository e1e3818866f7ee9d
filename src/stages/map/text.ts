import type { Truncation } from "../../domain/truncation.ts"
import { oacsLengths, type LimitedField } from "./lengths.ts"

/** MAP-2: trailing spaces go; leading ones are kept because OACS keeps them too. */
export const trimTrailing = (value: string): string => value.trimEnd()

/**
 * Cuts to `max` characters counted as code points, so a character outside the BMP is never split into a
 * lone surrogate (which would not survive JSON or the database).
 */
export const truncateCodePoints = (value: string, max: number): string => {
  // UTF-16 length is an upper bound of the code point count: the common short value costs nothing.
  if (value.length <= max) return value
  let index = 0
  let count = 0
  while (index < value.length && count < max) {
    const unit = value.charCodeAt(index)
    const next = value.charCodeAt(index + 1)
    index += unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1
    count++
  }
  return index >= value.length ? value : value.slice(0, index)
}

/** Normalizes one length-limited OACS value and reports it when it had to be cut. */
export type OacsText = (field: LimitedField, raw: string) => string

/**
 * MAP-1/2/3 for one customer: trailing spaces removed, upper-cased, cut to the OACS length, and every cut
 * appended to `truncations`. Upper-casing comes before the cut because it can lengthen a value ("ß" → "SS").
 * A cut can end on a space, which MAP-2 then removes as well.
 */
export const oacsText = (
  customerNumber: string,
  relateId: string,
  truncations: Array<Truncation>
): OacsText =>
(field, raw) => {
  const value = trimTrailing(raw).toUpperCase()
  const cut = truncateCodePoints(value, oacsLengths[field])
  if (cut === value) return value
  const after = trimTrailing(cut)
  truncations.push({ customerNumber, relateId, field, before: raw, after })
  return after
}
