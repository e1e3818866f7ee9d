import { assert, describe, it } from "@effect/vitest"
import { mockRunLayer } from "../../mock-orce/run-layer.ts"
import { testSettings } from "../support/settings.ts"
import { Effect, Fiber, Layer, Logger, References } from "effect"
import { TestClock } from "effect/testing"
import { OrceClient, type OrceSettings } from "../../src/orce/client.ts"
import { layerFromSettings } from "../../src/orce/layers.ts"
import { layerInProcessMock, MockOrceService } from "../../mock-orce/in-process-layer.ts"
import { makeRateLimiter } from "../../src/orce/rate-limit.ts"
import { customerMessage } from "../mock-orce/fixtures.ts"

const settings: OrceSettings = {
  orceTimeoutMs: 2_000,
  orceRetries: 2,
  orceConcurrency: 4,
  securityUserId: "SYNC_USER"
}

/** Collects every log line's message, at every level, as text. */
const captureLogs = () => {
  const lines: Array<{ level: string; text: string }> = []
  const logger = Logger.make((options) => {
    lines.push({ level: options.logLevel, text: JSON.stringify(options.message) })
  })
  return { lines, layer: Logger.layer([logger]) }
}

describe("OrceClient", () => {
  it.live("the in-process mock is used when no ORCE URL is configured, and the run says so", () => {
    const logs = captureLogs()
    return Effect.gen(function*() {
      const client = yield* OrceClient
      const { customerId } = yield* client.addOrUpdateCustomer(customerMessage(1))
      assert.match(customerId, /^\d{12}$/)
      assert.strictEqual((yield* client.getCustomer(customerId)).customer.lastName, "Lovelace")
      assert.isTrue(logs.lines.some((line) => line.level === "Info" && line.text.includes("in-process mock ORCE")))
    }).pipe(Effect.provide(Layer.provideMerge(mockRunLayer(testSettings({ MOCK_ORCE_STATE: "-" })), logs.layer)))
  })

  it.live("a configured ORCE URL without a token fails at start with OrceUnauthorized", () =>
    Effect.gen(function*() {
      const build = Effect.gen(function*() {
        yield* OrceClient
      }).pipe(Effect.provide(layerFromSettings({ ...settings, orceUrl: "http://orce.example" })))
      const error = yield* Effect.flip(build)
      assert.strictEqual(error._tag, "OrceUnauthorized")
    }))

  it.live("each build of the in-process mock layer starts from an empty store", () =>
    Effect.gen(function*() {
      const layer = layerInProcessMock({ policy: { timeoutMs: 1_000, retries: 0, concurrency: 1 } })
      const sizeAfterOneAdd = Effect.gen(function*() {
        yield* (yield* OrceClient).addOrUpdateCustomer(customerMessage(1))
        return (yield* MockOrceService).store.size
      })
      const first = yield* Effect.provide(sizeAfterOneAdd, layer)
      const second = yield* Effect.provide(sizeAfterOneAdd, layer)
      assert.deepStrictEqual([first, second], [1, 1])
    }))

  it.live("SYNC-13 requests and responses are traced at DEBUG, and REL-4 the token never appears in logs or errors", () => {
    const logs = captureLogs()
    const secret = "s3cr3t-token-value"
    return Effect.gen(function*() {
      const client = yield* OrceClient
      const { customerId } = yield* client.addOrUpdateCustomer(customerMessage(1))
      const mock = yield* MockOrceService
      mock.setFaults({ errorRate: 1 })
      const error = yield* Effect.flip(client.getCustomer(customerId))
      const traced = logs.lines.filter((line) => line.level === "Debug")
      assert.isTrue(traced.some((line) => line.text.includes("ORCE request") && line.text.includes("ada1@example.com")))
      assert.isTrue(traced.some((line) => line.text.includes("ORCE response") && line.text.includes(customerId)))
      assert.isFalse(logs.lines.some((line) => line.level !== "Debug" && line.text.includes("ada1@example.com")))
      assert.notInclude(JSON.stringify(logs.lines), secret)
      assert.notInclude(JSON.stringify(error), secret)
      assert.notInclude(String(error), secret)
    }).pipe(
      Effect.provide(Layer.provideMerge(
        layerInProcessMock({
          token: secret,
          securityUserId: "SYNC_USER",
          policy: { timeoutMs: 1_000, retries: 1, concurrency: 1, retryBaseDelayMs: 1 }
        }),
        Layer.merge(logs.layer, Layer.succeed(References.MinimumLogLevel, "Debug"))
      ))
    )
  })

  it.effect("the rate limit spaces request starts evenly: 2 per second lets a third start only after a second", () =>
    Effect.gen(function*() {
      const limiter = makeRateLimiter(2)
      let started = 0
      const fiber = yield* Effect.forkChild(Effect.forEach([1, 2, 3], () => Effect.andThen(limiter, Effect.sync(() => started++))))
      yield* TestClock.adjust(0)
      assert.strictEqual(started, 1)
      yield* TestClock.adjust(500)
      assert.strictEqual(started, 2)
      yield* TestClock.adjust(499)
      assert.strictEqual(started, 2)
      yield* TestClock.adjust(1)
      yield* Fiber.join(fiber)
      assert.strictEqual(started, 3)
    }))

  it.effect("the client honours the requests-per-second setting: a second request waits for its slot", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const journal = () => mock.traffic.journal().length
      const mock = yield* MockOrceService
      const fiber = yield* Effect.forkChild(Effect.forEach([1, 2], (n) => client.addOrUpdateCustomer(customerMessage(n))))
      yield* untilReal(() => journal() === 1)
      // The mock answers on the real event loop; give a wrongly unthrottled second request every chance to arrive.
      yield* realPause(50)
      assert.strictEqual(journal(), 1)
      yield* TestClock.adjust(1_000)
      yield* Fiber.join(fiber)
      assert.strictEqual(journal(), 2)
    }).pipe(Effect.provide(layerInProcessMock({ policy: { timeoutMs: 60_000, retries: 0, concurrency: 4, requestsPerSecond: 1 } }))))
})

/** Real time, not the TestClock: the in-process mock runs on promises. */
const realPause = (ms: number) => Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, ms)))
const untilReal = (condition: () => boolean) =>
  Effect.gen(function*() {
    for (let attempt = 0; attempt < 500 && !condition(); attempt++) yield* realPause(5)
    assert.isTrue(condition())
  })
