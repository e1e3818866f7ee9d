import { Cause, Exit } from "effect"

/** Exit codes scripts can trust: 0 done, 1 run failed, 2 usage or configuration error, 130 interrupted. */
export const exitCodes = { done: 0, failed: 1, usage: 2, interrupted: 130 } as const

/** The CLI module prints these itself, with the command's help. */
const parseErrors = new Set([
  "UnrecognizedOption",
  "DuplicateOption",
  "MissingOption",
  "MissingArgument",
  "UnexpectedArgument",
  "InvalidValue",
  "UnknownSubcommand",
  "ValidationError"
])

const usageErrors = new Set([
  ...parseErrors,
  "SettingsError",
  "InvalidExportOptions",
  "UsageError",
  "ResumeError",
  "OrceBindingMismatch",
  "DatasetError"
])

const tagOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "_tag" in error ? String(error._tag) : undefined

export const exitCodeOf = (exit: Exit.Exit<unknown, unknown>): number => {
  if (Exit.isSuccess(exit)) return exitCodes.done
  if (Cause.hasInterruptsOnly(exit.cause)) return exitCodes.interrupted
  const error = Cause.squash(exit.cause)
  if (tagOf(error) === "ShowHelp") return exitCodes.usage
  return usageErrors.has(tagOf(error) ?? "") ? exitCodes.usage : exitCodes.failed
}

/** One sentence for the terminal; CLI parse errors are already printed by the CLI module itself. */
export const messageOf = (exit: Exit.Exit<unknown, unknown>): string | undefined => {
  if (Exit.isSuccess(exit) || Cause.hasInterruptsOnly(exit.cause)) return undefined
  const error = Cause.squash(exit.cause)
  const tag = tagOf(error)
  if (tag === "ShowHelp" || parseErrors.has(tag ?? "")) return undefined
  if (typeof error === "object" && error !== null && "message" in error && String(error.message) !== "") {
    return String(error.message)
  }
  return `unexpected failure: ${String(error)}; see the log file for details.`
}
