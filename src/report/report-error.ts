import { Schema } from "effect"

/** A report file could not be written or a run's report could not be built. */
export class ReportError extends Schema.TaggedError<ReportError>()("ReportError", {
  path: Schema.String,
  message: Schema.String
}) {}
