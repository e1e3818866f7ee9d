import { afterEach, describe, expect, it } from "vitest"
import type { ChildProcess } from "node:child_process"
import type { OrceCustomer } from "../../src/domain/orce-customer.ts"
import type { OrceSnapshot } from "../../mock-orce/snapshot.ts"
import { type Exited, isolatedDirs, waitFor, onlyStartedOrResumed, whenExited } from "../support/cli-run.ts"
import { cleanRow, customersCsv } from "../support/customers-csv.ts"
import { tempFile, tempPath } from "../support/files.ts"
import { runCli, spawnCli } from "../support/run-cli.ts"
import { readStaging, type StagingSnapshot } from "../support/staging-snapshot.ts"
import { mockToken } from "../support/standalone-orce.ts"

/**
 * SYNC-8, SYNC-12, MOCK-4: the initial export against the standalone mock ORCE (`orce-sync mock-orce`) with
 * a fault plan of 20% 5xx and 5% timeouts, a low client timeout and one retry. One customer at a time, so
 * the seed decides which requests fail and the test is the same on every run.
 */

const customerNumbers = Array.from({ length: 40 }, (_, i) => 2001 + i)
const rows = customerNumbers.map((n) =>
  cleanRow(n, {
    ...(n % 7 === 0 ? { email: "" } : {}),
    ...(n % 9 === 0 ? { ecommerce_id: `WEB${n}` } : {})
  })
)
const ecommerceIdOf = (n: number) => (n % 9 === 0 ? `WEB${n}` : "")
const testTimeout = 180_000

interface MockProcess {
  readonly url: string
  readonly child: ChildProcess
  readonly exited: Promise<Exited>
}

const running: Array<MockProcess> = []
afterEach(() => {
  for (const mock of running.splice(0)) mock.child.kill("SIGKILL")
})

/** `orce-sync mock-orce --port 0` with the given flags, once it listens. */
const startMockProcess = async (args: ReadonlyArray<string>, env: Record<string, string>, port = 0): Promise<MockProcess> => {
  const child = spawnCli(["mock-orce", "--port", String(port), ...args], env)
  const exited = whenExited(child)
  let stdout = ""
  child.stdout.on("data", (chunk) => (stdout += chunk))
  let ended = false
  void exited.then(() => (ended = true))
  await waitFor("the mock ORCE to listen", () => {
    if (ended) throw new Error(`mock-orce ended early: ${stdout}`)
    return /listening on http:\/\/127\.0\.0\.1:\d+/.test(stdout)
  })
  const mock = { url: /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)![1]!, child, exited }
  running.push(mock)
  return mock
}

const orceState = async (url: string): Promise<OrceSnapshot> => {
  const response = await fetch(`${url}/__admin/state`, {
    headers: { authorization: `Bearer ${mockToken}` }
  })
  expect(response.status).toBe(200)
  return (await response.json()) as OrceSnapshot
}

/** OROMS alt key value → the ORCE customers holding it. */
const holdersByOromsKey = (state: OrceSnapshot) => {
  const holders = new Map<string, Array<string>>()
  for (const customer of state.customers as ReadonlyArray<OrceCustomer>) {
    for (const key of (customer.alternateKeys ?? []).filter((key) => key.type === "OROMS_ID")) {
      holders.set(key.value, [...(holders.get(key.value) ?? []), customer.customerId])
    }
  }
  return holders
}

const synchronized = (customer: StagingSnapshot["customers"][number]) =>
  customer.syncFlag === "N" && customer.ecommerceId === "" && customer.relateId !== ""

