import { existsSync, readFileSync } from "node:fs"
import { resolve } from "node:path"
import { Effect, Exit, Schema } from "effect"
import { type SettingMeta, Settings, settingMeta } from "../domain/settings.ts"
import { credentialsFromSettings } from "../orce/from-settings.ts"
import { hideUserinfo } from "./hide-userinfo.ts"

export class SettingsError extends Schema.TaggedError<SettingsError>()("SettingsError", {
  message: Schema.String
}) {}

export const defaultConfigFile = "orce-sync.config.json"
export const envPrefix = "ORCE_SYNC_"

export interface SettingsSources {
  /** `--config`; else ORCE_SYNC_CONFIG; else orce-sync.config.json in `cwd` when it exists. */
  readonly configFile?: string | undefined
  readonly env: Readonly<Record<string, string | undefined>>
  /** Settings given on the command line, by key (`--set KEY=VALUE` and the named flags). */
  readonly flags: Readonly<Record<string, string>>
  readonly cwd?: string
}

type Name = keyof Settings
const names = Object.keys(settingMeta) as ReadonlyArray<Name>
const nameByKey = new Map(names.map((name) => [settingMeta[name].key, name]))
export const settingKeys = names.map((name) => settingMeta[name].key)

interface Candidate {
  readonly value: string
  readonly origin: string
}

const fail = (message: string) => Effect.fail(new SettingsError({ message }))

const lookUpName = (key: string, origin: string) =>
  nameByKey.has(key)
    ? Effect.succeed(nameByKey.get(key)!)
    : fail(`Unknown setting ${key} in ${origin}; known settings are ${settingKeys.join(", ")}.`)

const readSecretFile = (key: string, path: string, origin: string) =>
  Effect.try({
    try: () => readFileSync(path, "utf8").trim(),
    catch: () => new SettingsError({ message: `Cannot read ${key}_FILE ${path} (from ${origin}); check the path.` })
  })

/** A secret's value may come only from the environment or a file (REL-4); `<KEY>_FILE` names the file. */
const secretKeyOf = (key: string) => key.endsWith("_FILE") ? key.slice(0, -"_FILE".length) : undefined

const readConfigFile = Effect.fnUntraced(function*(sources: SettingsSources) {
  const cwd = sources.cwd ?? process.cwd()
  const explicit = sources.configFile ?? sources.env[`${envPrefix}CONFIG`]
  const path = explicit === undefined ? resolve(cwd, defaultConfigFile) : resolve(cwd, explicit)
  if (explicit === undefined && !existsSync(path)) return new Map<Name, Candidate>()
  const text = yield* Effect.try({
    try: () => readFileSync(path, "utf8"),
    catch: () => new SettingsError({ message: `Cannot read the config file ${path}; check the path given to --config.` })
  })
  const json = yield* Effect.try({
    try: () => JSON.parse(text) as unknown,
    catch: (cause) =>
      new SettingsError({
        message: `The config file ${path} is not valid JSON (${(cause as Error).message}); fix it or pass another --config.`
      })
  })
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    return yield* fail(`The config file ${path} must hold one JSON object of settings, such as {"L37": "INTERACT"}.`)
  }
  const found = new Map<Name, Candidate>()
  for (const [key, raw] of Object.entries(json)) {
    const origin = `config file ${path}`
    const secretKey = secretKeyOf(key)
    if (secretKey !== undefined && nameByKey.has(secretKey) && settingMeta[nameByKey.get(secretKey)!].secret) {
      const value = yield* readSecretFile(secretKey, resolve(cwd, String(raw)), origin)
      found.set(nameByKey.get(secretKey)!, { value, origin: `${origin} (${key})` })
      continue
    }
    const name = yield* lookUpName(key, origin)
    if (settingMeta[name].secret) {
      return yield* fail(
        `${key} must not be written in ${path}; set ${envPrefix}${key} in the environment or name a file with ${key}_FILE.`
      )
    }
    const value = typeof raw === "string" ? raw : JSON.stringify(raw)
    found.set(name, { value, origin })
  }
  return found
})

const readEnvironment = Effect.fnUntraced(function*(env: SettingsSources["env"]) {
  const found = new Map<Name, Candidate>()
  for (const name of names) {
    const key = settingMeta[name].key
    const direct = env[`${envPrefix}${key}`]
    const file = settingMeta[name].secret ? env[`${envPrefix}${key}_FILE`] : undefined
    if (direct !== undefined && direct !== "") {
      found.set(name, { value: direct, origin: `environment variable ${envPrefix}${key}` })
    } else if (file !== undefined && file !== "") {
      const origin = `environment variable ${envPrefix}${key}_FILE`
      found.set(name, { value: yield* readSecretFile(key, file, origin), origin })
    }
  }
  return found
})

