import { Layer, Logger, LogLevel, References } from "effect"
import { mkdirSync } from "node:fs"
import { dirname } from "node:path"
import pino from "pino"
import type { LogLevel as SettingLevel } from "../domain/settings.ts"
import { effectLevelOf, settingLevelOf } from "./levels.ts"
import { censor, freeTextKeys, maskFreeText, redactPaths } from "./mask.ts"

/**
 * Effect's log calls written as pino JSON lines. Entries below INFO are the trace (requests, responses)
 * and keep their data; from INFO up, personal data is masked (SYNC-13).
 */
export const pinoLogger = (log: pino.Logger) => {
  const masked = log.child({}, { redact: { paths: redactPaths(), censor } })
  return Logger.make<unknown, void>(({ cause, fiber, logLevel, message }) => {
    const level = settingLevelOf[logLevel]
    if (level === "silent") return
    const masking = LogLevel.isGreaterThanOrEqualTo(logLevel, "Info")
    const annotations = fiber.getRef(References.CurrentLogAnnotations)
    const parts = Array.isArray(message) ? message : [message]
    const text = parts.filter((part) => typeof part === "string").join(" ")
    const data = parts.filter((part) => typeof part !== "string")
    const fields: Record<string, unknown> = { ...annotations }
    if (data.length > 0) fields.data = data.length === 1 ? data[0] : data
    if (cause.reasons.length > 0) fields.cause = String(cause)
    if (!masking) return log[level](fields, text)
    for (const key of freeTextKeys) if (typeof fields[key] === "string") fields[key] = maskFreeText(fields[key])
    masked[level](fields, maskFreeText(text))
  })
}

/**
 * The application's logger: JSON lines to `file` ("-" for standard error), from `level` up. A file keeps
 * the terminal for progress and the summary.
 */
export const loggerLayer = (level: SettingLevel, file: string) => {
  if (file !== "-") mkdirSync(dirname(file), { recursive: true })
  const destination = file === "-" ? pino.destination(2) : pino.destination({ dest: file, sync: true, mkdir: true })
  const log = pino({ level: level === "silent" ? "silent" : level, base: undefined }, destination)
  return Layer.mergeAll(
    Logger.layer([pinoLogger(log)]),
    Layer.succeed(References.MinimumLogLevel, effectLevelOf[level])
  )
}
