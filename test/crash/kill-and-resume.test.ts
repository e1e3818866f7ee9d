import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { existsSync, readFileSync } from "node:fs"
import pg from "pg"
import type { OrceCustomer } from "../../src/domain/orce-customer.ts"
import type { OrceSnapshot } from "../../mock-orce/snapshot.ts"
import type { TrafficEntry } from "../../mock-orce/traffic.ts"
import { type Exited, isolatedDirs, readOutcomesCsv, readReportJson, waitFor, onlyStartedOrResumed, whenExited } from "../support/cli-run.ts"
import { cleanRow, customersCsv } from "../support/customers-csv.ts"
import { postgresUrl } from "../support/databases.ts"
import { tempFile } from "../support/files.ts"
import { runCli, spawnCli } from "../support/run-cli.ts"
import { readStaging, type StagingSnapshot } from "../support/staging-snapshot.ts"
import { type HoldRule, type StandaloneOrce, startStandaloneOrce } from "../support/standalone-orce.ts"

/**
 * REL-1, REL-2, SYNC-12: the initial export as a real child process against the standalone mock ORCE (in
 * this process, so ORCE's state outlives the killed run), killed at chosen points, then resumed. The mock
 * holds requests at the point a test names, so the kill lands exactly there, not where timing puts it.
 */

const chunkSize = 10
const customerNumbers = Array.from({ length: 45 }, (_, i) => 1001 + i)
/** Distinct emails, so which ORCE customer each one ends with does not depend on request order; some with
 * no email (always created, SYNC-6) and some with an e-commerce ID (addressed by alt key, SYNC-3). */
const rows = customerNumbers.map((n) =>
  cleanRow(n, {
    ...(n % 7 === 0 ? { email: "" } : {}),
    ...(n % 11 === 0 ? { ecommerce_id: `WEB${n}` } : {})
  })
)
const csv = tempFile(customersCsv(rows))
const testTimeout = 180_000

const oromsKeys = (customer: OrceCustomer) =>
  (customer.alternateKeys ?? []).filter((key) => key.type === "OROMS_ID").map((key) => key.value)

/** An ORCE customer apart from what depends on the clock. */
const content = (customer: OrceCustomer | undefined) => {
  if (customer === undefined) return undefined
  const { createDate: _created, updateDate: _updated, ...rest } = customer
  return rest
}

/**
 * The final state of a run, comparable between runs: each staged customer's flag, e-commerce ID and Relate ID
 * with the ORCE customer it names (the mock's IDs follow from the seed and the request, MOCK-2, so a killed and
 * resumed run ends with the same IDs as an uninterrupted one), and how many customers ORCE holds.
 */
const finalState = (staging: StagingSnapshot, orce: OrceSnapshot) => {
  const byId = new Map(orce.customers.map((customer) => [customer.customerId, customer]))
  return {
    customers: staging.customers.map((customer) => ({
      customerNumber: customer.customerNumber,
      syncFlag: customer.syncFlag,
      ecommerceId: customer.ecommerceId,
      relateId: customer.relateId,
      orce: content(byId.get(customer.relateId))
    })),
    orceCustomers: orce.customers.length
  }
}

/** No OACS customer has two ORCE customers, and each Relate ID names the ORCE customer holding its number. */
const expectOneOrceCustomerEach = (staging: StagingSnapshot, orce: OrceSnapshot) => {
  const holders = new Map<string, Array<string>>()
  for (const customer of orce.customers) {
    for (const key of oromsKeys(customer)) holders.set(key, [...(holders.get(key) ?? []), customer.customerId])
  }
  for (const customer of staging.customers) {
    expect(holders.get(String(customer.customerNumber)), `ORCE customers of ${customer.customerNumber}`).toEqual([customer.relateId])
  }
  expect(orce.customers).toHaveLength(customerNumbers.length)
}

