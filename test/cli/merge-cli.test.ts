import { describe, expect, it } from "vitest"
import { existsSync } from "node:fs"
import { cleanRow, customersCsv } from "../support/customers-csv.ts"
import { tempFile, tempPath } from "../support/files.ts"
import { runCli } from "../support/run-cli.ts"

const isolated = () => ({
  ORCE_SYNC_DATA_DIR: tempPath("db"),
  ORCE_SYNC_LOG_FILE: tempPath("log"),
  ORCE_SYNC_REPORTS_DIR: tempPath("reports"),
  ORCE_SYNC_MOCK_ORCE_STATE: "-",
  ORCE_SYNC_L37: "NONE"
})

const lines = (rows: ReadonlyArray<string>) => tempFile(rows.join("\n") + "\n")

describe("orce-sync merge", () => {
  it.each([["merge"], ["merge submit"], ["merge run"], ["merge resubmit"], ["merge review"]])("prints help and exits 0: orce-sync %s --help", async (command) => {
    const result = await runCli([...command.split(" "), "--help"])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("USAGE")
  })

  it("MRG-8 submits, merges, reviews and refuses to resubmit a request that did not fail, with the exit codes scripts trust", async () => {
    const env = isolated()
    const customers = tempFile(customersCsv([cleanRow(1), cleanRow(2), cleanRow(3, { party_type: "O", company: "ACME" })]))
    const sites = lines(["site_id,customer_number,operating_unit,street,city,state,postal_code,country", "10,1,OU1,1 MAIN,X,IL,1,US", "20,2,OU1,2 MAIN,X,IL,1,US"])
    const uses = lines(["site_use_id,site_id,use_type,location,primary", "100,10,BILL_TO,HQ,Y", "200,20,BILL_TO,HQ,Y"])
    const activity = lines(["activity_id,kind,site_use_id,document,amount", "1,invoice,200,INV-1,9.99"])
    const loaded = await runCli(["load", customers, "--sites", sites, "--site-uses", uses, "--activity", activity], env)
    expect(loaded.code, loaded.stderr).toBe(0)
    expect(loaded.stdout).toContain("Loaded 1 of 1 activity record")

    const requests = lines(["from_customer,to_customer,reason,priority", "2,1,De-duplication,P1", "3,1,Merger,P2", "x,1,Merger,P2"])
    const submitted = await runCli(["merge", "submit", requests], env)
    expect(submitted.code).toBe(0)
    expect(submitted.stdout).toContain("Submitted 2 merge requests")
    expect(submitted.stdout).toContain("1 SAVED, 1 REJECTED; 1 row not read.")
    expect(submitted.stdout).toContain("REJECTED: MRG-2: customer 3 (party type O) and customer 1 (party type I) are not of the same party type")
    expect(submitted.stdout).toContain(":4 from_customer: \"x\" is not a customer number (MRG-1)")

    const ran = await runCli(["merge", "run", "--commit-size", "10", "--priority", "P1"], env)
    expect(ran.code, ran.stderr).toBe(0)
    expect(ran.stdout).toContain("merged 1 of 1 merge request in 1 merge set; 0 FAILED.")
    const report = /Customer Merge Execution Report: (\S+)/.exec(ran.stdout)?.[1]
    expect(existsSync(report!)).toBe(true)

    const reviewed = await runCli(["merge", "review", "--customer", "2"], env)
    expect(reviewed.code).toBe(0)
    expect(reviewed.stdout.split("\n")[1]).toMatch(/^1\tAda Lovelace \[2\]\tAda Lovelace \[1\]\t2 MAIN, X, IL, 1, US\t1 MAIN, X, IL, 1, US\tHQ\tHQ\tBILL_TO\tYes\tInactive\t/)

    const resubmitted = await runCli(["merge", "resubmit", "1"], env)
    expect(resubmitted.code).toBe(2)
    expect(resubmitted.stderr).toContain("Merge request 1 is COMPLETED, not FAILED")
    expect((await runCli(["merge", "resubmit", "99"], env)).code).toBe(2)
    expect((await runCli(["merge", "review"], env)).code).toBe(2)
    expect((await runCli(["merge", "submit", tempPath("missing.csv")], env)).code).toBe(2)
    const badFile = await runCli(["merge", "submit", lines(["from_customer,reason", "1,Merger"])], env)
    expect(badFile.code).toBe(1)
    expect(badFile.stderr).toContain("missing the required columns to_customer, priority")
  }, 120_000)
})
