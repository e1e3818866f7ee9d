import { getResponse, type HttpHandler } from "msw"
import type { Fetch } from "../src/orce/transport.ts"
import { rememberBody, rememberSignal } from "../src/orce/known-bodies.ts"

const neverAborted = new AbortController().signal

/**
 * A fetch that answers from MSW handlers directly with `getResponse`, no interception: the in-process mock
 * (tests, and runs without an ORCE URL). Faults without an HTTP answer behave as fetch does on a broken network: the promise
 * rejects with a TypeError, or with the abort reason when the caller gave up first.
 *
 * A string body and the caller's signal reach the handlers through src/orce/known-bodies.ts rather than through the
 * Request: a Request with a body builds a stream (and MSW tees it for its clone), one with a signal follows
 * it through an AbortController and a finalizer of its own — together most of a request's cost in process.
 */
export const inProcessFetch = (handlers: ReadonlyArray<HttpHandler>): Fetch => {
  const list = [...handlers]
  return async (input, init) => {
    const text = typeof init?.body === "string" ? init.body : undefined
    const signal = init?.signal ?? neverAborted
    const request = input instanceof Request && init === undefined
      ? input
      : rememberSignal(new Request(input, { ...init, signal: undefined, body: text === undefined ? init?.body : undefined }), signal)
    if (text !== undefined) rememberBody(request, text)
    // An answer comes back as a task of the event loop, as from a socket, never on the request's own
    // microtask chain: else a chunk of requests would hold off timers and other I/O until its last answer.
    await new Promise((resolve) => setImmediate(resolve))
    const response = await getResponse(list, request)
    const givenUp = request === input ? request.signal : signal
    if (givenUp.aborted) throw givenUp.reason
    if (response === undefined) throw new TypeError(`fetch failed: no mock for ${request.method} ${request.url}`)
    if (response.type === "error") throw new TypeError("fetch failed", { cause: new Error("mock-orce: connection dropped") })
    return response
  }
}