/** SYNC-12: for every customer addressed only by its OROMS key, ORCE got exactly one add-or-update without a customer ID. */
const createsPerCustomer = (journal: ReadonlyArray<TrafficEntry>) => {
  const creates = new Map<string, number>()
  for (const entry of journal) {
    if (entry.operation !== "addOrUpdateCustomer" || entry.status !== 200) continue
    const message = (entry.requestBody as { customer: { customerId?: string; alternateKeys: Array<{ type: string; value: string }> } })
      .customer
    if (message.customerId !== undefined || message.alternateKeys.some((key) => key.type === "WEB_ID")) continue
    for (const key of message.alternateKeys.filter((key) => key.type === "OROMS_ID")) {
      creates.set(key.value, (creates.get(key.value) ?? 0) + 1)
    }
  }
  return creates
}
const addressedByOromsKeyOnly = customerNumbers.filter((n) => n % 11 !== 0).map(String)

const addOrUpdatesAnswered = (orce: StandaloneOrce) =>
  orce.journal().filter((entry) => entry.operation === "addOrUpdateCustomer" && entry.status === 200).length

/** Customer numbers of the add-or-updates ORCE applied after the first chunk's, in number order. */
const appliedAfterChunk1 = (journal: ReadonlyArray<TrafficEntry>) =>
  journal
    .filter((entry) => entry.operation === "addOrUpdateCustomer" && entry.status === 200)
    .slice(chunkSize)
    .map((entry) =>
      Number((entry.requestBody as { customer: { alternateKeys: Array<{ type: string; value: string }> } }).customer
        .alternateKeys.find((key) => key.type === "OROMS_ID")!.value)
    )
    .sort((a, b) => a - b)

/** The customers a run updated rather than created: those ORCE already had. */
const updatedIn = (outcomes: ReadonlyArray<{ customerNumber: number; outcome: string }>) => {
  expect(outcomes.filter((outcome) => outcome.outcome !== "created" && outcome.outcome !== "updated")).toEqual([])
  return outcomes.filter((outcome) => outcome.outcome === "updated").map((outcome) => outcome.customerNumber)
}

const exportArgs = (orce: StandaloneOrce) => ["export", csv, "--orce-url", orce.url, "--chunk-size", String(chunkSize)]

/** The run of an export, as the ledger has it: there is exactly one. */
const onlyRun = (staging: StagingSnapshot) => {
  expect(staging.runs).toHaveLength(1)
  return staging.runs[0]!
}

let baseline: ReturnType<typeof finalState>
/** Each customer's outcome and match in the uninterrupted run: a resumed run must report the same. */
let baselineOutcomes: ReadonlyArray<readonly [number, string, string]>
const outcomeRows = (outcomes: StagingSnapshot["outcomes"]) =>
  outcomes.map((outcome) => [outcome.customerNumber, outcome.outcome, outcome.match] as const)
const started: Array<StandaloneOrce> = []
const standalone = async () => {
  const orce = await startStandaloneOrce()
  started.push(orce)
  return orce
}

beforeAll(async () => {
  const orce = await standalone()
  const dirs = isolatedDirs()
  const result = await runCli(exportArgs(orce), dirs.env)
  expect(result.stderr).toMatch(onlyStartedOrResumed)
  expect(result.code).toBe(0)
  const staging = await readStaging(dirs.dataDir)
  expectOneOrceCustomerEach(staging, orce.state())
  baseline = finalState(staging, orce.state())
  baselineOutcomes = outcomeRows(staging.outcomes)
  expect(baseline.customers.every((customer) => customer.syncFlag === "N" && customer.orce !== undefined)).toBe(true)
}, testTimeout)

afterAll(async () => {
  await Promise.all(started.map((orce) => orce.close()))
})

/** Waits until ORCE holds the run at the chosen point; fails at once, with its output, if the run ends first. */
const untilHeld = async (exited: Promise<Exited>, condition: () => boolean) => {
  let ended: Exited | undefined
  void exited.then((exit) => (ended = exit))
  await waitFor("ORCE to hold a request of the run", () => {
    if (ended !== undefined) throw new Error(`The run ended (exit ${ended.code}) before ORCE held it:\n${ended.stdout}\n${ended.stderr}`)
    return condition()
  })
}

/**
 * Starts the export with ORCE holding requests by `rule`, waits until the mock holds one (and for `ready`),
 * then sends `signal`. Answers the dead run's staging data, its exit and where ORCE stood.
 */
