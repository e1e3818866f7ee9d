import { createServer } from "node:net"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { OrceClient } from "../../src/orce/client.ts"
import type { Fetch } from "../../src/orce/transport.ts"

/** The HTTP JSON transport against answers the mock never gives: garbage, bare 5xx, nobody listening. */

const policy = { timeoutMs: 2_000, retries: 2, concurrency: 1, retryBaseDelayMs: 1, retryMaxDelayMs: 2 }

const withFetch = (fetch: Fetch, baseUrl = "http://orce.test") =>
  OrceClient.layerHttp({ baseUrl, token: Redacted.make("t"), securityUserId: "U", policy, fetch })

const countingFetch = (answer: () => Response) => {
  const state = { calls: 0 }
  const fetch: Fetch = async () => {
    state.calls++
    return answer()
  }
  return { state, fetch }
}

const getOne = Effect.gen(function*() {
  return yield* (yield* OrceClient).getCustomer("1")
})

describe("HTTP JSON transport", () => {
  it.live("OrceUnavailable: a 200 that does not match the contract is an invalid response, retried", () => {
    const { state, fetch } = countingFetch(() => new Response(JSON.stringify({ customer: { lastName: 1 } }), { status: 200 }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(getOne)
      assert.strictEqual(error._tag, "OrceUnavailable")
      if (error._tag === "OrceUnavailable") assert.strictEqual(error.reason, "invalid-response")
      assert.strictEqual(state.calls, 3)
    }).pipe(Effect.provide(withFetch(fetch)))
  })

  it.live("OrceUnavailable: a 502 without a JSON body is a server error, retried", () => {
    const { state, fetch } = countingFetch(() => new Response("<html>Bad Gateway</html>", { status: 502 }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(getOne)
      assert.strictEqual(error._tag, "OrceUnavailable")
      if (error._tag === "OrceUnavailable") assert.deepStrictEqual([error.reason, error.status], ["server", 502])
      assert.strictEqual(state.calls, 3)
    }).pipe(Effect.provide(withFetch(fetch)))
  })

  it.live("OrceRejected: a 4xx without ORCE's error body still says what happened, and is not retried", () => {
    const { state, fetch } = countingFetch(() => new Response("", { status: 418 }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(getOne)
      assert.strictEqual(error._tag, "OrceRejected")
      assert.strictEqual(error.message, "ORCE answered HTTP 418")
      assert.strictEqual(state.calls, 1)
    }).pipe(Effect.provide(withFetch(fetch)))
  })

  it.live("OrceUnavailable: nobody listening is a connection error", () =>
    Effect.gen(function*() {
      const port = yield* Effect.promise(() =>
        new Promise<number>((resolve) => {
          const probe = createServer().listen(0, "127.0.0.1", () => {
            const address = probe.address()
            probe.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0))
          })
        })
      )
      const error = yield* Effect.flip(getOne.pipe(Effect.provide(withFetch(globalThis.fetch, `http://127.0.0.1:${port}`))))
      assert.strictEqual(error._tag, "OrceUnavailable")
      if (error._tag === "OrceUnavailable") assert.strictEqual(error.reason, "connection")
    }))
})
