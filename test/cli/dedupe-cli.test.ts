import { describe, expect, it } from "vitest"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { parse } from "csv-parse/sync"
import { onlyStartedOrResumed } from "../support/cli-run.ts"
import { tempPath } from "../support/files.ts"
import { readStaging } from "../support/staging-snapshot.ts"
import { runCli } from "../support/run-cli.ts"

const isolated = () => ({
  ORCE_SYNC_DATA_DIR: tempPath("db"),
  ORCE_SYNC_LOG_FILE: tempPath("log"),
  ORCE_SYNC_REPORTS_DIR: tempPath("reports")
})

const countOf = (output: string, what: string) =>
  Number(new RegExp(`([\\d,]+) ${what}`).exec(output)?.[1]?.replace(/,/g, "") ?? Number.NaN)

const readCsvRows = (path: string) => parse(readFileSync(path), { columns: true }) as Array<Record<string, string>>

describe("orce-sync dedupe", () => {
  it.each([["dedupe"], ["dedupe review"]])("prints help and exits 0: orce-sync %s --help", async (command) => {
    const result = await runCli([...command.split(" "), "--help"])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("USAGE")
  })

  it("DUP-3 exits 2 with one sentence on a threshold out of range or a review threshold above the auto-merge one, before any work", async () => {
    const outOfRange = await runCli(["dedupe", "--auto-merge", "1.5"], isolated())
    expect(outOfRange.code).toBe(2)
    expect(outOfRange.stderr.trim()).toBe(
      "orce-sync: Setting DEDUPE_AUTO_MERGE=\"1.5\" from the command line is not valid; allowed: a match probability from 0 to 1, not below DEDUPE_REVIEW."
    )
    const crossed = await runCli(["dedupe", "--review", "0.995"], { ...isolated(), ORCE_SYNC_DEDUPE_AUTO_MERGE: "0.99" })
    expect(crossed.code).toBe(2)
    expect(crossed.stderr.trim()).toBe(
      "orce-sync: DEDUPE_REVIEW=0.995 (from the command line) is above DEDUPE_AUTO_MERGE=0.99 (from environment variable " +
        "ORCE_SYNC_DEDUPE_AUTO_MERGE); lower --review or raise --auto-merge."
    )
  })

  it("DUP-3 finds the generated sample's duplicates, says nothing changed on a second run, and takes a person's decisions from its review file", async () => {
    const env = isolated()
    expect((await runCli(["load", "data/sample/customers.csv"], env)).code).toBe(0)
    const truth = new Set(readCsvRows("data/sample/duplicates.csv").map((row) => `${row["duplicate_customer_number"]}:${row["original_customer_number"]}`))

    // A strict threshold, so that some true pairs land in review.
    const first = await runCli(["dedupe", "--auto-merge", "0.9999999", "--review", "0.5"], env)
    expect(first.stderr).toMatch(onlyStartedOrResumed)
    expect(first.code).toBe(0)
    expect(first.stdout).toContain("full: model estimated, every customer compared")
    const requests = countOf(first.stdout, "merge requests created")
    const listed = countOf(first.stdout, "pairs listed for review")
    expect(requests).toBeGreaterThan(30)
    expect(listed).toBeGreaterThan(1)
    const runDir = dirname(/Run report: (\S+)/.exec(first.stdout)![1]!)
    expect(first.stdout).toContain(`Duplicate Customer Report: ${join(runDir, "duplicates.html")}`)
    expect(existsSync(join(runDir, "duplicates.html"))).toBe(true)
    const report = JSON.parse(readFileSync(join(runDir, "report.json"), "utf8"))
    expect(report.recordedCounts["dedupe.merge-requests"]).toBe(requests)
    expect(report.recordedCounts["dedupe.review-pairs"]).toBe(listed)

    const second = await runCli(["dedupe", "--auto-merge", "0.9999999", "--review", "0.5"], env)
    expect(second.code).toBe(0)
    expect(second.stdout).toContain("incremental: the last model reused, 0 new or changed customers compared with everyone")
    expect(second.stdout).toContain("Nothing changed: no new cluster, merge request or review pair.")

    // A person fills in the review file and hands it back, with a few rows of their own gone wrong.
    const reviewFile = /Review file \(fill in decision, then orce-sync dedupe review <file>\): (\S+)/.exec(first.stdout)![1]!
    expect(reviewFile).toBe(join(runDir, "duplicate-pairs.csv"))
    const rows = readCsvRows(reviewFile)
    // The proposed pairs, then those for review.
    expect(rows.filter((row) => row["band"] === "auto-merge")).toHaveLength(requests)
    expect(rows.filter((row) => row["band"] !== "auto-merge")).toHaveLength(listed)
    const lines = readFileSync(reviewFile, "utf8").trimEnd().split("\n")
    const width = lines[0]!.split(",").length
    const at1 = rows.findIndex((row) => row["band"] === "review") + 1
    const [accepted, rejected] = [rows[at1 - 1]!, rows[at1]!]
    const known = accepted["customer_a"]!
    const other = rejected["customer_a"]!
    const decided = [
      ...lines.slice(0, at1),
      lines[at1]!.replace(`${accepted["customer_a"]},${accepted["customer_b"]},,`, `${accepted["customer_a"]},${accepted["customer_b"]},accept,`),
      lines[at1 + 1]!.replace(`${rejected["customer_a"]},${rejected["customer_b"]},,`, `${rejected["customer_a"]},${rejected["customer_b"]},Reject,`),
      ...lines.slice(at1 + 2),
      ...[
        `${accepted!["customer_a"]},${accepted!["customer_b"]},reject`,
        `${known},${known},accept`,
        `${known},999999999,reject`,
        `abc,${known},accept`,
        `${known},${other},maybe`
      ].map((row) => row + ",".repeat(width - 3)),
      `${known},${other}`
    ].join("\n") + "\n"
    const decisions = tempPath("decisions.csv")
    writeFileSync(decisions, decided)
    const review = await runCli(["dedupe", "review", decisions], env)
    expect(review.code).toBe(0)
    expect(review.stdout).toContain(`Recorded 2 decisions from ${decisions}: 1 accepted (1 merge request created`)
    expect(review.stdout).toContain(`${rows.length - 2} rows left undecided`)
    expect(review.stdout).toContain("6 rows refused")
    const at = (line: number) => `${decisions}:${line}: `
    const n = lines.length
    expect(review.stdout).toContain(`${at(n + 1)}the pair ${accepted["customer_a"]}, ${accepted["customer_b"]} was decided "accept" on line ${at1 + 1} already`)
    expect(review.stdout).toContain(`${at(n + 2)}customer_a and customer_b are both ${known}; a pair is two customers`)
    expect(review.stdout).toContain(`${at(n + 3)}customer 999999999 is not in the staging database`)
    expect(review.stdout).toContain(`${at(n + 4)}customer_a "abc" and customer_b "${known}" must both be customer numbers`)
    expect(review.stdout).toContain(`${at(n + 5)}decision "maybe" is neither accept nor reject`)
    expect(review.stdout).toContain(`${at(n + 6)}line ${n + 6} has 2 fields; the header has ${width}`)

    // The rejected pair never comes back, not even when everything is compared again.
    const third = await runCli(["dedupe", "--full", "--auto-merge", "0.9999999", "--review", "0.5"], env)
    expect(third.code).toBe(0)
    expect(third.stdout).toContain("1 rejected pair not proposed again")
    expect(third.stdout).toContain("Nothing changed")

    // Precision first: every request the runs made, the accepted pair's too, joins two registrations of one
    // customer by the generator's truth file (a cluster's members may both be duplicates of its original).
    const originalOf = (customer: number) =>
      [...truth].find((pair) => pair.startsWith(`${customer}:`))?.split(":")[1] ?? String(customer)
    const { mergeRequests } = await readStaging(env.ORCE_SYNC_DATA_DIR)
    expect(mergeRequests.length).toBe(requests + 1)
    for (const request of mergeRequests) {
      expect(originalOf(request.fromCustomer), `${request.fromCustomer} → ${request.toCustomer}`).toBe(originalOf(request.toCustomer))
    }

    const resumed = await runCli(["resume", /Run (\S+) \(dedupe\)/.exec(third.stdout)![1]!], env)
    expect(resumed.stdout).toContain("has already completed; there is nothing to resume")
  }, 240_000)

  it("review exits 2 when the decisions file is not there", async () => {
    const result = await runCli(["dedupe", "review", "no-such-decisions.csv"], isolated())
    expect(result.code).toBe(2)
    expect(result.stderr.trim()).toBe("orce-sync: The decisions file no-such-decisions.csv does not exist; check the path.")
  })
})
