import { Effect, Schema } from "effect"

/** One item of a chunk failed (a customer, a merge request): it is recorded and the chunk goes on. */
export class ItemFailed extends Schema.TaggedError<ItemFailed>()("ItemFailed", {
  item: Schema.String,
  reason: Schema.String
}) {}

export type ItemResult<A> =
  | { readonly _tag: "Done"; readonly value: A }
  | { readonly _tag: "Failed"; readonly item: string; readonly reason: string }

/**
 * Processes a chunk's items `concurrency` at a time, each result at its item's index. `concurrency` workers
 * take the items in turn (a fiber per worker, not per item). An item that fails with ItemFailed becomes a
 * `Failed` result; any other error stops the chunk.
 */
export const processItems = <I, A, E, R>(
  items: ReadonlyArray<I>,
  concurrency: number,
  process: (item: I) => Effect.Effect<A, E | ItemFailed, R>
): Effect.Effect<Array<ItemResult<A>>, Exclude<E, ItemFailed>, R> =>
  Effect.suspend(() => {
    const results = new Array<ItemResult<A>>(items.length)
    let taken = 0
    const worker = Effect.whileLoop({
      while: () => taken < items.length,
      body: () => {
        const index = taken++
        return process(items[index]!).pipe(
          Effect.map((value): ItemResult<A> => ({ _tag: "Done", value })),
          Effect.catchIf(
            (error): error is ItemFailed => error instanceof ItemFailed,
            (failure) => Effect.succeed<ItemResult<A>>({ _tag: "Failed", item: failure.item, reason: failure.reason })
          ),
          Effect.map((result) => (results[index] = result))
        ) as Effect.Effect<ItemResult<A>, Exclude<E, ItemFailed>, R>
      },
      step: () => {}
    })
    return Effect.all(Array.from({ length: Math.min(concurrency, items.length) }, () => worker), {
      concurrency: "unbounded",
      discard: true
    }).pipe(Effect.as(results))
  })
