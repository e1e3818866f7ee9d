import { Schema } from "effect"

/** The command was called wrongly in a way its flags cannot express; exit code 2. */
export class UsageError extends Schema.TaggedError<UsageError>()("UsageError", {
  message: Schema.String
}) {}
