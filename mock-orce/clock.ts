/**
 * A clock for byte-identical runs (MOCK-2): starts at a fixed instant and moves on by a fixed step each time it
 * is read, so createDate/updateDate depend only on the order of requests, never on when the run happened.
 */
export const steppingClock = (startIso: string, stepMs = 1_000): () => Date => {
  const start = Date.parse(startIso)
  if (Number.isNaN(start)) throw new RangeError(`Not an ISO timestamp: ${startIso}`)
  let reads = 0
  return () => new Date(start + stepMs * reads++)
}
