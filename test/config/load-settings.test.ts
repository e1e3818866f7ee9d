import { assert, describe, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { describeSettings, loadSettings } from "../../src/config/load-settings.ts"
import { tempFile } from "../support/files.ts"

const load = (sources: { configFile?: string; env?: Record<string, string>; flags?: Record<string, string> }) =>
  loadSettings({ configFile: sources.configFile, env: sources.env ?? {}, flags: sources.flags ?? {}, cwd: "/nonexistent" })

describe("settings", () => {
  it.effect("has the defaults of SPEC.md's settings table", () =>
    Effect.gen(function*() {
      const settings = yield* load({})
      assert.deepInclude(settings, {
        integration: "INTERACT",
        altIdOroms: "OROMS_ID",
        altIdWeb: "WEB_ID",
        dayPhoneLabel: "BUSINESS",
        evePhoneLabel: "HOME",
        faxPhoneLabel: "FAX",
        thirdPhoneType: "FAX",
        defaultLocation: "",
        sendProfileData: "N",
        securityUserId: "ORCE_SECURITY_USER",
        userId: "BATCH",
        mergeCommitSize: 1000
      })
      assert.isUndefined(settings.databaseUrl)
      assert.isUndefined(settings.orceUrl)
    }))

  it.effect("takes the config file, then the environment, then the command line", () =>
    Effect.gen(function*() {
      const configFile = tempFile(JSON.stringify({ L53: "MOBILE", K69: "STORE1", CHUNK_SIZE: 10, COLUMNS: { "CUST#": "customer_number" } }), ".json")
      const settings = yield* load({
        configFile,
        env: { ORCE_SYNC_K69: "STORE2", ORCE_SYNC_CHUNK_SIZE: "20" },
        flags: { CHUNK_SIZE: "30" }
      })
      assert.strictEqual(settings.thirdPhoneType, "MOBILE")
      assert.strictEqual(settings.defaultLocation, "STORE2")
      assert.strictEqual(settings.chunkSize, 30)
      assert.deepStrictEqual(settings.columns, { "CUST#": "customer_number" })
    }))

  it.effect("fails on a bad value with one sentence naming the key, the value and what is allowed", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(load({ env: { ORCE_SYNC_L53: "PAGER" } }))
      assert.strictEqual(
        error.message,
        "Setting L53=\"PAGER\" from environment variable ORCE_SYNC_L53 is not valid; allowed: FAX or MOBILE."
      )
      const chunk = yield* Effect.flip(load({ flags: { CHUNK_SIZE: "0" } }))
      assert.include(chunk.message, "CHUNK_SIZE=\"0\" from the command line")
    }))

  it.effect("refuses an unknown setting and names the known ones", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(load({ flags: { L99: "X" } }))
      assert.include(error.message, "Unknown setting L99 in the command line")
      assert.include(error.message, "ORCE_ALT_ID_OROMS")
    }))

  it.effect("REL-4 takes secrets from the environment or a file, never the command line or the config file", () =>
    Effect.gen(function*() {
      const fromEnv = yield* load({ env: { ORCE_SYNC_ORCE_TOKEN: "s3cret" } })
      assert.strictEqual(Redacted.value(fromEnv.orceToken!), "s3cret")
      const secretFile = tempFile("from-file\n", ".txt")
      const fromFile = yield* load({ env: { ORCE_SYNC_ORCE_TOKEN_FILE: secretFile } })
      assert.strictEqual(Redacted.value(fromFile.orceToken!), "from-file")
      const viaConfig = yield* load({ configFile: tempFile(JSON.stringify({ ORCE_TOKEN_FILE: secretFile }), ".json") })
      assert.strictEqual(Redacted.value(viaConfig.orceToken!), "from-file")

      const onCommandLine = yield* Effect.flip(load({ flags: { ORCE_TOKEN: "s3cret" } }))
      assert.include(onCommandLine.message, "ORCE_TOKEN cannot be given on the command line")
      assert.notInclude(onCommandLine.message, "s3cret")
      const inConfig = yield* Effect.flip(load({ configFile: tempFile(JSON.stringify({ DATABASE_URL: "postgres://u:pw@h/db" }), ".json") }))
      assert.include(inConfig.message, "DATABASE_URL must not be written in")
      assert.notInclude(inConfig.message, "pw@")
    }))

  it.effect("REL-4 never prints a secret: not in errors, not in the settings a report lists", () =>
    Effect.gen(function*() {
      const settings = yield* load({ env: { ORCE_SYNC_ORCE_TOKEN: "s3cret", ORCE_SYNC_DATABASE_URL: "postgres://u:pw@h/db" } })
      const described = describeSettings(settings)
      assert.strictEqual(described.ORCE_TOKEN, "(set)")
      assert.strictEqual(described.DATABASE_URL, "(set)")
      assert.notInclude(JSON.stringify(described), "s3cret")
      assert.notInclude(String(settings.orceToken), "s3cret")
      const bad = yield* Effect.flip(load({ env: { ORCE_SYNC_DATABASE_URL: "" , ORCE_SYNC_ORCE_TOKEN_FILE: "/nonexistent/token" } }))
      assert.include(bad.message, "Cannot read ORCE_TOKEN_FILE /nonexistent/token")
    }))

  it.effect("explains a config file that is not JSON", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(load({ configFile: tempFile("{ L37: INTERACT", ".json") }))
      assert.include(error.message, "is not valid JSON")
    }))
})
