import { assert, describe, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { setupServer } from "msw/node"
import { mockOrceHandlers } from "../../mock-orce/handlers.ts"
import { MockOrce } from "../../mock-orce/mock-orce.ts"
import { OrceClient } from "../../src/orce/client.ts"
import { customerMessage } from "./fixtures.ts"

/**
 * MOCK-1: the handlers are plain MSW handlers, so they also answer under interception. Tests keep
 * `setupServer` (msw 3: `onUnhandledFrame: "error"`) only as a net for requests that miss the fetch seam.
 */
describe("mock ORCE handlers under MSW interception", () => {
  it.live("MOCK-1 a client on the global fetch reaches the same handlers through setupServer", () => {
    const mock = new MockOrce({ token: "t" })
    const server = setupServer(...mockOrceHandlers(mock))
    const program = Effect.gen(function*() {
      const client = yield* OrceClient
      const { customerId } = yield* client.addOrUpdateCustomer(customerMessage(1))
      assert.strictEqual((yield* client.getCustomer(customerId)).customer.customerId, customerId)
      assert.strictEqual(mock.traffic.journal().length, 2)
    }).pipe(
      Effect.provide(OrceClient.layerSoap({
        endpointUrl: mock.soapEndpointUrl,
        credentials: { kind: "bearer", token: Redacted.make("t") },
        securityUserId: "U",
        policy: { timeoutMs: 2_000, retries: 0, concurrency: 1 }
      }))
    )
    return Effect.acquireRelease(
      Effect.sync(() => server.listen({ onUnhandledFrame: "error" })),
      () => Effect.sync(() => server.close())
    ).pipe(Effect.andThen(program), Effect.scoped)
  })
})
