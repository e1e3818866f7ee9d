import type { OrceCustomer } from "../src/domain/orce-customer.ts"
import { lookupLimitMessage, securityUserHeader } from "../src/orce/contract.ts"
import { adminSegment, runAdmin } from "./admin.ts"
import { type FaultConfig, type FaultDecision, FaultPlan } from "./faults.ts"
import { answer, type Answer, errorAnswer, invalidJson, readJson, toResponse } from "./http-json.ts"
import { maskCustomer } from "./mask.ts"
import { customerIdsOf, faultSubject } from "./request-subject.ts"
import { findRoute, type RouteEntry, type RouteRequest } from "./routes.ts"
import type { OrceSnapshot } from "./snapshot.ts"
import { OrceStore, type OrceStoreOptions } from "./store.ts"
import { TrafficLog, type TrafficLogOptions } from "./traffic.ts"

/**
 * One mock Customer Engagement: store, fault plan and traffic log behind a single request handler. The MSW
 * handlers (handlers.ts) call `handle`; the in-process fetch and the standalone server both go through MSW.
 */

export const defaultMockBaseUrl = "http://mock-orce.local"

export interface MockOrceOptions extends OrceStoreOptions {
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

  constructor(options: MockOrceOptions) {
    this.store = new OrceStore(options)
    if (options.snapshot !== undefined) this.store.reset(options.snapshot)
    this.traffic = new TrafficLog(options.traffic)
    this.faults = new FaultPlan(options.faults)
    this.baseUrl = (options.baseUrl ?? defaultMockBaseUrl).replace(/\/+$/, "")
    this.#prefix = `${this.baseUrl}/`
    this.#authorization = `Bearer ${options.token}`
    this.#securityUserId = options.securityUserId
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
    const segments = url.slice(this.#prefix.length, queryAt === -1 ? undefined : queryAt).split("/")
    const method = request.method
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
