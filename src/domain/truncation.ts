import { Schema } from "effect"

/**
 * One value cut to its OACS length (MAP-3), in either direction. Every truncation is reported, so a
 * shortened name or address can be traced back to the value that was lost.
 *
 * `field` is the OACS Customer field name (the lengths are OACS's), whichever system the value came from.
 * `customerNumber` and `relateId` are text and blank ("") when not known: a customer read from ORCE may not
 * have an OACS customer number yet, and one sent to ORCE for the first time has no Relate ID.
 * `before` is the value exactly as the source held it (trailing spaces and case included); `after` is the
 * value the other system receives.
 */
export const Truncation = Schema.Struct({
  customerNumber: Schema.String,
  relateId: Schema.String,
  field: Schema.String,
  before: Schema.String,
  after: Schema.String
})
export type Truncation = typeof Truncation.Type
