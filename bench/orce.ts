// `npm run bench -- orce`: the ceilings the export pipeline is measured against. A bare addOrUpdateCustomer
// loop at concurrency 16 against the in-process mock, the standalone mock over loopback and a bare node:http
// server answering a fixed body, all through the same OrceClient; then the store alone. One JSON line per case.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { Context, Effect, Layer, Redacted, type Scope } from "effect"
import { listenMockOrce } from "../mock-orce/serve.ts"
import { MockOrce } from "../mock-orce/mock-orce.ts"
import { OrceStore } from "../mock-orce/store.ts"
import type { OrceCustomerMessage } from "../src/domain/orce-customer.ts"
import { OrceClient, type OrcePolicy } from "../src/orce/client.ts"
import { layerInProcessMock } from "../mock-orce/in-process-layer.ts"

const concurrency = 16
/** Cases run interleaved in rounds, so a neighbour's load on the machine hits every case alike. */
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const requestsPerRound = Number(process.env.BENCH_REQUESTS ?? 10_000)
const warmupRequests = 1_000
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

interface Measurement {
  readonly latencies: Float64Array
  readonly elapsedMs: number
}

const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!

/** One line per case: the median round's rate, and percentiles over every round's requests. */
const report = (name: string, measurements: ReadonlyArray<Measurement>) => {
  const rates = measurements.map((m) => m.latencies.length / (m.elapsedMs / 1000)).sort((a, b) => a - b)
  const all = new Float64Array(measurements.reduce((sum, m) => sum + m.latencies.length, 0))
  let offset = 0
  for (const m of measurements) {
    all.set(m.latencies, offset)
    offset += m.latencies.length
  }
  const sorted = all.sort()
  console.log(JSON.stringify({
    case: name,
    requests: all.length,
    requestsPerSecond: Math.round(rates[Math.floor(rates.length / 2)]!),
    p50Ms: Number(percentile(sorted, 0.5).toFixed(3)),
    p99Ms: Number(percentile(sorted, 0.99).toFixed(3))
  }))
}

/** Every request creates a customer no earlier request sent, across cases and rounds. */
let nextCustomer = 0

const sendMany = (client: OrceClient["Service"], count: number, latencies?: Float64Array) => {
  const first = nextCustomer
  nextCustomer += count
  let next = 0
  const worker = Effect.whileLoop({
    while: () => next < count,
    body: () => {
      const i = next++
      const started = performance.now()
      return client.addOrUpdateCustomer(message(first + i)).pipe(
        Effect.tap(() =>
          Effect.sync(() => {
            if (latencies !== undefined) latencies[i] = performance.now() - started
          })
        )
      )
    },
    step: () => {}
  })
  return Effect.all(Array.from({ length: concurrency }, () => worker), { concurrency: "unbounded", discard: true })
}

const measure = (client: OrceClient["Service"]): Effect.Effect<Measurement, unknown> =>
  Effect.gen(function*() {
    yield* sendMany(client, warmupRequests)
    const latencies = new Float64Array(requestsPerRound)
    const started = performance.now()
    yield* sendMany(client, requestsPerRound, latencies)
    return { latencies, elapsedMs: performance.now() - started }
  })

const httpClient = (baseUrl: string) => OrceClient.layerHttp({ baseUrl, token: Redacted.make(token), securityUserId, policy })

const clientOf = (layer: Layer.Layer<OrceClient>): Effect.Effect<OrceClient["Service"], never, Scope.Scope> =>
  Effect.map(Layer.build(layer), (context) => Context.get(context, OrceClient))

const bareServer = Effect.acquireRelease(
  Effect.promise(() =>
    new Promise<Server>((resolve) => {
      const body = JSON.stringify({ customerId: "000000000001", created: true })
      const server = createServer((request, response) => {
        request.resume()
        request.on("end", () => {
          response.writeHead(200, { "content-type": "application/json", "content-length": String(body.length) })
          response.end(body)
        })
      })
      server.listen(0, "127.0.0.1", () => resolve(server))
    })
  ),
  (server) =>
    Effect.sync(() => {
      server.close()
      server.closeAllConnections()
    })
)

const storeAlone = () => {
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
  report("store (no HTTP, half creates, half updates)", [{ latencies, elapsedMs: performance.now() - started }])
}

await Effect.runPromise(
  Effect.scoped(Effect.gen(function*() {
    const inProcess = yield* clientOf(layerInProcessMock({ policy, token, securityUserId }))
    const mock = new MockOrce({ token, securityUserId })
    const standalone = yield* clientOf(httpClient((yield* listenMockOrce(mock, { port: 0 })).url))
    const bare = yield* clientOf(httpClient(`http://127.0.0.1:${((yield* bareServer).address() as AddressInfo).port}`))
    const results = { inProcess: [] as Array<Measurement>, standalone: [] as Array<Measurement>, bare: [] as Array<Measurement> }
    for (let round = 0; round < rounds; round++) {
      results.inProcess.push(yield* measure(inProcess))
      results.standalone.push(yield* measure(standalone))
      results.bare.push(yield* measure(bare))
    }
    report("in-process mock", results.inProcess)
    report("standalone mock (loopback)", results.standalone)
    report("bare node:http", results.bare)
  }))
)
storeAlone()
