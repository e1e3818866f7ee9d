import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Logger, References } from "effect"
import pino from "pino"
import { Writable } from "node:stream"
import { maskFreeText } from "../../src/log/mask.ts"
import { pinoLogger } from "../../src/log/logger.ts"

const capture = (level: "Debug" | "Info") => {
  const lines: Array<Record<string, unknown>> = []
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)))
      done()
    }
  })
  const log = pino({ level: "trace", base: undefined }, sink)
  const layer = Layer.mergeAll(Logger.layer([pinoLogger(log)]), Layer.succeed(References.MinimumLogLevel, level))
  return { lines, layer }
}

const customer = { customerNumber: 42, firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", city: "London" }

describe("logging", () => {
  it.effect("SYNC-13 masks names, emails, phones and addresses at INFO and above", () =>
    Effect.gen(function*() {
      const { lines, layer } = capture("Debug")
      yield* Effect.logInfo("sent customer ada@example.com, phone (555) 123-4567", customer).pipe(Effect.provide(layer))
      yield* Effect.logWarning("retrying", { request: { customer } }).pipe(Effect.provide(layer))
      const text = JSON.stringify(lines)
      for (const secret of ["Ada", "Lovelace", "ada@example.com", "London", "123-4567"]) assert.notInclude(text, secret)
      assert.include(text, "\"customerNumber\":42")
    }))

  it.effect("SYNC-13 keeps the full trace at DEBUG", () =>
    Effect.gen(function*() {
      const { lines, layer } = capture("Debug")
      yield* Effect.logDebug("request", customer).pipe(Effect.provide(layer))
      assert.strictEqual(lines.length, 1)
      assert.deepInclude(lines[0]!.data as object, { lastName: "Lovelace", email: "ada@example.com" })
    }))

  it.effect("SYNC-13 writes no trace when the level is INFO", () =>
    Effect.gen(function*() {
      const { lines, layer } = capture("Info")
      yield* Effect.logDebug("request", customer).pipe(Effect.provide(layer))
      assert.strictEqual(lines.length, 0)
    }))

  it.effect("SYNC-13 masks nested personal fields whole but keeps codes and counts", () =>
    Effect.gen(function*() {
      const { lines, layer } = capture("Debug")
      yield* Effect.logInfo("chunk", { customers: 3, addresses: [{ city: "Paris" }], phones: ["5551234567"], state: "IL", rule: "VAL-5" })
        .pipe(Effect.provide(layer))
      assert.deepStrictEqual(lines[0]!.data, { customers: 3, addresses: "[masked]", phones: "[masked]", state: "IL", rule: "VAL-5" })
    }))

  it.effect("a log line at INFO carries the run ID, URLs and dates as they are, and no personal data", () =>
    Effect.gen(function*() {
      const { lines, layer } = capture("Debug")
      const runId = "initial-export-20261124T101500Z-3f9a"
      yield* Effect.logInfo("Mock ORCE listening on http://127.0.0.1:7300 since 2026-11-24; call 555 123 4567.").pipe(
        Effect.annotateLogs({ runId, error: "ORCE refused ada@example.com" }),
        Effect.provide(layer)
      )
      const [line] = lines
      assert.strictEqual(line!.runId, runId)
      assert.strictEqual(line!.msg, "Mock ORCE listening on http://127.0.0.1:7300 since 2026-11-24; call ***.")
      assert.strictEqual(line!.error, "ORCE refused a***@***")
    }))

  it("free text keeps run IDs and addresses of servers, and masks emails and phone numbers", () => {
    assert.strictEqual(maskFreeText("run sync-20261204T101500Z-00ff started"), "run sync-20261204T101500Z-00ff started")
    assert.strictEqual(maskFreeText("phone (555) 123-4567, +44 20 7946 0958."), "phone ***, ***.")
  })
})
