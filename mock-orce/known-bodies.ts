/**
 * Bodies the mock already holds as text, keyed by the Request or Response that carries them. The standalone
 * server has read the socket and the handlers have just serialized their answer, so reading the same bytes
 * back through a Fetch body stream (and MSW's clone of it) would be pure overhead on every request.
 * Anything not in the map is read the ordinary way.
 */
const knownBodies = new WeakMap<Request | Response, string>()

export const rememberBody = <T extends Request | Response>(carrier: T, text: string): T => {
  knownBodies.set(carrier, text)
  return carrier
}

export const knownBody = (carrier: Request | Response): string | undefined => knownBodies.get(carrier)
