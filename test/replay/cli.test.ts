import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { isolatedDirs } from "../support/cli-run.ts"
import { tempPath } from "../support/files.ts"
import { runCli } from "../support/run-cli.ts"
import { parseXml } from "../support/xml.ts"

/** `orce-sync replay` as a user runs it: a changed expected result, --update-expected, JUnit XML, exit codes. */

const datasets = join(import.meta.dirname, "..", "..", "data", "datasets")

/** A copy of a dataset (its expected results included) that a test may change. */
const copyOf = (name: string, into = tempPath("datasets"), as = name) => {
  const target = join(into, as)
  cpSync(join(datasets, name), target, { recursive: true })
  return { folder: into, dataset: target }
}

/** Changes one field of one customer in an expected file. */
const changeExpected = (dataset: string, file: string, customer: string, field: string, value: string) => {
  const path = join(dataset, "expected", file)
  const expected = JSON.parse(readFileSync(path, "utf8"))
  expected[customer][field] = value
  writeFileSync(path, JSON.stringify(expected, null, 2) + "\n")
  return path
}

describe("orce-sync replay", () => {
  it("exits 1 when a replay differs from its expected results, with a diff naming the customer and the field", async () => {
    const { dataset } = copyOf("sync-after-orce-merges")
    changeExpected(dataset, "staging.json", "customer 2004", "relateId", "000000000000")
    const result = await runCli(["replay", dataset, "--junit", tempPath("junit.xml")], isolatedDirs().env)
    expect(result.code).toBe(1)
    expect(result.stdout).toContain("DIFFERS  sync-after-orce-merges (sync): 1 differences")
    expect(result.stdout).toContain(`staging.json  customer 2004  relateId: expected "000000000000", got "058713522677"`)
    expect(result.stderr).toContain("rerun with --update-expected")
  }, 120_000)

  it("--update-expected rewrites the expected results, says what changed, and the next replay passes", async () => {
    const { dataset } = copyOf("sync-after-orce-merges")
    const path = changeExpected(dataset, "outcomes.json", "customer 2007", "outcome", "updated")
    const updated = await runCli(["replay", dataset, "--update-expected", "--junit", tempPath("junit.xml")], isolatedDirs().env)
    expect(updated.code).toBe(0)
    expect(updated.stdout).toContain("updated  sync-after-orce-merges: expected results rewritten, 1 changes")
    expect(updated.stdout).toContain(`outcomes.json  customer 2007  outcome: expected "updated", got "relate-id-changed"`)
    expect(readFileSync(path, "utf8")).toBe(readFileSync(join(datasets, "sync-after-orce-merges", "expected", "outcomes.json"), "utf8"))
    const again = await runCli(["replay", dataset, "--junit", tempPath("junit.xml")], isolatedDirs().env)
    expect(again.code).toBe(0)
    expect(again.stdout).toContain("ok       sync-after-orce-merges (sync,")
  }, 120_000)

  it("replays a folder of datasets one line each and writes well-formed JUnit XML listing each dataset", async () => {
    const folder = tempPath("datasets")
    copyOf("sync-after-orce-merges", folder, "a-as-expected")
    const { dataset } = copyOf("orders-orce-unreachable", folder, "b-changed")
    changeExpected(dataset, "orders.json", "order line 2", "rule", "ORD-2 & <more>")
    const junit = tempPath("junit.xml")
    const result = await runCli(["replay", folder, "--junit", junit], isolatedDirs().env)
    expect(result.code).toBe(1)
    expect(result.stdout.split("\n").filter((line) => /^(ok|DIFFERS|ERROR) /.test(line))).toEqual([
      expect.stringMatching(/^ok {7}a-as-expected \(sync, /),
      "DIFFERS  b-changed (orders): 1 differences from " + join(dataset, "expected")
    ])
    expect(result.stdout).toContain(`orders.json  order line 2  rule: expected "ORD-2 & <more>", got "ORD-5"`)
    const suites = parseXml(readFileSync(junit, "utf8"))
    expect(suites.name).toBe("testsuites")
    expect(suites.attributes).toMatchObject({ tests: "2", failures: "1", errors: "0" })
    const cases = suites.children[0]!.children
    expect(cases.map((entry) => [entry.attributes["name"], entry.attributes["classname"], entry.children.map((child) => child.name)])).toEqual([
      ["a-as-expected", "replay.sync", []],
      ["b-changed", "replay.orders", ["failure"]]
    ])
    expect(cases[1]!.children[0]!.text).toContain(`expected "ORD-2 & <more>"`)
  }, 120_000)

  it("writes the JUnit XML into REPORTS_DIR by default", async () => {
    const { dataset } = copyOf("sync-after-orce-merges")
    const dirs = isolatedDirs()
    const result = await runCli(["replay", dataset], dirs.env)
    expect(result.code).toBe(0)
    expect(existsSync(join(dirs.reportsDir, "replay-junit.xml"))).toBe(true)
  }, 120_000)

  it("exits 2 with a sentence for a folder that holds no dataset, a dataset naming no replayable pipeline or a bad setting, and has --help", async () => {
    const missing = await runCli(["replay", tempPath("nothing")], isolatedDirs().env)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/is not a folder; give a dataset folder or a folder of datasets\./)
    const { dataset } = copyOf("sync-after-orce-merges")
    writeFileSync(join(dataset, "dataset.json"), JSON.stringify({ pipeline: "weekly" }))
    const unknown = await runCli(["replay", dataset], isolatedDirs().env)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain(`names pipeline "weekly"; replayable pipelines are export, sync, orders, nightly.`)
    writeFileSync(join(dataset, "dataset.json"), JSON.stringify({ pipeline: "sync", settings: { CHUNK_SIZE: "zero" } }))
    const badSetting = await runCli(["replay", dataset], isolatedDirs().env)
    expect(badSetting.code).toBe(2)
    expect(badSetting.stderr).toContain(`Dataset sync-after-orce-merges: Setting CHUNK_SIZE="zero" in ${join(dataset, "dataset.json")} is not valid`)
    const help = await runCli(["replay", "--help"], isolatedDirs().env)
    expect(help.code).toBe(0)
    expect(help.stdout).toContain("--update-expected")
    expect(help.stdout).toContain("--junit")
  }, 120_000)
})
