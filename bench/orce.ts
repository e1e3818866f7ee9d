// `npm run bench -- orce`: the ceilings the export pipeline is measured against. A bare addOrUpdateCustomer
// loop at concurrency 16 against the in-process mock, the standalone mock over loopback and a bare node:http
// server answering a fixed SOAP body, all through the same OrceClient (Customer Services v3.1 over SOAP). Two
// floors split the in-process figure: the client with an answer handed back at once (no MSW, no mock), and one
// MSW handler answering a fixed SOAP body through the in-process fetch (what any mock behind MSW pays before
// its own work). Then the store alone, and the XML steps alone (µs per customer). One JSON line per case.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { Context, Effect, Layer, Redacted, type Scope } from "effect"
import { http } from "msw"
import { listenMockOrce } from "../mock-orce/serve.ts"
import { inProcessFetch } from "../mock-orce/in-process.ts"
import { MockOrce } from "../mock-orce/mock-orce.ts"
import { OrceStore } from "../mock-orce/store.ts"
import type { OrceCustomerMessage } from "../src/domain/orce-customer.ts"
import { OrceClient, type OrcePolicy } from "../src/orce/client.ts"
import { rememberBody } from "../src/orce/known-bodies.ts"
import type { Fetch } from "../src/orce/transport.ts"
import { layerInProcessMock } from "../mock-orce/in-process-layer.ts"
import { decodeSoapRequest, encodeSoapAnswer, type SoapRequest } from "../mock-orce/soap-endpoint.ts"
import { defaultContractChoices } from "../src/orce/soap/contract-choices.ts"
import { customerDataOut, customerResponseIn, customerResponseOut } from "../src/orce/soap/customer-xml.ts"
import { readEnvelope, requestEnvelope, responseEnvelope, soapContentType } from "../src/orce/soap/envelope.ts"
import { customerServicesPath, operations } from "../src/orce/soap/schema.ts"
import { contractProblem } from "../src/orce/soap/validate.ts"
import { child } from "../src/orce/soap/xml.ts"

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

const soapClient = (baseUrl: string, fetch?: Fetch) =>
  OrceClient.layerSoap({
    endpointUrl: baseUrl + customerServicesPath,
    credentials: { kind: "bearer", token: Redacted.make(token) },
    securityUserId,
    policy,
    ...(fetch === undefined ? {} : { fetch })
  })

const addOrUpdateAnswer = responseEnvelope("addOrUpdateCustomer", [{ name: "customerId", text: "000000000001" }])

/** The answer as the in-process mock hands it over: its text beside the Response (src/orce/known-bodies.ts). */
const fixedAnswer = () => rememberBody(new Response(addOrUpdateAnswer, { headers: { "content-type": soapContentType } }), addOrUpdateAnswer)

/** A fetch that answers at once, a turn of the event loop later as the in-process fetch does. */
const answeringAtOnce: Fetch = () => new Promise((resolve) => setImmediate(() => resolve(fixedAnswer())))

const clientOf = (layer: Layer.Layer<OrceClient>): Effect.Effect<OrceClient["Service"], never, Scope.Scope> =>
  Effect.map(Layer.build(layer), (context) => Context.get(context, OrceClient))

const bareServer = (body: string, contentType: string) => Effect.acquireRelease(
  Effect.promise(() =>
    new Promise<Server>((resolve) => {
      const server = createServer((request, response) => {
        request.resume()
        request.on("end", () => {
          response.writeHead(200, { "content-type": contentType, "content-length": String(Buffer.byteLength(body)) })
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

/** µs per customer for each step of the XML a request and its answer go through, client and mock side. */
const codecAlone = () => {
  const count = 20_000
  const choices = defaultContractChoices
  const messages = Array.from({ length: count }, (_, i) => message(i))
  const time = (name: string, run: (i: number) => unknown) => {
    for (let i = 0; i < 1_000; i++) run(i)
    const started = performance.now()
    for (let i = 0; i < count; i++) run(i)
    const microseconds = ((performance.now() - started) * 1000) / count
    console.log(JSON.stringify({ case: `xml: ${name}`, customers: count, microsecondsPerCustomer: Number(microseconds.toFixed(2)) }))
  }
  const requests = messages.map((m) => requestEnvelope("addOrUpdateCustomer", [customerDataOut(m, choices), { name: "securityUserId", text: securityUserId }]))
  const customers = messages.map((m, i) => ({ ...m, customerId: String(100000000000 + i) }))
  const responses = customers.map((c) => responseEnvelope("retrieveCustomer", [customerResponseOut("return", c, choices, false)]))
  time("client encodes addOrUpdateCustomer", (i) => requestEnvelope("addOrUpdateCustomer", [customerDataOut(messages[i]!, choices)]))
  time("mock decodes and validates addOrUpdateCustomer", (i) => decodeSoapRequest(requests[i]!))
  time("mock encodes retrieveCustomerResponse", (i) => responseEnvelope("retrieveCustomer", [customerResponseOut("return", customers[i]!, choices, false)]))
  time("client decodes and validates retrieveCustomerResponse", (i) => {
    const content = readEnvelope(responses[i]!)
    if (content.kind !== "element") throw new Error("fault")
    contractProblem(content.element, operations.retrieveCustomer.response, "retrieveCustomerResponse", true)
    return customerResponseIn(child(content.element, "return")!, choices)
  })
  const request = decodeSoapRequest(requests[0]!) as SoapRequest
  time("mock encodes addOrUpdateCustomerResponse", () => encodeSoapAnswer(request, { status: 200, body: { customerId: "1" } }, () => new Date(), () => false))
}

await Effect.runPromise(
  Effect.scoped(Effect.gen(function*() {
    const inProcess = yield* clientOf(layerInProcessMock({ policy, token, securityUserId }))
    const mock = new MockOrce({ token, securityUserId })
    const standalone = yield* clientOf(soapClient((yield* listenMockOrce(mock, { port: 0 })).url))
    const bareSoap = yield* bareServer(addOrUpdateAnswer, soapContentType)
    const bare = yield* clientOf(soapClient(`http://127.0.0.1:${(bareSoap.address() as AddressInfo).port}`))
    const cases = {
      "in-process mock": inProcess,
      "standalone mock (loopback)": standalone,
      "bare node:http (a fixed SOAP answer)": bare,
      "client alone (a fixed SOAP answer, no MSW)": yield* clientOf(soapClient("http://orce.test", answeringAtOnce)),
      "in-process floor (one MSW handler, a fixed SOAP answer)": yield* clientOf(
        soapClient("http://orce.test", inProcessFetch([http.all(() => true, fixedAnswer)]))
      )
    }
    const results = new Map<string, Array<Measurement>>(Object.keys(cases).map((name) => [name, []]))
    for (let round = 0; round < rounds; round++) {
      for (const [name, client] of Object.entries(cases)) results.get(name)!.push(yield* measure(client))
    }
    for (const [name, measurements] of results) report(name, measurements)
  }))
)
storeAlone()
codecAlone()
