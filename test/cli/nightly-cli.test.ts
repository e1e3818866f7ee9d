import { describe, expect, it } from "vitest"
import { isolatedDirs } from "../support/cli-run.ts"
import { tempFile } from "../support/files.ts"
import { runCli } from "../support/run-cli.ts"
import { exportDir } from "../nightly/night-files.ts"

/** `orce-sync nightly <export-dir>`: a directory it cannot read as a night's exports is refused in one sentence, before anything runs. */
describe("orce-sync nightly refuses an export directory it cannot read", () => {
  const refused = async (directory: string) => {
    const result = await runCli(["nightly", directory], isolatedDirs().env)
    expect(result.code).toBe(2)
    expect(result.stdout).toBe("")
    return result.stderr.trim()
  }

  it("a file that is no export it knows is named, with the names it reads", async () => {
    const message = await refused(exportDir({ "customers.csv": "customer_number\n", "orders.csv": "x\n" }))
    expect(message).toMatch(/holds "orders\.csv", which is not an export orce-sync knows; move it out or rename it to one of customers\.csv, profiles\.csv, sites\.csv, site-uses\.csv, activity\.csv\.$/)
  })

  it("a directory without customers.csv", async () => {
    expect(await refused(exportDir({ "sites.csv": "site_id\n" }))).toMatch(/holds no customers\.csv, which a night needs; add the customer export\.$/)
  })

  it("a path that is not there, or not a directory", async () => {
    expect(await refused("/nonexistent/exports")).toBe("orce-sync: The export directory /nonexistent/exports does not exist; check the path.")
    expect(await refused(tempFile("x\n"))).toMatch(/is not a directory; name the directory that holds the night's exports\.$/)
  })
})
