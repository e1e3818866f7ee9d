import { Context, Effect, Layer, Redacted } from "effect"
import { OrceClient, type OrcePolicy } from "../src/orce/client.ts"
import { mockOrceHandlers } from "./handlers.ts"
import { inProcessFetch } from "./in-process.ts"
import { MockOrce, type MockOrceOptions } from "./mock-orce.ts"

/** The in-process mock ORCE behind the client, exposed so tests and runs without an ORCE URL can prepare and inspect it. */
export class MockOrceService extends Context.Service<MockOrceService, MockOrce>()("orce-sync/mock-orce/MockOrceService") {}

export const mockToken = "mock-orce-token"
export const mockSecurityUserId = "MOCK_SECURITY_USER"

export interface InProcessMockOptions extends Partial<MockOrceOptions> {
  readonly policy: OrcePolicy
}

/**
 * A fresh mock (own store, faults and journal) per layer build, with an OrceClient that reaches it through
 * `getResponse` on the mock's MSW handlers: nothing is intercepted and nothing leaks between builds.
 */
export const layerInProcessMock = (options: InProcessMockOptions): Layer.Layer<OrceClient | MockOrceService> => {
  const { policy, ...mockOptions } = options
  const token = mockOptions.token ?? mockToken
  const securityUserId = mockOptions.securityUserId ?? mockSecurityUserId
  const mockLayer = Layer.effect(
    MockOrceService,
    Effect.acquireRelease(
      Effect.sync(() => new MockOrce({ ...mockOptions, token, securityUserId })),
      (mock) => Effect.promise(() => mock.traffic.close())
    )
  )
  const clientLayer = Layer.unwrap(
    Effect.gen(function*() {
      const mock = yield* MockOrceService
      return OrceClient.layerSoap({
        endpointUrl: mock.soapEndpointUrl,
        credentials: { kind: "bearer", token: Redacted.make(token) },
        securityUserId,
        policy,
        fetch: inProcessFetch(mockOrceHandlers(mock))
      })
    })
  )
  return clientLayer.pipe(Layer.provideMerge(mockLayer))
}
