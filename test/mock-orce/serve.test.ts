import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Logger, Redacted } from "effect"
import { serveMockOrce, startMockOrce } from "../../mock-orce/serve.ts"
import { OrceClient } from "../../src/orce/client.ts"
import { customerServicesPath } from "../../src/orce/soap/schema.ts"
import { tempDir } from "../support/files.ts"
import { customerMessage } from "./fixtures.ts"

/** The standalone server as `orce-sync mock-orce` runs it: files in, files out, stop on interruption. */

const workDir = () => tempDir("mock-orce")
const token = "serve-token"

const clientFor = (url: string) =>
  OrceClient.layerSoap({
    endpointUrl: url + customerServicesPath,
    credentials: { kind: "bearer", token: Redacted.make(token) },
    securityUserId: "QA",
    policy: { timeoutMs: 2_000, retries: 0, concurrency: 2 }
  })

const addOne = (url: string, n: number) =>
  Effect.gen(function*() {
    return yield* (yield* OrceClient).addOrUpdateCustomer(customerMessage(n))
  }).pipe(Effect.provide(clientFor(url)))

describe("standalone mock ORCE", () => {
  it.live("MOCK-2 stopping saves the state to the snapshot, and the next start continues from it", () =>
    Effect.gen(function*() {
      const snapshot = join(workDir(), "state.json")
      const first = yield* Effect.scoped(Effect.flatMap(startMockOrce({ port: 0, token, snapshot }), ({ server }) => addOne(server.url, 1)))
      const saved = JSON.parse(readFileSync(snapshot, "utf8")) as { customers: Array<{ customerId: string }> }
      assert.deepStrictEqual(saved.customers.map((customer) => customer.customerId), [first.customerId])
      const second = yield* Effect.scoped(Effect.flatMap(startMockOrce({ port: 0, token, snapshot }), ({ server }) => addOne(server.url, 2)))
      const resaved = JSON.parse(readFileSync(snapshot, "utf8")) as { customers: Array<{ customerId: string }> }
      assert.deepStrictEqual(resaved.customers.map((customer) => customer.customerId).sort(), [first.customerId, second.customerId].sort())
    }))

  it.live("MOCK-2 serveMockOrce runs until interrupted and saves the snapshot on interruption (one saved when IDs were counted, too)", () =>
    Effect.gen(function*() {
      const dir = workDir()
      const snapshot = join(dir, "in.json")
      const saveSnapshot = join(dir, "out.json")
      writeFileSync(snapshot, JSON.stringify({
        format: "mock-orce-snapshot/1",
        seed: "qa",
        nextIdNumber: 7,
        typeCodes: { address: [], email: [], phone: [] },
        customers: [{ customerId: "000000000006", lastName: "Kept" }],
        redirects: {}
      }))
      const logged: Array<string> = []
      const fiber = yield* Effect.forkChild(serveMockOrce({ port: 0, token, snapshot, saveSnapshot }).pipe(
        Effect.provide(Logger.layer([Logger.make((options) => logged.push(String(options.message)))]))
      ))
      // Interrupting before the server listens would prove nothing about stopping a running server.
      for (let attempt = 0; attempt < 500 && !logged.some((line) => line.includes("listening")); attempt++) {
        yield* Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, 5)))
      }
      assert.isTrue(logged.some((line) => line.includes("listening")))
      yield* Fiber.interrupt(fiber)
      const saved = JSON.parse(readFileSync(saveSnapshot, "utf8")) as { seed: string; customers: Array<{ lastName: string }> }
      assert.deepStrictEqual([saved.seed, saved.customers.map((customer) => customer.lastName)], ["qa", ["Kept"]])
    }))

  it.live("MOCK-2 with a clock start, the same requests give a byte-identical snapshot", () =>
    Effect.gen(function*() {
      const dir = workDir()
      const runOnce = (snapshot: string) =>
        Effect.scoped(Effect.flatMap(
          startMockOrce({ port: 0, token, snapshot, seed: "qa", clockStart: "2026-03-01T00:00:00Z" }),
          ({ server }) => Effect.flatMap(addOne(server.url, 1), () => addOne(server.url, 2))
        ))
      yield* runOnce(join(dir, "a.json"))
      yield* runOnce(join(dir, "b.json"))
      const a = readFileSync(join(dir, "a.json"), "utf8")
      assert.strictEqual(readFileSync(join(dir, "b.json"), "utf8"), a)
      assert.include(a, "2026-03-01T00:00:01.000Z")
    }))

  it.live("MOCK-4 a faults file that does not match the schema stops the start with a clear error", () =>
    Effect.gen(function*() {
      const faults = join(workDir(), "faults.json")
      writeFileSync(faults, JSON.stringify({ errorRate: 2 }))
      const error = yield* Effect.flip(serveMockOrce({ port: 0, token, faults }))
      assert.strictEqual(error._tag, "MockOrceFileError")
      assert.include(error.message, "not a valid fault configuration")
    }))

  it.live("MOCK-5 every exchange is appended to the NDJSON traffic log, with timings", () =>
    Effect.gen(function*() {
      const traffic = join(workDir(), "traffic.ndjson")
      yield* Effect.scoped(Effect.flatMap(startMockOrce({ port: 0, token, traffic }), ({ server }) =>
        Effect.flatMap(addOne(server.url, 1), () => addOne(server.url, 2))))
      const lines = readFileSync(traffic, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>)
      assert.deepStrictEqual(lines.map((line) => [line.sequence, line.method, line.path, line.operation, line.status]), [
        [1, "POST", customerServicesPath, "addOrUpdateCustomer", 200],
        [2, "POST", customerServicesPath, "addOrUpdateCustomer", 200]
      ])
      for (const line of lines) {
        assert.strictEqual(typeof line.durationMs, "number")
        assert.isFalse(Number.isNaN(Date.parse(String(line.started))))
        assert.property(line, "requestBody")
        assert.property(line, "responseBody")
        assert.match(String(line.requestXml), /<v3:addOrUpdateCustomer>/)
        assert.match(String(line.responseXml), /addOrUpdateCustomerResponse/)
      }
    }))

  it.live("MOCK-4 a dropped connection is a destroyed socket, not an HTTP answer", () =>
    Effect.gen(function*() {
      const faults = join(workDir(), "faults.json")
      writeFileSync(faults, JSON.stringify({ dropRate: 1 }))
      const outcome = yield* Effect.scoped(Effect.flatMap(startMockOrce({ port: 0, token, faults }), ({ server }) =>
        Effect.promise(() =>
          fetch(`${server.url}${customerServicesPath}`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: "<x/>" })
            .then((response) => `answered ${response.status}`, (error: unknown) => error instanceof TypeError ? "network error" : "other")
        )))
      assert.strictEqual(outcome, "network error")
    }))
})
