import { assert, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { cutBatches } from "../../src/stages/load/cut-batches.ts"

const cut = (items: ReadonlyArray<number>, readSize: number, chunkSize: number, batchSize: number) => {
  let read = 0
  return Stream.fromIterable(items).pipe(
    Stream.rechunk(readSize),
    Stream.tap(() => Effect.sync(() => read++)),
    cutBatches(chunkSize, batchSize, () => read / items.length),
    Stream.runCollect
  )
}

it.effect("batches never straddle two chunks, and the last batch of each chunk says how much was read", () =>
  Effect.gen(function*() {
    const batches = yield* cut(Array.from({ length: 12 }, (_, index) => index + 1), 3, 5, 2)
    assert.deepStrictEqual(batches.map((batch) => [batch.records, batch.chunkEnd !== undefined]), [
      [[1, 2], false],
      [[3, 4], false],
      [[5], true],
      [[6, 7], false],
      [[8, 9], false],
      [[10], true],
      [[11, 12], true]
    ])
    assert.deepStrictEqual(batches.filter((batch) => batch.chunkEnd !== undefined).map((batch) => batch.chunkEnd), [5 / 12, 10 / 12, 1])
  }))

it.effect("a source that ends on a chunk's last record adds no empty batch", () =>
  Effect.gen(function*() {
    const batches = yield* cut([1, 2, 3, 4], 4, 2, 1000)
    assert.deepStrictEqual(batches.map((batch) => batch.records), [[1, 2], [3, 4]])
    assert.deepStrictEqual((yield* cut([], 1, 2, 1000)).length, 0)
  }))