const interruptExport = async (
  rule: HoldRule,
  signal: NodeJS.Signals,
  ready: (orce: StandaloneOrce, logFile: string) => boolean = () => true
) => {
  const orce = await standalone()
  const dirs = isolatedDirs()
  orce.hold(rule)
  const child = spawnCli(exportArgs(orce), { ...dirs.env, ORCE_SYNC_LOG_LEVEL: "debug" })
  const exited = whenExited(child)
  await untilHeld(exited, () => orce.held() > 0 && ready(orce, dirs.logFile))
  child.kill(signal)
  const exit = await exited
  // What the dead run left in flight never reaches ORCE (or its answer never reaches the run).
  orce.release()
  return { orce, dirs, exit, staging: await readStaging(dirs.dataDir), journal: [...orce.journal()] }
}

/**
 * The run's log says chunk `chunk` is committed. A chunk commits while ORCE works on the next one, so a
 * test that kills the run at a request of the next chunk first waits for this (batch/chunk-step.ts).
 */
const committed = (chunk: number) => (_orce: StandaloneOrce, logFile: string) =>
  existsSync(logFile) &&
  readFileSync(logFile, "utf8").split("\n").some((line) =>
    line.includes(`"msg":"chunk committed"`) && line.includes(`"step":"sync"`) && line.includes(`"chunk":${chunk},`)
  )

/** Resumes the run and checks the final state against the uninterrupted run's. */
const resumeAndCompare = async (
  orce: StandaloneOrce,
  dirs: ReturnType<typeof isolatedDirs>,
  runId: string,
  database: { readonly url: string } | undefined = undefined
) => {
  const env = database === undefined ? dirs.env : { ...dirs.env, ORCE_SYNC_DATABASE_URL: database.url }
  const resumed = await runCli(["resume", runId, "--orce-url", orce.url, "--chunk-size", String(chunkSize)], env)
  expect(resumed.stderr).toMatch(onlyStartedOrResumed)
  expect(resumed.code).toBe(0)
  const staging = await readStaging(database ?? dirs.dataDir)
  const state = orce.state()

  expect(onlyRun(staging)).toMatchObject({ runId, status: "completed" })
  expect(finalState(staging, state)).toEqual(baseline)
  expectOneOrceCustomerEach(staging, state)
  const creates = createsPerCustomer(orce.journal())
  expect(addressedByOromsKeyOnly.filter((key) => creates.get(key) !== 1)).toEqual([])

  // Every customer has exactly one final outcome in the run, a success, and the report lists each once.
  const outcomes = staging.outcomes.filter((outcome) => outcome.runId === runId)
  expect(outcomes.map((outcome) => outcome.customerNumber)).toEqual(customerNumbers)
  // What the killed attempt created, the resumed run reports as created: the same report as without the kill.
  expect(outcomeRows(outcomes)).toEqual(baselineOutcomes)
  expect(outcomes.filter((outcome) => !["created", "updated"].includes(outcome.outcome))).toEqual([])
  expect(readOutcomesCsv(dirs.reportsDir, runId).map((row) => Number(row.customer_number))).toEqual(customerNumbers)
  const created = outcomes.filter((outcome) => outcome.outcome === "created").length
  expect(readReportJson(dirs.reportsDir, runId)).toMatchObject({
    runId,
    status: "completed",
    partial: false,
    counts: { created, updated: customerNumbers.length - created, deferred: 0, failed: 0, total: customerNumbers.length }
  })
  return { staging, outcomes }
}

