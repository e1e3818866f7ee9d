import { describe, expect, it } from "vitest"
import { existsSync } from "node:fs"
import { isolatedDirs } from "../support/cli-run.ts"
import { tempPath } from "../support/files.ts"
import { runCli } from "../support/run-cli.ts"

/**
 * A configuration error stops the command before any work — no database opened, nothing written — with exit
 * code 2 and one sentence saying what to set.
 */

const sample = "data/sample/customers.csv"

/** The settings of an isolated run without an ORCE token, so each test says which ORCE it means. */
const withoutToken = () => {
  const dirs = isolatedDirs()
  const { ORCE_SYNC_ORCE_TOKEN: _token, ...env } = dirs.env
  return { dirs, env }
}

const expectStoppedBeforeAnyWork = (dirs: ReturnType<typeof isolatedDirs>) => {
  expect(existsSync(dirs.dataDir), "the staging database was opened").toBe(false)
  expect(existsSync(dirs.reportsDir), "a report was written").toBe(false)
}

describe("configuration errors exit 2 before any work", () => {
  it("ORCE_URL without ORCE credentials names the variables to set", async () => {
    const { dirs, env } = withoutToken()
    const result = await runCli(["export", sample, "--orce-url", "http://127.0.0.1:9"], env)
    expect(result.stderr.trim()).toBe(
      "orce-sync: ORCE_URL is set (from the command line) but no ORCE credentials are set; set ORCE_SYNC_ORCE_CLIENT_ID, " +
        "ORCE_SYNC_ORCE_CLIENT_SECRET and ORCE_SYNC_ORCE_TOKEN_URL (OAuth 2), or ORCE_SYNC_ORCE_USER and ORCE_SYNC_ORCE_PASSWORD " +
        "(HTTP Basic), or ORCE_SYNC_ORCE_TOKEN to a bearer token (each secret also as <KEY>_FILE)."
    )
    expect(result.code).toBe(2)
    expectStoppedBeforeAnyWork(dirs)
  })

  it("REL-4 an ORCE_URL holding a user and password is refused without being repeated or stored", async () => {
    const { dirs, env } = withoutToken()
    const result = await runCli(["export", sample, "--orce-url", "http://svc:pa55word@127.0.0.1:9"], {
      ...env,
      ORCE_SYNC_ORCE_TOKEN: "mock-orce-token"
    })
    expect(result.stderr).toContain("ORCE credentials go in ORCE_TOKEN: set ORCE_SYNC_ORCE_TOKEN")
    expect(result.stderr).not.toContain("pa55word")
    expect(result.code).toBe(2)
    expectStoppedBeforeAnyWork(dirs)
  })

  it("a DATABASE_URL that is no URL says so, not 'migrate failed'", async () => {
    const { dirs, env } = withoutToken()
    const result = await runCli(["export", sample], { ...env, ORCE_SYNC_DATABASE_URL: "postgres://orce:pa#ss@127.0.0.1:9/staging" })
    expect(result.stderr.trim()).toBe(
      "orce-sync: Setting DATABASE_URL=(hidden) from environment variable ORCE_SYNC_DATABASE_URL is not valid; allowed: " +
        "a postgres:// URL, any special character of its password percent-encoded."
    )
    expect(result.code).toBe(2)
    expectStoppedBeforeAnyWork(dirs)
  })

  it.each([
    [["export", "missing.csv"], "The customer export missing.csv does not exist; check the path."],
    [["export", sample, "--profile", "missing-profiles.csv"], "The profile data file missing-profiles.csv does not exist; check the path."],
    [["export", sample, "--profile", "missing-profiles.csv", "--dry-run"], "The profile data file missing-profiles.csv does not exist; check the path."],
    [["export", "data"], "The customer export data is a directory; name a file."]
  ])("orce-sync %j is refused, naming the input file", async (args, message) => {
    const dirs = isolatedDirs()
    const result = await runCli(args, dirs.env)
    expect(result.stderr.trim()).toBe(`orce-sync: ${message}`)
    expect(result.code).toBe(2)
    expectStoppedBeforeAnyWork(dirs)
  })

  it("load names a missing input file", async () => {
    const dirs = isolatedDirs()
    const result = await runCli(["load", tempPath("missing.csv")], dirs.env)
    expect(result.stderr).toMatch(/^orce-sync: The customer export \S+missing\.csv does not exist; check the path\.\n$/)
    expect(result.code).toBe(2)
  })
})
