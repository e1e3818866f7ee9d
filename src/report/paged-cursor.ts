import { Effect, Fiber } from "effect"
import type { DatabaseError } from "../db/database.ts"

/** Rows per page a report file reads from the database. */
export const pageSize = 5_000

/**
 * Reads a keyset-paged query row by row: one page in memory and the next one on its way (read while this
 * one is written), fetched after the last key, so a run of a million customers costs no more memory than a
 * run of ten thousand (REL-3). Rows are taken synchronously; only a used-up page needs an effect (`fill`).
 */
export const pagedCursor = <A, K, R>(
  fetch: (after: K | undefined) => Effect.Effect<ReadonlyArray<A>, DatabaseError, R>,
  keyOf: (row: A) => K
) => {
  let page: ReadonlyArray<A> = []
  let index = 0
  let next: Fiber.Fiber<ReadonlyArray<A>, DatabaseError> | undefined
  let started = false
  let exhausted = false
  const filled = () => index < page.length || (started && exhausted)
  return {
    /** Brings in the next page when this one is used up. */
    fill: Effect.gen(function*() {
      if (filled()) return
      page = next === undefined ? yield* fetch(undefined) : yield* Fiber.join(next)
      started = true
      index = 0
      exhausted = page.length < pageSize
      const last = page[page.length - 1]
      next = exhausted || last === undefined
        ? undefined
        : yield* Effect.forkChild(fetch(keyOf(last)), { startImmediately: true })
    }),
    /** Whether `current` is known: a row of the page, or the end of the rows. */
    filled,
    /** The current row, undefined at the end of the rows. */
    current: (): A | undefined => page[index],
    advance: () => {
      index++
    }
  }
}
