import type { OrceCustomer } from "../src/domain/orce-customer.ts"
import { lookupLimitMessage } from "../src/orce/contract.ts"
import { customerServicesPath } from "../src/orce/soap/schema.ts"
import { adminSegment, runAdmin } from "./admin.ts"
import { MockAuthority, type MockAuthorityOptions, tokenPath } from "./authority.ts"
import { type FaultConfig, type FaultDecision, FaultPlan } from "./faults.ts"
import { answer, type Answer, errorAnswer, invalidJson, readJson, toResponse } from "./http-json.ts"
import { knownBody, rememberBody, signalOf } from "../src/orce/known-bodies.ts"
import { maskCustomer } from "./mask.ts"
import { customerIdsOf, faultSubject } from "./request-subject.ts"
import type { RouteEntry } from "./routes.ts"
import type { OrceSnapshot } from "./snapshot.ts"
import { decodeSoapRequest, encodeSoapAnswer, faultAnswer, type SoapAnswer, type SoapRequest, xmlContentType } from "./soap-endpoint.ts"
import { OrceStore, type OrceStoreOptions } from "./store.ts"
import { TrafficLog, type TrafficLogOptions } from "./traffic.ts"
import { customerServicesWsdl } from "./wsdl.ts"

/**
 * One mock Customer Engagement: store, fault plan and traffic log behind a single request handler speaking
 * Customer Services v3.1 (soap-endpoint.ts), with its OAuth 2 token endpoint and our JSON admin API. The MSW
 * handlers (handlers.ts) call `handle`; the in-process fetch and the standalone server both go through MSW.
 */

export const defaultMockBaseUrl = "http://mock-orce.local"

export interface MockOrceOptions extends OrceStoreOptions, MockAuthorityOptions {
  /** A bearer token accepted as is (besides the tokens the mock's token endpoint issues). */
  readonly token: string
  /** When set, requests must carry exactly this security user; otherwise any non-empty one will do. */
  readonly securityUserId?: string
  /** The URL clients address; requests elsewhere are not the mock's. */
  readonly baseUrl?: string
  readonly snapshot?: OrceSnapshot
  readonly faults?: FaultConfig
  readonly traffic?: TrafficLogOptions
}

/** What `handle` answers for faults without an HTTP answer: the transport must fail the connection instead. */
export const droppedConnection = (): Response => Response.error()

