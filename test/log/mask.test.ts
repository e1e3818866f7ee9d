import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Logger, References } from "effect"
import pino from "pino"
import { Writable } from "node:stream"
import { maskPersonalData } from "../../src/log/mask.ts"
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

  it("masks nested personal fields but keeps codes and counts", () => {
    assert.deepStrictEqual(
      maskPersonalData({ customers: 3, addresses: [{ city: "Paris" }], phones: ["5551234567"], state: "IL", rule: "VAL-5" }),
      { customers: 3, addresses: "[masked]", phones: "[masked]", state: "IL", rule: "VAL-5" }
    )
  })
})