const readFlags = Effect.fnUntraced(function*(flags: SettingsSources["flags"]) {
  const found = new Map<Name, Candidate>()
  for (const [key, value] of Object.entries(flags)) {
    const name = yield* lookUpName(key, "the command line")
    if (settingMeta[name].secret) {
      // A command line is visible to every user of the machine (ps), so secrets never travel on it.
      return yield* fail(`${key} cannot be given on the command line; set ${envPrefix}${key} or ${envPrefix}${key}_FILE.`)
    }
    found.set(name, { value, origin: "the command line" })
  }
  return found
})

const fieldDecoders = Object.fromEntries(
  names.map((name) => [name, Schema.decodeUnknownExit(Schema.Struct({ [name]: Settings.fields[name] }))])
) as Record<Name, (input: unknown) => Exit.Exit<Record<string, unknown>, Schema.SchemaError>>

const describeValue = (meta: SettingMeta, value: string) => meta.secret ? "(hidden)" : JSON.stringify(hideUserinfo(value))

/**
 * Reads the settings: defaults, then the config file, the environment and the command line, each
 * overriding the one before. Every value is decoded before any work starts; the first bad one fails with
 * a sentence naming the key, the value, where it came from and what is allowed. Settings that need each
 * other are checked together: ORCE_URL without credentials would fail only once the run reaches ORCE.
 */
export const loadSettings = Effect.fnUntraced(function*(sources: SettingsSources) {
  const layers = [yield* readConfigFile(sources), yield* readEnvironment(sources.env), yield* readFlags(sources.flags)]
  const decoded: Record<string, unknown> = {}
  const origins = new Map<Name, string>()
  for (const name of names) {
    const meta = settingMeta[name]
    const candidate = layers.reduce<Candidate | undefined>((chosen, layer) => layer.get(name) ?? chosen, undefined) ??
      (meta.default === undefined ? undefined : { value: meta.default, origin: "the default" })
    if (candidate === undefined) continue
    const exit = fieldDecoders[name]({ [name]: candidate.value })
    if (Exit.isFailure(exit)) {
      return yield* fail(
        `Setting ${meta.key}=${describeValue(meta, candidate.value)} from ${candidate.origin} is not valid; allowed: ${meta.allowed}.`
      )
    }
    decoded[name] = exit.value[name]
    origins.set(name, candidate.origin)
  }
  const settings = decoded as Settings
  const credentials = credentialsFromSettings(settings)
  if (settings.orceUrl !== undefined && typeof credentials === "string") {
    return yield* fail(
      `ORCE_URL is set (from ${origins.get("orceUrl")}) but ${credentials}; set ${envPrefix}ORCE_CLIENT_ID, ` +
        `${envPrefix}ORCE_CLIENT_SECRET and ${envPrefix}ORCE_TOKEN_URL (OAuth 2), or ${envPrefix}ORCE_USER and ` +
        `${envPrefix}ORCE_PASSWORD (HTTP Basic), or ${envPrefix}ORCE_TOKEN to a bearer token (each secret also as <KEY>_FILE).`
    )
  }
  if (settings.dedupeReview > settings.dedupeAutoMerge) {
    return yield* fail(
      `DEDUPE_REVIEW=${settings.dedupeReview} (from ${origins.get("dedupeReview")}) is above DEDUPE_AUTO_MERGE=` +
        `${settings.dedupeAutoMerge} (from ${origins.get("dedupeAutoMerge")}); lower --review or raise --auto-merge.`
    )
  }
  return settings
})

/**
 * The settings a run used, by key, safe to print and to store in the ledger and reports: secrets show only
 * that they are set, and no URL its user or password (the settings check refuses them in ORCE_URL already).
 */
export const describeSettings = (settings: Settings): Record<string, string> => {
  const described: Record<string, string> = {}
  for (const name of names) {
    const meta = settingMeta[name]
    const value = settings[name]
    if (value === undefined) continue
    described[meta.key] = meta.secret ? "(set)" : hideUserinfo(typeof value === "string" ? value : JSON.stringify(value))
  }
  return described
}