const waitForAbort = (signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) resolve()
    else signal.addEventListener("abort", () => resolve(), { once: true })
  })

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export class MockOrce {
  readonly store: OrceStore
  readonly traffic: TrafficLog
  readonly baseUrl: string
  faults: FaultPlan
  readonly #prefix: string
  readonly #authorization: string
  readonly #securityUserId: string | undefined
  readonly authority: MockAuthority
  readonly #soapPath: string
  readonly #tokenPath: string

  constructor(options: MockOrceOptions) {
    this.store = new OrceStore(options)
    if (options.snapshot !== undefined) this.store.reset(options.snapshot)
    this.traffic = new TrafficLog(options.traffic)
    this.faults = new FaultPlan(options.faults)
    this.baseUrl = (options.baseUrl ?? defaultMockBaseUrl).replace(/\/+$/, "")
    this.#prefix = `${this.baseUrl}/`
    this.#authorization = `Bearer ${options.token}`
    this.#securityUserId = options.securityUserId
    this.authority = new MockAuthority(options)
    this.#soapPath = customerServicesPath.slice(1)
    this.#tokenPath = tokenPath.slice(1)
  }

  /** The Customer Services endpoint clients POST to; its WSDL is at this URL with `?wsdl`. */
  get soapEndpointUrl(): string {
    return `${this.#prefix}${this.#soapPath}`
  }

  /** The OAuth 2 token endpoint (client credentials). */
  get tokenUrl(): string {
    return `${this.#prefix}${this.#tokenPath}`
  }

  /** Whether a request is addressed to this mock at all (MSW's predicate). */
  owns(request: Request): boolean {
    return request.url.startsWith(this.#prefix)
  }

  setFaults(config: FaultConfig): void {
    this.faults = new FaultPlan(config)
  }

  async handle(request: Request): Promise<Response> {
    const url = request.url
    const queryAt = url.indexOf("?", this.#prefix.length)
    const path = url.slice(this.#prefix.length, queryAt === -1 ? undefined : queryAt)
    const method = request.method
    if (path === this.#soapPath) return this.#handleSoap(request, url, queryAt)
    if (path === this.#tokenPath) return this.authority.issue(request)
    const segments = path.split("/")
    if (segments[0] === adminSegment) {
      const body = method === "GET" || method === "HEAD" ? undefined : await readJson(request)
      const reply = !this.authority.accepts(request.headers.get("authorization"), this.#authorization)
        ? errorAnswer(401, "UNAUTHORIZED", "Missing or invalid credentials")
        : body === invalidJson
        ? errorAnswer(400, "BAD_REQUEST", "Request body is not JSON")
        : runAdmin(this.store, this.traffic, method, segments[1], new URL(url).searchParams, body)
      return toResponse(reply)
    }
    return new Response(`Nothing at /${path}: Customer Services v3.1 is at ${customerServicesPath}`, {
      status: 404,
      headers: { "content-type": "text/plain" }
    })
  }

  async #handleSoap(request: Request, url: string, queryAt: number): Promise<Response> {
    const startedAt = Date.now()
    const startedClock = performance.now()
    if (request.method === "GET" && queryAt !== -1 && url.slice(queryAt + 1).toLowerCase() === "wsdl") {
      return soapResponse({ status: 200, text: customerServicesWsdl(this.soapEndpointUrl), contentType: xmlContentType })
    }
    const text = request.method === "POST" ? (knownBody(request) ?? (await request.text())) : ""
    const sequence = this.traffic.nextSequence()
    const decoded = request.method === "POST" ? decodeSoapRequest(text) : faultAnswer({ faultCode: "Client", faultString: "Customer Services takes SOAP requests by POST" })
    const parsed = "operation" in decoded ? decoded : undefined
    const decision = this.faults.decide(sequence, () =>
      parsed === undefined
        ? { isSearch: false, customerIds: [], altKeyValues: [] }
        : faultSubject(this.store, parsed.route, parsed.routeRequest))
    if (decision.latencyMs > 0) await sleep(decision.latencyMs)
    const fault = decision.fault
    // The journal holds what the store took and answered, readable as the domain has it, besides the SOAP text.
    const record = (status: number, reply: SoapAnswer | undefined, json: unknown) =>
      this.traffic.record({
        sequence,
        method: request.method,
        path: url.slice(this.baseUrl.length),
        status,
        requestBody: parsed === undefined ? text : parsed.routeRequest.body,
        responseBody: json ?? reply?.text,
        started: new Date(startedAt).toISOString(),
        durationMs: performance.now() - startedClock,
        ...(fault === undefined ? {} : { fault: fault.kind }),
        ...(parsed === undefined ? {} : { operation: parsed.operation }),
        requestXml: text,
        ...(reply === undefined ? {} : { responseXml: reply.text }),
        customerIds: parsed === undefined ? [] : customerIdsOf(parsed.routeRequest, json)
      })
    if (fault?.kind === "drop" || fault?.kind === "timeout") {
      if (fault.kind === "timeout") await waitForAbort(signalOf(request))
      record(0, undefined, undefined)
      return droppedConnection()
    }
    const { reply, json } = this.#answerSoap(request, decoded, decision)
    record(reply.status, reply, json)
    return soapResponse(reply)
  }

  #answerSoap(request: Request, decoded: SoapRequest | SoapAnswer, decision: FaultDecision): { reply: SoapAnswer; json?: unknown } {
    const fault = decision.fault
    const unavailable = (status: number): SoapAnswer => ({ status, text: status >= 500 ? "Service temporarily unavailable" : "Refused", contentType: "text/plain" })
    if (fault?.kind === "error") return { reply: unavailable(fault.status) }
    if (!this.authority.accepts(request.headers.get("authorization"), this.#authorization)) {
      return { reply: { status: 401, text: "Unauthorized", contentType: "text/plain" } }
    }
    if (!("operation" in decoded)) return { reply: decoded }
    const user = decoded.securityUserId
    if (user === undefined || user === "" || (this.#securityUserId !== undefined && user !== this.#securityUserId)) {
      return { reply: faultAnswer({ faultCode: "Server", faultString: "Invalid user", relateExceptionCode: "INVALID_USER", message: "Missing or unknown security user" }) }
    }
    if (fault?.kind === "failCustomer") {
      return {
        // A refusal by status (gateway: 401, 403, 5xx) stays bare HTTP; another 4xx is ORCE refusing the data.
        reply: fault.status >= 500 || fault.status === 401 || fault.status === 403
          ? unavailable(fault.status)
          : faultAnswer({ faultCode: "Server", faultString: "Injected failure", relateExceptionCode: "INSUFFICIENT_DATA_SUPPLIED", message: "Injected failure" })
      }
    }
    if (fault?.kind === "lookupLimit" && decoded.operation === "searchCustomers") {
      return { reply: faultAnswer({ faultCode: "Server", faultString: lookupLimitMessage, relateExceptionCode: "MAXIMUM_LOOKUP_RESULTS_ERROR", message: lookupLimitMessage }) }
    }
    const answered = decoded.route.run(this.store, decoded.routeRequest)
    const json = this.faults.masksAnyone && answered.status === 200 ? this.#mask(decoded.route, answered) : answered
    return { reply: encodeSoapAnswer(decoded, json, wallClock, (id) => this.faults.isMasked(id)), json: json.body }
  }

  #mask(route: RouteEntry, reply: Answer): Answer {
    const maskListed = (customer: OrceCustomer) => (this.faults.isMasked(customer.customerId) ? maskCustomer(customer) : customer)
    if (route.name === "get") {
      const body = reply.body as { customer: OrceCustomer; resolvedFrom?: string }
      return answer(200, { ...body, customer: maskListed(body.customer) })
    }
    if (route.name === "search") {
      const body = reply.body as { customers: ReadonlyArray<OrceCustomer> }
      return answer(200, { customers: body.customers.map(maskListed) })
    }
    return reply
  }
}

/**
 * A search answer's DateTime is the time of answering: not the store's clock, which a stepping clock (byte-
 * identical snapshots) would advance.
 */
const wallClock = () => new Date()

const soapResponse = (answer: SoapAnswer): Response =>
  rememberBody(new Response(answer.text, { status: answer.status, headers: { "content-type": answer.contentType } }), answer.text)
