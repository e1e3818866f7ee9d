import { Context, Effect, Layer, Redacted, type Scope } from "effect"
import { listenMockOrce } from "../../mock-orce/serve.ts"
import { MockOrce, type MockOrceOptions } from "../../mock-orce/mock-orce.ts"
import { OrceClient, type OrcePolicy } from "../../src/orce/client.ts"
import { MockOrceService } from "../../mock-orce/in-process-layer.ts"
import { mockOrceHandlers } from "../../mock-orce/handlers.ts"
import { inProcessFetch } from "../../mock-orce/in-process.ts"
import type { Fetch } from "../../src/orce/transport.ts"
import type { OrceCredentials } from "../../src/orce/credentials.ts"
import { customerServicesPath } from "../../src/orce/soap/schema.ts"
import { tokenPath } from "../../mock-orce/authority.ts"

/**
 * The two ways to reach the mock (MOCK-1) behind one interface, so the contract suite runs unchanged against
 * both. Every layer build makes a fresh mock: nothing leaks between tests.
 */

export const token = "test-token-4c1d"
export const securityUserId = "TEST_SECURITY_USER"
export const fixedNow = () => new Date("2026-01-02T03:04:05.000Z")

/** Raw access to the mock's HTTP surface, for what the client never sends (bad requests and credentials, admin calls). */
export class RawOrce extends Context.Service<RawOrce, {
  readonly baseUrl: string
  readonly fetch: Fetch
}>()("test/RawOrce") {}

export const testPolicy: OrcePolicy = {
  timeoutMs: 2_000,
  retries: 3,
  concurrency: 4,
  retryBaseDelayMs: 1,
  retryMaxDelayMs: 5
}

export interface TargetOptions {
  readonly mock?: Partial<MockOrceOptions>
  readonly policy?: Partial<OrcePolicy>
  /** Wraps the fetch the client uses, e.g. to count requests in flight. */
  readonly wrapFetch?: (fetch: Fetch) => Fetch
  /** How the client authenticates; the mock's fixed bearer token unless set. */
  readonly credentials?: OrceCredentials
}

export type TargetServices = OrceClient | MockOrceService | RawOrce

export interface Target {
  readonly name: string
  readonly layer: (options?: TargetOptions) => Layer.Layer<TargetServices>
}

const mockOptions = (options: TargetOptions): MockOrceOptions => ({
  token,
  securityUserId,
  now: fixedNow,
  ...options.mock
})

type Reach = (mock: MockOrce) => Effect.Effect<{ baseUrl: string; fetch: Fetch }, never, Scope.Scope>

/** An OAuth client given no token URL uses the mock's token endpoint. */
const credentialsAt = (baseUrl: string, credentials: OrceCredentials | undefined): OrceCredentials =>
  credentials === undefined
    ? { kind: "bearer", token: Redacted.make(token) }
    : credentials.kind === "oauth" && credentials.tokenUrl === ""
    ? { ...credentials, tokenUrl: baseUrl + tokenPath }
    : credentials

const layerOver = (options: TargetOptions, reach: Reach): Layer.Layer<TargetServices> => {
  const mockLayer = Layer.effect(
    MockOrceService,
    Effect.acquireRelease(Effect.sync(() => new MockOrce(mockOptions(options))), (mock) => Effect.promise(() => mock.traffic.close()))
  )
  const rawLayer = Layer.effect(
    RawOrce,
    Effect.gen(function*() {
      return yield* reach(yield* MockOrceService)
    })
  ).pipe(Layer.provideMerge(mockLayer))
  const clientLayer = Layer.unwrap(Effect.map(RawOrce, (raw) =>
    OrceClient.layerSoap({
      endpointUrl: raw.baseUrl + customerServicesPath,
      credentials: credentialsAt(raw.baseUrl, options.credentials),
      securityUserId,
      policy: { ...testPolicy, ...options.policy },
      fetch: options.wrapFetch === undefined ? raw.fetch : options.wrapFetch(raw.fetch)
    })))
  return clientLayer.pipe(Layer.provideMerge(rawLayer))
}

export const inProcess: Target = {
  name: "in-process",
  layer: (options = {}) =>
    layerOver(options, (mock) => Effect.succeed({ baseUrl: mock.baseUrl, fetch: inProcessFetch(mockOrceHandlers(mock)) }))
}

export const standalone: Target = {
  name: "standalone over loopback",
  layer: (options = {}) =>
    layerOver(options, (mock) =>
      Effect.map(listenMockOrce(mock, { port: 0 }), (server) => ({ baseUrl: server.url, fetch: globalThis.fetch })))
}

export const targets: ReadonlyArray<Target> = [inProcess, standalone]

/** Posts a SOAP envelope as a client would, with the right credentials unless told otherwise. */
export const rawSoap = Effect.fn("rawSoap")(function*(
  envelope: string,
  headers: Record<string, string> = { authorization: `Bearer ${token}` },
  method = "POST",
  query = ""
) {
  const raw = yield* RawOrce
  const response = yield* Effect.promise(() =>
    raw.fetch(raw.baseUrl + customerServicesPath + query, {
      method,
      headers: { "content-type": "text/xml; charset=utf-8", soapaction: '""', ...headers },
      ...(method === "GET" ? {} : { body: envelope })
    })
  )
  return { status: response.status, contentType: response.headers.get("content-type"), text: yield* Effect.promise(() => response.text()) }
})

/** Calls the mock's JSON admin API (ours, not ORCE's), with the right credentials unless told otherwise. */
export const rawRequest = Effect.fn("rawRequest")(function*(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${token}` }
) {
  const raw = yield* RawOrce
  const response = yield* Effect.promise(() =>
    raw.fetch(raw.baseUrl + path, {
      method,
      headers: { "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
  )
  const text = yield* Effect.promise(() => response.text())
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text) as unknown }
})
