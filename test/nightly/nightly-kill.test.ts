import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { Effect, Redacted } from "effect"
import pg from "pg"
import { sql } from "kysely"
import { nightExports } from "../../data/datasets/nightly-exports.ts"
import { Database, layerPglite, layerPostgres } from "../../src/db/database.ts"
import { type Exited, isolatedDirs, waitFor, whenExited } from "../support/cli-run.ts"
import { postgresUrl } from "../support/databases.ts"
import { runCli, spawnCli } from "../support/run-cli.ts"
import { exportDir } from "./night-files.ts"

/**
 * REL-1, REL-2: the nightly run as a real child process against the in-process mock ORCE (its state kept in a
 * file, saved with each chunk), killed with SIGKILL inside each stage — load, dedupe, merge, sync — or stopped
 * with SIGTERM, then `orce-sync resume`d: it ends with the same staging data and the same ORCE as a night that
 * was never interrupted. The kill lands by the run's own log: after a chosen chunk of a chosen step committed.
 */

const exports = exportDir(nightExports(150, 16))
const settings = {
  ORCE_SYNC_LOG_LEVEL: "debug",
  ORCE_SYNC_L37: "INTERACT",
  ORCE_SYNC_LOAD_CHUNK_SIZE: "10",
  ORCE_SYNC_CHUNK_SIZE: "10",
  ORCE_SYNC_MERGE_COMMIT_SIZE: "2"
}
const testTimeout = 300_000

/** The staging tables a night changes, without run IDs or times, which differ between any two runs. */
const stagingState = (database: string | { readonly url: string }) =>
  Effect.runPromise(Effect.gen(function*() {
    const { query } = yield* Database
    const rows = (text: string) => query(text, (db) => sql.raw<Record<string, unknown>>(text).execute(db).then((result) => result.rows))
    return {
      customers: yield* rows("SELECT customer_number, street, status, sync_flag, relate_id FROM customers ORDER BY 1"),
      profiles: yield* rows("SELECT customer_number, profile_description, value FROM customer_profiles ORDER BY 1, 2"),
      sites: yield* rows("SELECT site_id::text, customer_number, status FROM sites ORDER BY 1"),
      uses: yield* rows("SELECT site_use_id::text, customer_number, status FROM site_uses ORDER BY 1"),
      activity: yield* rows("SELECT activity_id::text, customer_number, site_use_id::text FROM activity ORDER BY 1"),
      requests: yield* rows("SELECT from_customer, to_customer, process_flag, error_message FROM merge_requests ORDER BY 1, 2"),
      lines: yield* rows("SELECT r.old_customer, r.new_customer, r.site_use, r.status FROM merge_results r ORDER BY 1, 2, 3"),
      clusters: yield* rows("SELECT customer_number FROM dedupe_cluster_members ORDER BY 1"),
      runs: yield* rows("SELECT pipeline, status FROM runs ORDER BY started_at")
    }
  }).pipe(
    Effect.provide(typeof database === "string" ? layerPglite(database) : layerPostgres(Redacted.make(database.url))),
    Effect.scoped
  ))

/** ORCE as the mock's saved state has it, apart from what depends on the clock. */
const orceState = (dataDir: string) => {
  const snapshot = JSON.parse(readFileSync(join(dataDir, "mock-orce.json"), "utf8")) as { customers: Array<Record<string, unknown>> }
  return snapshot.customers.map(({ createDate: _c, updateDate: _u, ...customer }) => customer)
}

/** The log says chunk `chunk` of `step` committed, or with no chunk that `step` started. */
const reached = (logFile: string, step: string, chunk: number | undefined) =>
  existsSync(logFile) && readFileSync(logFile, "utf8").split("\n").some((line) =>
    line.includes(`"step":"${step}"`) &&
    (chunk === undefined ? line.includes(`"msg":"step started"`) : line.includes(`"msg":"chunk committed"`) && line.includes(`"chunk":${chunk},`)))

interface Dialect {
  readonly name: string
  /** The staging database of one night: PGlite in its data directory, or a fresh PostgreSQL database. */
  readonly database: (dataDir: string) => Promise<{ readonly env: Record<string, string>; readonly read: string | { readonly url: string } }>
}

const admin = postgresUrl === undefined ? undefined : new pg.Client({ connectionString: postgresUrl })
const databases: Array<string> = []

