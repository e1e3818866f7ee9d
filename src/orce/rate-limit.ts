import { Clock, Effect } from "effect"

/**
 * Spaces request starts evenly to at most `perSecond`: each caller takes the next free slot and sleeps until
 * it. Even spacing, rather than a bucket that allows bursts, is what an ORCE rate limit expects.
 */
export const makeRateLimiter = (perSecond: number): Effect.Effect<void> => {
  const intervalMs = 1000 / perSecond
  let nextFreeMs = 0
  return Effect.flatMap(Clock.currentTimeMillis, (nowMs) => {
    const slot = Math.max(nowMs, nextFreeMs)
    nextFreeMs = slot + intervalMs
    return slot > nowMs ? Effect.sleep(slot - nowMs) : Effect.void
  })
}
