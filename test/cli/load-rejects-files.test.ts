import { describe, expect, it } from "vitest"
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { parse } from "csv-parse/sync"
import { cleanRow, customersCsv } from "../support/customers-csv.ts"
import { tempFile, tempPath } from "../support/files.ts"
import { onlyStartedOrResumed } from "../support/cli-run.ts"
import { runCli } from "../support/run-cli.ts"

const isolated = () => ({
  ORCE_SYNC_DATA_DIR: tempPath("db"),
  ORCE_SYNC_LOG_FILE: tempPath("log"),
  ORCE_SYNC_REPORTS_DIR: tempPath("reports")
})

describe("orce-sync load and its rejects", () => {
  it("lists rejects with their control characters as escapes and writes every one to reports/<run-id>/rejects.csv", async () => {
    // A country with an ESC and an email with a terminal-title sequence: both rejected, both quoted back.
    const file = tempFile(customersCsv([
      cleanRow(1),
      cleanRow(2, { country: "U\u001b[2JS" }),
      cleanRow(3, { email: "x\u001b]0;pwned\u0007@y" })
    ]))
    const result = await runCli(["load", file], isolated())
    expect(result.stderr).toMatch(onlyStartedOrResumed)
    expect(result.code).toBe(0)
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/)
    expect(result.stdout).toContain("country U\\x1b[2JS is not a 2-letter ISO code")
    const reportPath = /Report: (\S+)/.exec(result.stdout)?.[1]
    const rejects = parse(readFileSync(join(dirname(reportPath!), "rejects.csv")), { columns: true }) as Array<Record<string, string>>
    expect(rejects.map((row) => [row.line, row.customer_number, row.field, row.rule])).toEqual([
      ["3", "2", "country", "VAL-5"],
      ["4", "3", "email", "VAL-6"]
    ])
    expect(rejects[0]!.reason).toContain("U\\x1b[2JS")
  })
})
