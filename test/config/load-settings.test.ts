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

  it.effect("DUP-5 refuses a DEDUPE_SURVIVORSHIP that names no field group or no rule, so a typo cannot keep a default unnoticed", () =>
    Effect.gen(function*() {
      for (const value of [`{"adress":"survivor"}`, `{"email":"newest"}`, "email=survivor"]) {
        const error = yield* Effect.flip(load({ flags: { DEDUPE_SURVIVORSHIP: value } }))
        assert.include(error.message, `Setting DEDUPE_SURVIVORSHIP=${JSON.stringify(value)} from the command line is not valid; allowed: a JSON object from field group`)
      }
      const settings = yield* load({ flags: { DEDUPE_SURVIVORSHIP: `{"email":"survivor"}` } })
      assert.deepStrictEqual(settings.dedupeSurvivorship, { email: "survivor" })
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

  it.effect("REL-4 refuses an ORCE_URL holding a user or password, says the credentials go in ORCE_TOKEN, and never repeats them", () =>
    Effect.gen(function*() {
      const withPassword = yield* Effect.flip(load({
        env: { ORCE_SYNC_ORCE_TOKEN: "token" },
        flags: { ORCE_URL: "https://svc:pa55word@orce.example/api" }
      }))
      assert.strictEqual(
        withPassword.message,
        "Setting ORCE_URL=\"https://(hidden)@orce.example/api\" from the command line is not valid; allowed: an http:// or " +
          "https:// URL without user or password (ORCE credentials go in ORCE_TOKEN: set ORCE_SYNC_ORCE_TOKEN)."
      )
      const userOnly = yield* Effect.flip(load({ env: { ORCE_SYNC_ORCE_TOKEN: "token", ORCE_SYNC_ORCE_URL: "http://svc-user@orce.example" } }))
      assert.include(userOnly.message, "without user or password")
      assert.notInclude(userOnly.message, "svc-user")
      // A password with an unencoded # or @ is hidden whole, though the URL then does not parse.
      for (const url of ["http://svc:pa#55@orce.example", "http://svc:p@55@orce.example"]) {
        const error = yield* Effect.flip(load({ env: { ORCE_SYNC_ORCE_TOKEN: "token" }, flags: { ORCE_URL: url } }))
        assert.include(error.message, "\"http://(hidden)@orce.example\"")
      }
    }))

  it.effect("REL-4 refuses ORCE_URL without complete ORCE credentials with the other settings, naming the variables to set", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(load({ env: { ORCE_SYNC_ORCE_URL: "https://orce.example/api" } }))
      assert.strictEqual(
        error.message,
        "ORCE_URL is set (from environment variable ORCE_SYNC_ORCE_URL) but no ORCE credentials are set; set " +
          "ORCE_SYNC_ORCE_CLIENT_ID, ORCE_SYNC_ORCE_CLIENT_SECRET and ORCE_SYNC_ORCE_TOKEN_URL (OAuth 2), or ORCE_SYNC_ORCE_USER " +
          "and ORCE_SYNC_ORCE_PASSWORD (HTTP Basic), or ORCE_SYNC_ORCE_TOKEN to a bearer token (each secret also as <KEY>_FILE)."
      )
      const halfOauth = yield* Effect.flip(load({
        env: { ORCE_SYNC_ORCE_URL: "https://orce.example/api", ORCE_SYNC_ORCE_CLIENT_ID: "app", ORCE_SYNC_ORCE_CLIENT_SECRET: "s3cret" }
      }))
      assert.include(halfOauth.message, "but OAuth 2 needs ORCE_CLIENT_ID, ORCE_CLIENT_SECRET and ORCE_TOKEN_URL together")
      assert.notInclude(halfOauth.message, "s3cret")
      const halfBasic = yield* Effect.flip(load({ env: { ORCE_SYNC_ORCE_URL: "https://orce.example/api", ORCE_SYNC_ORCE_USER: "ws" } }))
      assert.include(halfBasic.message, "but HTTP Basic needs ORCE_USER and ORCE_PASSWORD together")
      const settings = yield* load({ env: { ORCE_SYNC_ORCE_URL: "https://orce.example/api", ORCE_SYNC_ORCE_TOKEN: "token" } })
      assert.strictEqual(settings.orceUrl, "https://orce.example/api")
      const basic = yield* load({ env: { ORCE_SYNC_ORCE_URL: "https://orce.example/api", ORCE_SYNC_ORCE_USER: "ws", ORCE_SYNC_ORCE_PASSWORD: "pw" } })
      assert.strictEqual(Redacted.value(basic.orcePassword!), "pw")
      assert.strictEqual(describeSettings(basic).ORCE_PASSWORD, "(set)")
      const onCommandLine = yield* Effect.flip(load({ flags: { ORCE_CLIENT_SECRET: "s3cret" } }))
      assert.include(onCommandLine.message, "ORCE_CLIENT_SECRET cannot be given on the command line")
    }))

  it.effect("refuses a DATABASE_URL that is no postgres:// URL pg can read, without showing it", () =>
    Effect.gen(function*() {
      for (const url of ["postgres://orce:pa#ss@db.example/staging", "orce:secret@db.example/staging", "mysql://db.example/x"]) {
        const error = yield* Effect.flip(load({ env: { ORCE_SYNC_DATABASE_URL: url } }))
        assert.strictEqual(
          error.message,
          "Setting DATABASE_URL=(hidden) from environment variable ORCE_SYNC_DATABASE_URL is not valid; allowed: a " +
            "postgres:// URL, any special character of its password percent-encoded."
        )
      }
      const sourceError = yield* Effect.flip(load({ env: { ORCE_SYNC_SOURCE_DATABASE_URL: "postgres://h:99999/db" } }))
      assert.include(sourceError.message, "Setting SOURCE_DATABASE_URL=(hidden)")
      for (const url of ["postgresql://orce:pa%23ss@db.example:5433/staging", "postgres://orce@/staging?host=/run/postgresql"]) {
        const settings = yield* load({ env: { ORCE_SYNC_DATABASE_URL: url } })
        assert.strictEqual(Redacted.value(settings.databaseUrl!), url)
      }
    }))

  it.effect("REL-4 describeSettings shows no URL's user or password, in whatever setting it is", () =>
    Effect.gen(function*() {
      const settings = {
        ...(yield* load({})),
        orceUrl: "https://svc:pa55word@orce.example/api",
        defaultLocation: "see http://user:p@ss@wiki.example/stores"
      }
      const described = describeSettings(settings)
      assert.strictEqual(described.ORCE_URL, "https://(hidden)@orce.example/api")
      assert.strictEqual(described.K69, "see http://(hidden)@wiki.example/stores")
      assert.notInclude(JSON.stringify(described), "pa55word")
    }))

  it.effect("explains a config file that is not JSON", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(load({ configFile: tempFile("{ L37: INTERACT", ".json") }))
      assert.include(error.message, "is not valid JSON")
    }))
})