describe("ORCE faults during the initial export (SYNC-8)", () => {
  it("SYNC-8 SYNC-12 with 20% 5xx and 5% timeouts every customer ends synchronized or deferred, none duplicated; a sync without faults finishes the deferred", async () => {
    const dirs = isolatedDirs()
    const snapshot = tempPath("orce.json")
    const faults = tempFile(JSON.stringify({ seed: "sync-8-faults", errorRate: 0.2, timeoutRate: 0.05 }), ".json")
    const faulty = await startMockProcess(["--faults", faults, "--snapshot", snapshot], dirs.env)
    const exported = await runCli([
      "export",
      tempFile(customersCsv(rows)),
      "--orce-url",
      faulty.url,
      "--chunk-size",
      "10",
      "--concurrency",
      "1",
      "--set",
      "ORCE_TIMEOUT_MS=300",
      "--set",
      "ORCE_RETRIES=1"
    ], dirs.env)
    expect(exported.stderr).toMatch(onlyStartedOrResumed)
    expect(exported.code).toBe(0)

    const staging = await readStaging(dirs.dataDir)
    const runId = staging.runs[0]!.runId
    const outcomes = new Map(staging.outcomes.filter((o) => o.runId === runId).map((o) => [o.customerNumber, o]))
    const state = await orceState(faulty.url)
    const holders = holdersByOromsKey(state)
    const deferred = staging.customers.filter((customer) => !synchronized(customer))

    // The plan did hit customers, and not all of them.
    expect(deferred.length).toBeGreaterThan(0)
    expect(deferred.length).toBeLessThan(customerNumbers.length)
    for (const customer of staging.customers) {
      const outcome = outcomes.get(customer.customerNumber)
      if (synchronized(customer)) {
        expect(["created", "updated"]).toContain(outcome?.outcome)
        expect(holders.get(String(customer.customerNumber))).toEqual([customer.relateId])
      } else {
        // SYNC-8: flag stays Y, e-commerce ID kept, reported deferred with the error, nothing in ORCE twice.
        expect(customer).toMatchObject({ syncFlag: "Y", relateId: "", ecommerceId: ecommerceIdOf(customer.customerNumber) })
        expect(outcome?.outcome).toBe("deferred")
        expect((holders.get(String(customer.customerNumber)) ?? []).length).toBeLessThanOrEqual(1)
      }
    }
    expect([...holders.values()].filter((ids) => ids.length > 1)).toEqual([])

    // The same ORCE at the same address, now without faults (the mock saves its state on SIGTERM and starts
    // from it again): the staging database is bound to that ORCE.
    faulty.child.kill("SIGTERM")
    await faulty.exited
    const healthy = await startMockProcess(["--snapshot", snapshot], dirs.env, Number(new URL(faulty.url).port))
    const synced = await runCli(["sync", "--orce-url", healthy.url, "--chunk-size", "10"], dirs.env)
    expect(synced.stderr).toMatch(onlyStartedOrResumed)
    expect(synced.code).toBe(0)

    const after = await readStaging(dirs.dataDir)
    const syncRun = after.runs.find((run) => run.pipeline === "sync")!
    expect(syncRun.status).toBe("completed")
    expect(after.customers.filter((customer) => !synchronized(customer))).toEqual([])
    // The sync run took exactly the customers the export deferred, and synchronized each.
    const syncOutcomes = after.outcomes.filter((o) => o.runId === syncRun.runId)
    expect(syncOutcomes.map((o) => o.customerNumber)).toEqual(deferred.map((customer) => customer.customerNumber))
    expect(syncOutcomes.filter((o) => !["created", "updated"].includes(o.outcome))).toEqual([])
    // One ORCE customer per OACS customer, each the one its Relate ID names.
    const finalState = await orceState(healthy.url)
    const finalHolders = holdersByOromsKey(finalState)
    expect(finalState.customers).toHaveLength(customerNumbers.length)
    for (const customer of after.customers) {
      expect(finalHolders.get(String(customer.customerNumber))).toEqual([customer.relateId])
    }
    // Customers the export synchronized kept their Relate IDs.
    for (const customer of staging.customers.filter(synchronized)) {
      expect(after.customers.find((c) => c.customerNumber === customer.customerNumber)?.relateId).toBe(customer.relateId)
    }
  }, testTimeout)
})
