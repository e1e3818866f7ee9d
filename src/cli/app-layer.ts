import { Layer } from "effect"
import { AppSettings } from "../config/app-settings.ts"
import { databaseLayer } from "../db/database-layer.ts"
import type { Settings } from "../domain/settings.ts"
import { loggerLayer } from "../log/logger.ts"

/** What a command without a database runs with: its settings and the logger. */
export const settingsLayer = (settings: Settings) =>
  Layer.succeed(AppSettings, settings).pipe(Layer.provideMerge(loggerLayer(settings.logLevel, settings.logFile)))

/** What a command runs with: its settings, the logger and the staging database. */
export const appLayer = (settings: Settings) =>
  databaseLayer(settings).pipe(Layer.provideMerge(settingsLayer(settings)))
