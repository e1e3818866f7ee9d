/**
 * What is already held about a Request or Response without reading it through Fetch: its body as text, and for
 * a request of the in-process mock's fetch the caller's abort signal. The standalone mock has read the socket,
 * the in-process fetch has the caller's string and the mock's handlers have just serialized their answer, so
 * reading the same bytes back through a Fetch body stream (and MSW's clone of it) would be pure overhead on
 * every request, on the mock's side and on the client's (soap-transport.ts reads an answer's text here
 * first); so would a Request following the caller's signal through a signal of its own. Anything not in the
 * maps is read the ordinary way.
 */
const knownBodies = new WeakMap<Request | Response, string>()
const knownSignals = new WeakMap<Request, AbortSignal>()

export const rememberBody = <T extends Request | Response>(carrier: T, text: string): T => {
  knownBodies.set(carrier, text)
  return carrier
}

export const knownBody = (carrier: Request | Response): string | undefined => knownBodies.get(carrier)

export const rememberSignal = (request: Request, signal: AbortSignal): Request => {
  knownSignals.set(request, signal)
  return request
}

/** The signal that says the caller gave up on this request. */
export const signalOf = (request: Request): AbortSignal => knownSignals.get(request) ?? request.signal
