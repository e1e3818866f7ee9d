import { getResponse, type HttpHandler } from "msw"
import type { Fetch } from "../src/orce/transport.ts"
import { rememberBody } from "./known-bodies.ts"

/**
 * A fetch that answers from MSW handlers directly with `getResponse`, no interception: the in-process mock
 * (tests, and runs without an ORCE URL). Faults without an HTTP answer behave as fetch does on a broken network: the promise
 * rejects with a TypeError, or with the abort reason when the caller gave up first.
 */
export const inProcessFetch = (handlers: ReadonlyArray<HttpHandler>): Fetch => {
  const list = [...handlers]
  return async (input, init) => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init)
    if (typeof init?.body === "string") rememberBody(request, init.body)
    // An answer comes back as a task of the event loop, as from a socket, never on the request's own
    // microtask chain: else a chunk of requests would hold off timers and other I/O until its last answer.
    await new Promise((resolve) => setImmediate(resolve))
    const response = await getResponse(list, request)
    if (request.signal.aborted) throw request.signal.reason
    if (response === undefined) throw new TypeError(`fetch failed: no mock for ${request.method} ${request.url}`)
    if (response.type === "error") throw new TypeError("fetch failed", { cause: new Error("mock-orce: connection dropped") })
    return response
  }
}
