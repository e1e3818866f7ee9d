import type { OrceCustomer } from "../src/domain/orce-customer.ts"
import { lookupLimitMessage, securityUserHeader } from "../src/orce/contract.ts"
import { adminSegment, runAdmin } from "./admin.ts"
import { type FaultConfig, type FaultDecision, FaultPlan } from "./faults.ts"
import { answer, type Answer, errorAnswer, invalidJson, readJson, toResponse } from "./http-json.ts"
import { knownBody, rememberBody } from "./known-bodies.ts"
import { maskCustomer } from "./mask.ts"
import { customerIdsOf, faultSubject } from "./request-subject.ts"
import { findRoute, type RouteEntry, type RouteRequest } from "./routes.ts"
import type { OrceSnapshot } from "./snapshot.ts"
import { OrceStore, type OrceStoreOptions } from "./store.ts"
import { TrafficLog, type TrafficLogOptions } from "./traffic.ts"
import { customerServicesPath } from "../src/orce/soap/schema.ts"
import { decodeSoapRequest, encodeSoapAnswer, faultAnswer, type SoapAnswer, type SoapRequest, xmlContentType } from "./soap-endpoint.ts"
import { MockAuthority, type MockAuthorityOptions, tokenPath } from "./authority.ts"
import { customerServicesWsdl } from "./wsdl.ts"

