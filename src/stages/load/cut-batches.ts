import { Stream } from "effect"

/** Records to prepare together; `chunkEnd` is set on the last batch of a chunk: the share of the source read then. */
export interface Batch<A> {
  readonly records: ReadonlyArray<A>
  readonly chunkEnd: number | undefined
}

/**
 * Cuts a source's records into batches of at most `batchSize`, none straddling two chunks of `chunkSize`.
 * Batches smaller than chunks are prepared as soon as they are read, so few records are held at a time.
 */
export const cutBatches = <A>(chunkSize: number, batchSize: number, progress: () => number) =>
<E, R>(records: Stream.Stream<A, E, R>): Stream.Stream<Batch<A>, E, R> =>
  records.pipe(
    Stream.mapAccumArray(
      // A full batch waits for the next record: if the source ends first, the batch ends its chunk too.
      () => ({ pending: [] as Array<A>, inChunk: 0, full: undefined as Array<A> | undefined }),
      (state, items) => {
        const out: Array<Batch<A>> = []
        let { full, inChunk, pending } = state
        for (const item of items) {
          if (full !== undefined) {
            out.push({ records: full, chunkEnd: undefined })
            full = undefined
          }
          pending.push(item)
          inChunk++
          if (inChunk === chunkSize) {
            out.push({ records: pending, chunkEnd: progress() })
            pending = []
            inChunk = 0
          } else if (pending.length === batchSize) {
            full = pending
            pending = []
          }
        }
        return [{ pending, inChunk, full }, out]
      },
      {
        onHalt: ({ full, pending }) => {
          const last = full ?? pending
          return last.length === 0 ? [] : [{ records: last, chunkEnd: progress() }]
        }
      }
    )
  )
