import { Layer } from "effect"
import { AppSettings } from "../config/app-settings.ts"
import { databaseLayer } from "../db/database-layer.ts"
import type { Settings } from "../domain/settings.ts"
import { loggerLayer } from "../log/logger.ts"

/** What a command runs with: its settings, the staging database and the logger. */
export const appLayer = (settings: Settings) =>
  Layer.mergeAll(Layer.succeed(AppSettings, settings), databaseLayer(settings)).pipe(
    Layer.provideMerge(loggerLayer(settings.logLevel, settings.logFile))
  )
