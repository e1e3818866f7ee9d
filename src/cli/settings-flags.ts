import { Effect, Option } from "effect"
import { Flag, GlobalFlag } from "effect/cli"
import { loadSettings } from "../config/load-settings.ts"
import { settingLevelOf } from "../log/levels.ts"

/**
 * The flags every command takes to set settings. Each named flag is a shortcut for `--set KEY=VALUE`;
 * the command line overrides the environment, which overrides the config file.
 */
export const settingsFlags = {
  config: Flag.String("config").pipe(
    Flag.withDescription("JSON config file (default: orce-sync.config.json when present)"),
    Flag.optional
  ),
  set: Flag.KeyValuePair("set").pipe(
    Flag.withDescription("set any setting, e.g. --set L37=INTERACT (repeatable)"),
    Flag.optional
  ),
  dataDir: Flag.String("data-dir").pipe(
    Flag.withDescription("data directory of the embedded PGlite database (default .orce-sync/db)"),
    Flag.optional
  )
} as const

export interface SettingsFlagValues {
  readonly config: Option.Option<string>
  readonly set: Option.Option<Record<string, string>>
  readonly dataDir: Option.Option<string>
}

/**
 * Settings from flags, environment and config file; `extra` holds command-specific flags by key. The
 * CLI module's own global `--log-level` flag is the LOG_LEVEL setting.
 */
export const resolveSettings = Effect.fnUntraced(function*(
  flags: SettingsFlagValues,
  extra: Record<string, Option.Option<string | number>> = {}
) {
  const logLevel = Option.map(yield* GlobalFlag.LogLevel, (level) => settingLevelOf[level])
  const fromFlags: Record<string, string> = { ...Option.getOrElse(flags.set, () => ({})) }
  const named: Record<string, Option.Option<string | number>> = {
    LOG_LEVEL: logLevel,
    DATA_DIR: flags.dataDir,
    ...extra
  }
  for (const [key, value] of Object.entries(named)) {
    if (Option.isSome(value)) fromFlags[key] = String(value.value)
  }
  return yield* loadSettings({ configFile: Option.getOrUndefined(flags.config), env: process.env, flags: fromFlags })
})