/**
 * One mock Customer Engagement: store, fault plan and traffic log behind a single request handler. The MSW
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
  readonly #now: () => Date

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
    this.#now = options.now ?? (() => new Date())
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
    const startedAt = Date.now()
    const startedClock = performance.now()
    const url = request.url
    const queryAt = url.indexOf("?", this.#prefix.length)
    const path = url.slice(this.#prefix.length, queryAt === -1 ? undefined : queryAt)
    const method = request.method
    if (path === this.#soapPath) return this.#handleSoap(request, url, startedAt, startedClock, queryAt)
    if (path === this.#tokenPath) return this.authority.issue(request)
    const segments = path.split("/")
    const body = method === "GET" || method === "HEAD" ? undefined : await readJson(request)

    if (segments[0] === adminSegment) {
      const denied = this.#authorize(request)
      const reply = denied ?? (body === invalidJson
        ? errorAnswer(400, "BAD_REQUEST", "Request body is not JSON")
        : runAdmin(this.store, this.traffic, method, segments[1], new URL(url).searchParams, body))
      return toResponse(reply)
    }

    const sequence = this.traffic.nextSequence()
    const route = findRoute(method, segments)
    const routeRequest: RouteRequest = { method, segments, body }
    const decision = this.faults.decide(sequence, () => faultSubject(this.store, route, routeRequest))
    if (decision.latencyMs > 0) await sleep(decision.latencyMs)

    const fault = decision.fault
    if (fault?.kind === "drop" || fault?.kind === "timeout") {
      // A timeout holds the exchange until the client gives up (its signal aborts), then ends it unanswered.
      if (fault.kind === "timeout") await waitForAbort(request.signal)
      this.#record(sequence, request, url, routeRequest, 0, undefined, startedAt, startedClock, fault.kind)
      return droppedConnection()
    }

    const reply = this.#answer(request, route, routeRequest, decision)
    this.#record(sequence, request, url, routeRequest, reply.status, reply.body, startedAt, startedClock, fault?.kind)
    return toResponse(reply)
  }

  async #handleSoap(request: Request, url: string, startedAt: number, startedClock: number, queryAt: number): Promise<Response> {
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
    const record = (status: number, responseBody: string | undefined, customerIds: ReadonlyArray<string>) =>
      this.traffic.record({
        sequence,
        method: request.method,
        path: url.slice(this.baseUrl.length) + (parsed === undefined ? "" : `#${parsed.operation}`),
        status,
        requestBody: text,
        responseBody,
        started: new Date(startedAt).toISOString(),
        durationMs: performance.now() - startedClock,
        ...(fault === undefined ? {} : { fault: fault.kind }),
        customerIds
      })
    if (fault?.kind === "drop" || fault?.kind === "timeout") {
      if (fault.kind === "timeout") await waitForAbort(request.signal)
      record(0, undefined, parsed === undefined ? [] : customerIdsOf(parsed.routeRequest, undefined))
      return droppedConnection()
    }
    const { reply, json } = this.#answerSoap(request, decoded, decision)
    record(reply.status, reply.text, parsed === undefined ? [] : customerIdsOf(parsed.routeRequest, json))
    return soapResponse(reply)
  }

  #answerSoap(request: Request, decoded: SoapRequest | SoapAnswer, decision: FaultDecision): { reply: SoapAnswer; json?: unknown } {
    const fault = decision.fault
    const unavailable = (status: number): SoapAnswer => ({ status, text: "Service temporarily unavailable", contentType: "text/plain" })
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
        reply: fault.status >= 500
          ? unavailable(fault.status)
          : faultAnswer({ faultCode: "Server", faultString: "Injected failure", relateExceptionCode: "INSUFFICIENT_DATA_SUPPLIED", message: "Injected failure" })
      }
    }
    if (fault?.kind === "lookupLimit" && decoded.operation === "searchCustomers") {
      return { reply: faultAnswer({ faultCode: "Server", faultString: lookupLimitMessage, relateExceptionCode: "MAXIMUM_LOOKUP_RESULTS_ERROR", message: lookupLimitMessage }) }
    }
    const answered = decoded.route.run(this.store, decoded.routeRequest)
    const json = this.faults.masksAnyone && answered.status === 200 ? this.#mask(decoded.route, answered) : answered
    return { reply: encodeSoapAnswer(decoded, json, this.#now(), (id) => this.faults.isMasked(id)), json: json.body }
  }

  #authorize(request: Request): Answer | undefined {
    const securityUser = request.headers.get(securityUserHeader)
    if (request.headers.get("authorization") !== this.#authorization) {
      return errorAnswer(401, "UNAUTHORIZED", "Missing or invalid credentials")
    }
    if (securityUser === null || securityUser === "" || (this.#securityUserId !== undefined && securityUser !== this.#securityUserId)) {
      return errorAnswer(401, "UNAUTHORIZED", "Missing or unknown security user")
    }
    return undefined
  }

  #answer(request: Request, route: RouteEntry | undefined, routeRequest: RouteRequest, decision: FaultDecision): Answer {
    const fault = decision.fault
    if (fault?.kind === "error") return errorAnswer(fault.status, "UNAVAILABLE", "Service temporarily unavailable")
    const denied = this.#authorize(request)
    if (denied !== undefined) return denied
    if (fault?.kind === "failCustomer") return errorAnswer(fault.status, fault.status >= 500 ? "UNAVAILABLE" : "BAD_REQUEST", "Injected failure")
    if (route === undefined) {
      return errorAnswer(404, "NOT_FOUND", `No operation ${routeRequest.method} /${routeRequest.segments.join("/")}`)
    }
    if (routeRequest.body === invalidJson) return errorAnswer(400, "BAD_REQUEST", "Request body is not JSON")
    if (fault?.kind === "lookupLimit" && route.name === "search") return errorAnswer(422, "LOOKUP_LIMIT", lookupLimitMessage)
    const reply = route.run(this.store, routeRequest)
    return this.faults.masksAnyone && reply.status === 200 ? this.#mask(route, reply) : reply
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

  #record(
    sequence: number,
    request: Request,
    url: string,
    routeRequest: RouteRequest,
    status: number,
    responseBody: unknown,
    startedAt: number,
    startedClock: number,
    fault: string | undefined
  ): void {
    const customerIds = customerIdsOf(routeRequest, responseBody)
    this.traffic.record({
      sequence,
      method: request.method,
      path: url.slice(this.baseUrl.length),
      status,
      requestBody: routeRequest.body === invalidJson ? "<invalid JSON>" : routeRequest.body,
      responseBody,
      started: new Date(startedAt).toISOString(),
      durationMs: performance.now() - startedClock,
      ...(fault === undefined ? {} : { fault }),
      customerIds
    })
  }
}

const soapResponse = (answer: SoapAnswer): Response =>
  rememberBody(new Response(answer.text, { status: answer.status, headers: { "content-type": answer.contentType } }), answer.text)
