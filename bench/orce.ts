// `npm run bench -- orce`: the ceilings the export pipeline is measured against. A bare addOrUpdateCustomer
// loop at concurrency 16 against the in-process mock, the standalone mock over loopback and a bare node:http
// server answering a fixed body, all through the same OrceClient; then the store alone. One JSON line per case.
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { Effect, Layer, Redacted } from "effect"
import { listenMockOrce } from "../mock-orce/serve.ts"
import { MockOrce } from "../mock-orce/mock-orce.ts"
import { OrceStore } from "../mock-orce/store.ts"
import type { OrceCustomerMessage } from "../src/domain/orce-customer.ts"
import { OrceClient, type OrcePolicy } from "../src/orce/client.ts"
import { layerInProcessMock } from "../src/orce/mock-layer.ts"

const concurrency = 16
const httpRequests = Number(process.env.BENCH_REQUESTS ?? 20_000)
const warmupRequests = 2_000
const storeOperations = Number(process.env.BENCH_STORE_OPERATIONS ?? 200_000)
const token = "bench-token"
const securityUserId = "BENCH"
const policy: OrcePolicy = { timeoutMs: 10_000, retries: 0, concurrency }

const message = (n: number): OrceCustomerMessage => ({
  alternateKeys: [{ type: "OROMS_ID", value: `B${n}` }],
  firstName: "Ada",
  lastName: "Lovelace",
  addresses: [{ type: "HOME", primary: true, address1: `${n} Analytical Way`, city: "London", postalCode: "N1 9GU", country: "GBR" }],
  emails: [{ type: "HOME", primary: true, address: `ada${n}@example.com` }],
  phones: [{ type: "BUSINESS", primary: true, number: "020 7946 0000" }],
  updateUser: "OROMS-BATCH"
})

const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!

const report = (name: string, latencies: Float64Array, elapsedMs: number) => {
  const sorted = latencies.slice().sort()
  console.log(JSON.stringify({
    case: name,
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / (elapsedMs / 1000)),
    p50Ms: Number(percentile(sorted, 0.5).toFixed(3)),
    p99Ms: Number(percentile(sorted, 0.99).toFixed(3))
  }))
}

const loop = (name: string, offset: number) =>
  Effect.gen(function*() {
    const client = yield* OrceClient
    const send = (first: number, count: number, latencies?: Float64Array) => {
      let next = 0
      const worker = Effect.whileLoop({
        while: () => next < count,
        body: () => {
          const i = next++
          const started = performance.now()
          return client.addOrUpdateCustomer(message(offset + first + i)).pipe(
            Effect.tap(() => Effect.sync(() => {
              if (latencies !== undefined) latencies[i] = performance.now() - started
            }))
          )
        },
        step: () => {}
      })
      return Effect.all(Array.from({ length: concurrency }, () => worker), { concurrency: "unbounded", discard: true })
    }
    yield* send(0, warmupRequests)
    const latencies = new Float64Array(httpRequests)
    const started = performance.now()
    yield* send(warmupRequests, httpRequests, latencies)
    report(name, latencies, performance.now() - started)
  })

const httpClient = (baseUrl: string) =>
  OrceClient.layerHttp({ baseUrl, token: Redacted.make(token), securityUserId, policy })

const inProcess = loop("in-process mock", 0).pipe(Effect.provide(layerInProcessMock({ policy, token, securityUserId })))

const standalone = Effect.gen(function*() {
  const mock = new MockOrce({ token, securityUserId })
  const server = yield* listenMockOrce(mock, { port: 0 })
  yield* loop("standalone mock (loopback)", 0).pipe(Effect.provide(httpClient(server.url)))
}).pipe(Effect.scoped)

const bareHttp = Effect.gen(function*() {
  const body = JSON.stringify({ customerId: "000000000001", created: true })
  const server = yield* Effect.acquireRelease(
    Effect.promise(() =>
      new Promise<ReturnType<typeof createServer>>((resolve) => {
        const created = createServer((request, response) => {
          request.resume()
          request.on("end", () => {
            response.writeHead(200, { "content-type": "application/json", "content-length": String(body.length) })
            response.end(body)
          })
        })
        created.listen(0, "127.0.0.1", () => resolve(created))
      })
    ),
    (server) => Effect.sync(() => {
      server.close()
      server.closeAllConnections()
    })
  )
  const port = (server.address() as AddressInfo).port
  yield* loop("bare node:http", 0).pipe(Effect.provide(httpClient(`http://127.0.0.1:${port}`)))
}).pipe(Effect.scoped)

const storeAlone = Effect.sync(() => {
  const store = new OrceStore()
  const messages = Array.from({ length: storeOperations }, (_, i) => message(i % (storeOperations / 2)))
  for (let i = 0; i < 1_000; i++) store.addOrUpdate(messages[i]!)
  store.reset()
  const latencies = new Float64Array(storeOperations)
  const started = performance.now()
  for (let i = 0; i < storeOperations; i++) {
    const t = performance.now()
    store.addOrUpdate(messages[i]!)
    latencies[i] = performance.now() - t
  }
  report("store (no HTTP, half creates, half updates)", latencies, performance.now() - started)
})

await Effect.runPromise(
  Effect.gen(function*() {
    yield* inProcess
    yield* standalone
    yield* bareHttp
    yield* storeAlone
  }).pipe(Effect.provide(Layer.empty))
)
