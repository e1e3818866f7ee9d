import type { LogLevel } from "effect"
import type { LogLevel as SettingLevel } from "../domain/settings.ts"

/** Effect's log level → the LOG_LEVEL setting's name, which is also pino's (silent: nothing is logged). */
export const settingLevelOf: Record<LogLevel.LogLevel, SettingLevel> = {
  All: "trace",
  Trace: "trace",
  Debug: "debug",
  Info: "info",
  Warn: "warn",
  Error: "error",
  Fatal: "fatal",
  None: "silent"
}

/** The LOG_LEVEL setting → Effect's minimum log level. */
export const effectLevelOf: Record<SettingLevel, LogLevel.LogLevel> = {
  trace: "Trace",
  debug: "Debug",
  info: "Info",
  warn: "Warn",
  error: "Error",
  fatal: "Fatal",
  silent: "None"
}
