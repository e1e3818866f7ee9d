import { Schema } from "effect"

/**
 * A record that did not load (VAL-1): where it came from, which field, and why. `customerNumber` is the
 * raw text read, since a reject may be one because the number itself is bad.
 */
export const Reject = Schema.Struct({
  source: Schema.String,
  line: Schema.Int,
  customerNumber: Schema.String,
  field: Schema.String,
  reason: Schema.String,
  rule: Schema.String
})
export type Reject = typeof Reject.Type
