import { Effect, Layer } from "effect"
import { AppSettings } from "../../src/config/app-settings.ts"
import { loadSettings } from "../../src/config/load-settings.ts"

/** The default settings with `flags` (by key, as on the command line) applied; no config file, no environment. */
export const testSettings = (flags: Record<string, string> = {}) =>
  Effect.runSync(loadSettings({ env: {}, flags, cwd: "/nonexistent" }))

export const testSettingsLayer = (flags: Record<string, string> = {}) => Layer.succeed(AppSettings, testSettings(flags))