const dialects: ReadonlyArray<Dialect & { readonly skip: string | undefined }> = [
  { name: "pglite", skip: undefined, database: async (dataDir) => ({ env: {}, read: dataDir }) },
  {
    name: "postgres",
    skip: postgresUrl === undefined ? "set ORCE_SYNC_TEST_DATABASE_URL to a PostgreSQL server" : undefined,
    database: async () => {
      const name = `nightly_kill_${process.pid}_${databases.length}`
      await admin!.query(`DROP DATABASE IF EXISTS ${name}`)
      await admin!.query(`CREATE DATABASE ${name}`)
      databases.push(name)
      const url = new URL(postgresUrl!)
      url.pathname = `/${name}`
      return { env: { ORCE_SYNC_DATABASE_URL: url.toString() }, read: { url: url.toString() } }
    }
  }
]

beforeAll(async () => {
  await admin?.connect()
})
afterAll(async () => {
  for (const name of databases) await admin!.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin?.end()
})

const night = async (dialect: Dialect) => {
  const dirs = isolatedDirs()
  const database = await dialect.database(dirs.dataDir)
  return { dirs, database, env: { ...dirs.env, ...settings, ...database.env } }
}

/** The state a night ends in: staging, and ORCE. */
const endState = async (run: Awaited<ReturnType<typeof night>>) => ({
  staging: await stagingState(run.database.read),
  orce: orceState(run.dirs.dataDir)
})

/** The run's ID, as it says on standard error when it starts. */
const runIdOf = (stderr: string) => /Run (nightly-[\w-]+) started/.exec(stderr)?.[1]

/** Which step the ledger says the run was in: the last step it started, unfinished. */
const stoppedIn = (run: Awaited<ReturnType<typeof night>>, runId: string) =>
  Effect.runPromise(Effect.gen(function*() {
    const { query } = yield* Database
    return yield* query("stopped in", (db) =>
      db.selectFrom("stepExecutions").select(["step", "status"]).where("runId", "=", runId).orderBy("position", "desc").limit(1).executeTakeFirst())
  }).pipe(
    Effect.provide(typeof run.database.read === "string" ? layerPglite(run.database.read) : layerPostgres(Redacted.make(run.database.read.url))),
    Effect.scoped
  ))

const points = [
  { stage: "load", step: "load-customers", chunk: 2, signal: "SIGKILL" },
  { stage: "dedupe", step: "dedupe", chunk: undefined, signal: "SIGKILL" },
  { stage: "merge", step: "merge", chunk: 2, signal: "SIGKILL" },
  { stage: "sync", step: "sync", chunk: 2, signal: "SIGKILL" },
  { stage: "sync", step: "sync", chunk: 2, signal: "SIGTERM" }
] as const

for (const dialect of dialects) {
  describe.skipIf(dialect.skip !== undefined)(`nightly run interrupted, then resumed [${dialect.name}]${dialect.skip === undefined ? "" : ` (skipped: ${dialect.skip})`}`, () => {
    let baseline: Awaited<ReturnType<typeof endState>>

    beforeAll(async () => {
      const run = await night(dialect)
      const result = await runCli(["nightly", exports], run.env)
      expect(result.code, result.stderr).toBe(0)
      baseline = await endState(run)
      expect(baseline.staging.requests.length).toBeGreaterThan(0)
      expect(baseline.staging.requests.every((request) => request.processFlag === "COMPLETED")).toBe(true)
    }, testTimeout)

    for (const point of points) {
      it(`REL-1 REL-2 a night stopped with ${point.signal} in its ${point.stage} stage resumes to the same staging data and ORCE as an uninterrupted night`, async () => {
        const run = await night(dialect)
        const child = spawnCli(["nightly", exports], run.env)
        const exited = whenExited(child)
        let ended: Exited | undefined
        void exited.then((exit) => (ended = exit))
        await waitFor(`${point.step} to reach chunk ${point.chunk ?? "0"}`, () => {
          if (ended !== undefined) throw new Error(`The night ended (exit ${ended.code}) before the kill:\n${ended.stderr}`)
          return reached(run.dirs.logFile, point.step, point.chunk)
        }, 120_000)
        child.kill(point.signal)
        const exit = await exited
        if (point.signal === "SIGKILL") expect(exit.signal).toBe("SIGKILL")
        else expect(exit.code).toBe(130)
        const runId = runIdOf(exit.stderr)
        expect(runId, exit.stderr).toBeDefined()
        const stopped = await stoppedIn(run, runId!)
        // The stop landed in the stage named: its step is the last one started and did not complete.
        expect(stopped?.step === point.stage || stopped?.step.startsWith(`${point.stage}-`), JSON.stringify(stopped)).toBe(true)
        expect(stopped?.status).not.toBe("completed")

        const resumed = await runCli(["resume", runId!], run.env)
        expect(resumed.code, resumed.stderr).toBe(0)
        expect(resumed.stdout).toContain(`Run ${runId} (nightly)`)
        expect(await endState(run)).toEqual(baseline)
      }, testTimeout)
    }
  })
}
