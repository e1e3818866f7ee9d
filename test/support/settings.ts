import { Effect, Layer } from "effect"
import { AppSettings } from "../../src/config/app-settings.ts"
import { loadSettings } from "../../src/config/load-settings.ts"
import { tempPath } from "./files.ts"

/** Runs' reports go to a temporary folder, never into the working tree. */
const reportsDir = tempPath("reports")

/** The default settings with `flags` (by key, as on the command line) applied; no config file, no environment. */
export const testSettings = (flags: Record<string, string> = {}) =>
  Effect.runSync(loadSettings({ env: {}, flags: { REPORTS_DIR: reportsDir, ...flags }, cwd: "/nonexistent" }))

export const testSettingsLayer = (flags: Record<string, string> = {}) => Layer.succeed(AppSettings, testSettings(flags))