describe("initial export killed with SIGKILL, then resumed (REL-1, SYNC-12)", () => {
  it("REL-1 a run killed before any ORCE request resumes to the same final state as an uninterrupted run", async () => {
    const { orce, dirs, exit, staging, journal } = await interruptExport({ kind: "any", from: 1, apply: false }, "SIGKILL")
    expect(exit.signal).toBe("SIGKILL")
    // The kill landed after the load and the flagging, before ORCE applied anything.
    expect(journal).toEqual([])
    const run = onlyRun(staging)
    expect(run).toMatchObject({ pipeline: "initial-export", status: "running", checkpoint: { step: "sync", chunk: 0 } })
    expect(staging.customers.every((customer) => customer.syncFlag === "Y" && customer.relateId === "")).toBe(true)

    const { outcomes } = await resumeAndCompare(orce, dirs, run.runId)
    expect(updatedIn(outcomes)).toEqual([])
  }, testTimeout)

  it("REL-1 SYNC-12 a run killed mid-chunk (some of the chunk's requests answered) resumes without creating anyone twice", async () => {
    const { orce, dirs, exit, staging, journal } = await interruptExport(
      { kind: "add-or-update", from: chunkSize + 5, apply: false },
      "SIGKILL",
      committed(1)
    )
    expect(exit.signal).toBe("SIGKILL")
    // Chunk 1 committed; ORCE applied 4 of chunk 2's customers, which staging knows nothing of.
    const run = onlyRun(staging)
    expect(run.checkpoint).toMatchObject({ step: "sync", chunk: 1, lastCustomerNumber: 1010 })
    expect(journal.filter((entry) => entry.operation === "addOrUpdateCustomer" && entry.status === 200)).toHaveLength(chunkSize + 4)
    expect(staging.outcomes.map((outcome) => outcome.customerNumber)).toEqual(customerNumbers.slice(0, chunkSize))
    expect(staging.customers.filter((customer) => customer.syncFlag === "Y")).toHaveLength(customerNumbers.length - chunkSize)

    const { outcomes } = await resumeAndCompare(orce, dirs, run.runId)
    // The 4 customers ORCE already had were found again by their OROMS alt key (SYNC-12), not created again, and
    // are reported as the creates they were (resumeAndCompare checks one create each in ORCE's traffic).
    expect(appliedAfterChunk1(journal)).toHaveLength(4)
    expect(updatedIn(outcomes)).toEqual([])
  }, testTimeout)

  it("REL-1 SYNC-12 a run killed after ORCE applied a whole chunk, before the run had its last answer and wrote it back, resumes to the same final state", async () => {
    const wholeChunks = 2 * chunkSize
    // ORCE applies chunk 2's last customer and holds the answer: the run cannot write chunk 2 back.
    const { orce, dirs, exit, staging } = await interruptExport(
      { kind: "add-or-update", from: wholeChunks, apply: true },
      "SIGKILL",
      (orce, logFile) => addOrUpdatesAnswered(orce) === wholeChunks && committed(1)(orce, logFile)
    )
    expect(exit.signal).toBe("SIGKILL")
    // The checkpoint is still chunk 1 and chunk 2 is unsynchronized in staging, though ORCE has all of it.
    const run = onlyRun(staging)
    expect(run.checkpoint).toMatchObject({ step: "sync", chunk: 1, lastCustomerNumber: 1010 })
    const chunk2 = staging.customers.filter((customer) => customer.customerNumber > 1010 && customer.customerNumber <= 1020)
    expect(chunk2.every((customer) => customer.syncFlag === "Y" && customer.relateId === "")).toBe(true)

    const { outcomes } = await resumeAndCompare(orce, dirs, run.runId)
    // Chunk 2's customers were found again (SYNC-12), not created twice, and reported as the creates they were.
    expect(updatedIn(outcomes)).toEqual([])
  }, testTimeout)

  it("REL-1 a resumed run killed again mid-chunk still ends in the same final state", async () => {
    const { orce, dirs, staging } = await interruptExport({ kind: "add-or-update", from: chunkSize + 3, apply: false }, "SIGKILL")
    const runId = onlyRun(staging).runId
    orce.hold({ kind: "add-or-update", from: chunkSize + 2, apply: true })
    const child = spawnCli(["resume", runId, "--orce-url", orce.url, "--chunk-size", String(chunkSize)], dirs.env)
    const exited = whenExited(child)
    await untilHeld(exited, () => orce.held() > 0)
    child.kill("SIGKILL")
    expect((await exited).signal).toBe("SIGKILL")
    orce.release()
    expect(onlyRun(await readStaging(dirs.dataDir)).status).toBe("running")

    await resumeAndCompare(orce, dirs, runId)
  }, testTimeout)
})

