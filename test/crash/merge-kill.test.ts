import { afterAll, beforeAll, describe, expect, it } from "vitest"
import pg from "pg"
import { isolatedDirs, whenExited } from "../support/cli-run.ts"
import { cleanRow, customersCsv } from "../support/customers-csv.ts"
import { postgresUrl } from "../support/databases.ts"
import { tempFile } from "../support/files.ts"
import { runCli, spawnCli } from "../support/run-cli.ts"

/**
 * MRG-9: a merge batch as a real child process, killed with SIGKILL while a merge set is open, then a new batch
 * started: it puts the dead batch's requests back by itself and ends with the same database as a batch that
 * was never interrupted. On PostgreSQL, where the test can watch the child's transactions from outside and
 * land the kill inside one; PGlite's database belongs to the one process that opened it.
 */

const survivors = 40
const duplicates = 400
const fromNumbers = Array.from({ length: duplicates }, (_, index) => 2001 + index)
const customers = tempFile(customersCsv([
  ...Array.from({ length: survivors }, (_, index) => cleanRow(1001 + index)),
  ...fromNumbers.map((number) => cleanRow(number))
]))
const allNumbers = [...Array.from({ length: survivors }, (_, index) => 1001 + index), ...fromNumbers]
const sites = tempFile(["site_id,customer_number,operating_unit,street,city,state,postal_code,country",
  ...allNumbers.map((number) => `${number},${number},OU1,${number} MAIN ST,SPRINGFIELD,IL,62701,US`)].join("\n") + "\n")
const uses = tempFile(["site_use_id,site_id,use_type,location,primary",
  ...allNumbers.flatMap((number) => [`${number * 10},${number},BILL_TO,B${number},Y`, `${number * 10 + 1},${number},SHIP_TO,S${number},N`])].join("\n") + "\n")
const activity = tempFile(["activity_id,kind,site_use_id,document,amount",
  ...fromNumbers.flatMap((number) => Array.from({ length: 25 }, (_, index) => `${number * 100 + index},invoice,${number * 10 + (index % 2)},D${index},1.00`))].join("\n") + "\n")
const requests = tempFile(["from_customer,to_customer,reason,priority",
  ...fromNumbers.map((number, index) => `${number},${1001 + (index % survivors)},De-duplication,P${1 + (index % 3)}`)].join("\n") + "\n")

const databases: Array<string> = []
let admin: pg.Client

const freshDatabase = async () => {
  const name = `merge_crash_${process.pid}_${databases.length}`
  await admin.query(`DROP DATABASE IF EXISTS ${name}`)
  await admin.query(`CREATE DATABASE ${name}`)
  databases.push(name)
  const url = new URL(postgresUrl!)
  url.pathname = `/${name}`
  return url.toString()
}

const prepare = async () => {
  const url = await freshDatabase()
  const env = { ...isolatedDirs().env, ORCE_SYNC_DATABASE_URL: url, ORCE_SYNC_MOCK_ORCE_STATE: "-", ORCE_SYNC_MERGE_COMMIT_SIZE: "25" }
  const loaded = await runCli(["load", customers, "--sites", sites, "--site-uses", uses, "--activity", activity], env)
  expect(loaded.code, loaded.stderr).toBe(0)
  const submitted = await runCli(["merge", "submit", requests], env)
  expect(submitted.stdout).toContain(`${duplicates} SAVED, 0 REJECTED`)
  return { url, env }
}

const query = async <A extends Record<string, unknown>>(url: string, text: string) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<A>(text)).rows
  } finally {
    await client.end()
  }
}

/** The business tables as the merges leave them; no run IDs or times, which differ between any two batches. */
const mergedState = async (url: string) => ({
  customers: await query(url, "SELECT customer_number, status, sync_flag FROM customers ORDER BY 1"),
  sites: await query(url, "SELECT site_id::text, customer_number, status FROM sites ORDER BY 1"),
  uses: await query(url, "SELECT site_use_id::text, customer_number, status FROM site_uses ORDER BY 1"),
  activity: await query(url, "SELECT activity_id::text, customer_number, site_use_id::text FROM activity ORDER BY 1"),
  requests: await query(url, "SELECT id, process_flag, error_message FROM merge_requests ORDER BY 1"),
  lines: await query(url, "SELECT request_id, line, old_customer, new_customer, site_use, status FROM merge_results ORDER BY 1, 2")
})

describe.skipIf(postgresUrl === undefined)("merge batch killed mid-set [postgres]", () => {
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: postgresUrl })
    await admin.connect()
  })
  afterAll(async () => {
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  })

  it("MRG-9 a batch killed with -9 inside a merge set loses only that set; the next batch puts its requests back and ends as an uninterrupted one", async () => {
    const baseline = await prepare()
    const uninterrupted = await runCli(["merge", "run"], baseline.env)
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0)
    const expected = await mergedState(baseline.url)
    expect(expected.requests.every((row) => row.process_flag === "COMPLETED")).toBe(true)

    const crashed = await prepare()
    const child = spawnCli(["merge", "run"], crashed.env)
    const exited = whenExited(child)
    // Killed once a set has committed and the next one is open: its requests IN_PROGRESS, its transaction begun.
    const watcher = new pg.Client({ connectionString: crashed.url })
    await watcher.connect()
    const deadline = Date.now() + 120_000
    while (Date.now() < deadline) {
      const [state] = (await watcher.query<{ sets: string; open: string; inTransaction: string }>(`
        SELECT (SELECT count(*) FROM merge_sets)::text AS sets,
          (SELECT count(*) FROM merge_requests WHERE process_flag = 'IN_PROGRESS')::text AS open,
          (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND backend_type = 'client backend' AND xact_start IS NOT NULL)::text AS "inTransaction"`)).rows
      if (Number(state!.sets) >= 2 && Number(state!.open) > 0 && Number(state!.inTransaction) > 0) break
      if (child.exitCode !== null) break
    }
    child.kill("SIGKILL")
    const killed = await exited
    await watcher.end()
    expect(killed.signal).toBe("SIGKILL")
    const [atKill] = await query<{ completed: string; open: string; committed: string }>(crashed.url, `
      SELECT (SELECT count(*) FROM merge_requests WHERE process_flag = 'COMPLETED')::text AS completed,
        (SELECT count(*) FROM merge_requests WHERE process_flag = 'IN_PROGRESS')::text AS open,
        (SELECT coalesce(sum(requests), 0) FROM merge_sets)::text AS committed`)
    // The open set was rolled back: only committed sets' requests are COMPLETED, the open set stays IN_PROGRESS.
    expect(Number(atKill!.open)).toBeGreaterThan(0)
    expect(atKill!.completed).toBe(atKill!.committed)
    expect(Number(atKill!.completed)).toBeLessThan(duplicates)

    const again = await runCli(["merge", "run"], crashed.env)
    expect(again.code, again.stderr).toBe(0)
    expect(await mergedState(crashed.url)).toEqual(expected)
  }, 300_000)
})