describe("initial export stopped with SIGTERM (REL-2)", () => {
  it("REL-2 SIGTERM mid-chunk: exit 130, the run interrupted in the ledger, the chunk in flight rolled back, a partial report; resume completes it", async () => {
    const { orce, dirs, exit, staging, journal } = await interruptExport(
      { kind: "add-or-update", from: chunkSize + 5, apply: false },
      "SIGTERM",
      committed(1)
    )
    expect(exit.signal).toBe(null)
    expect(exit.code).toBe(130)
    const run = onlyRun(staging)
    expect(run).toMatchObject({ status: "interrupted", checkpoint: { step: "sync", chunk: 1, lastCustomerNumber: 1010 } })
    // Nothing of chunk 2 was written back: no outcomes, flags still Y, no Relate IDs.
    expect(staging.outcomes.map((outcome) => outcome.customerNumber)).toEqual(customerNumbers.slice(0, chunkSize))
    const chunk2 = staging.customers.filter((customer) => customer.customerNumber > 1010 && customer.customerNumber <= 1020)
    expect(chunk2.every((customer) => customer.syncFlag === "Y" && customer.relateId === "")).toBe(true)
    expect(readReportJson(dirs.reportsDir, run.runId)).toMatchObject({ status: "interrupted", partial: true })
    expect(exit.stderr).toContain(`Partial report of run ${run.runId}`)

    const { outcomes } = await resumeAndCompare(orce, dirs, run.runId)
    // What ORCE had applied of the rolled-back chunk is found again, not created twice, and reported as created.
    expect(appliedAfterChunk1(journal).length).toBeGreaterThan(0)
    expect(updatedIn(outcomes)).toEqual([])
  }, testTimeout)
})

/** A database of its own on the test server, for a CLI run that connects with DATABASE_URL. */
const freshDatabase = async (serverUrl: string) => {
  const name = `crash_${process.pid}_${Date.now().toString(36)}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => client.end())
    }
  }
}

describe.skipIf(postgresUrl === undefined)("initial export on PostgreSQL killed inside its write-back (REL-1)", () => {
  it("REL-1 SYNC-12 a run killed after it received every ORCE answer of a chunk, its write-back not yet committed, resumes to the same final state", async () => {
    const database = await freshDatabase(postgresUrl!)
    const locker = new pg.Client({ connectionString: database.url })
    try {
      const orce = await standalone()
      const dirs = isolatedDirs()
      const wholeChunks = 2 * chunkSize
      orce.hold({ kind: "add-or-update", from: wholeChunks, apply: true })
      const child = spawnCli(exportArgs(orce), { ...dirs.env, ORCE_SYNC_DATABASE_URL: database.url })
      const exited = whenExited(child)
      await untilHeld(exited, () => orce.held() > 0 && addOrUpdatesAnswered(orce) === wholeChunks)
      // Chunk 2's write-back will wait for this lock: the run gets its last answer, then blocks before commit.
      await locker.connect()
      await locker.query("BEGIN")
      await locker.query("LOCK TABLE sync_outcomes IN ACCESS EXCLUSIVE MODE")
      orce.release()
      const waitingForLock = async () =>
        (await locker.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )).rows[0].n > 0
      for (const deadline = Date.now() + 60_000; !(await waitingForLock());) {
        if (Date.now() > deadline) throw new Error("Timed out waiting for the write-back to wait for its lock")
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      // Meanwhile ORCE goes on with chunk 3, then the run waits for chunk 2's commit before it goes further.
      await untilHeld(exited, () => addOrUpdatesAnswered(orce) === wholeChunks + chunkSize)
      child.kill("SIGKILL")
      expect((await exited).signal).toBe("SIGKILL")
      await locker.query("ROLLBACK")

      const staging = await readStaging(database)
      const run = onlyRun(staging)
      expect(run.checkpoint).toMatchObject({ step: "sync", chunk: 1, lastCustomerNumber: 1010 })
      // Two chunks past the checkpoint had reached ORCE: the one committing and the next (chunksInFlight).
      expect(addOrUpdatesAnswered(orce)).toBe(wholeChunks + chunkSize)
      const chunk2 = staging.customers.filter((customer) => customer.customerNumber > 1010 && customer.customerNumber <= 1020)
      expect(chunk2.every((customer) => customer.syncFlag === "Y" && customer.relateId === "")).toBe(true)

      const { outcomes } = await resumeAndCompare(orce, dirs, run.runId, database)
      // Every customer ORCE applied past the checkpoint, chunk 2's and chunk 3's, is found again, not created
      // twice, and reported as the create it was.
      expect(updatedIn(outcomes)).toEqual([])
    } finally {
      await locker.end().catch(() => {})
      await database.drop()
    }
  }, testTimeout)
})
