import { assert, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { assembleChunks, indexOf } from "../../src/stages/load/assemble-chunks.ts"
import { prepareBatch } from "../../src/stages/load/prepare-batch.ts"
import { rulesOf } from "../../src/stages/load/record-rules.ts"
import { loadReferenceData } from "../../src/stages/validate/index.ts"
import type { SourceRecord } from "../../src/sources/record-source.ts"

const rules = rulesOf({ kind: "profiles", runId: "run-1" }, loadReferenceData())

/** Profile rows [line, customer number, description, value], prepared as batches of one chunk. */
const chunkOf = (batches: ReadonlyArray<ReadonlyArray<readonly [number, string, string, string]>>) =>
  Stream.fromIterable(batches.map((rows, index) => ({
    batch: prepareBatch("profiles.csv", rules, rows.map(([line, number, description, value]): SourceRecord => ({
      _tag: "Row",
      line,
      values: { customer_number: number, profile_description: description, value }
    }))),
    chunkEnd: index === batches.length - 1 ? 1 : undefined
  }))).pipe(assembleChunks("profiles.csv", rules), Stream.runCollect, Effect.map((chunks) => chunks[0]!.chunk))

const copyText = (rows: Uint8Array) => new TextDecoder().decode(rows)

it.effect("VAL-3 drops a chunk's later duplicates wherever they stand in a batch, keeping every other row whole", () =>
  Effect.gen(function*() {
    const chunk = yield* chunkOf([
      [[2, "1", "SIZE", "Größe M"], [3, "2", "SIZE", "L"], [4, "3", "SIZE", "S"]],
      // first, consecutive and last rows of a batch are duplicates; multi-byte text before and after them
      [[5, "1", "SIZE", "XL"], [6, "4", "COLOR", "Blå"], [7, "2", "SIZE", "M"], [8, "3", "SIZE", "M"], [9, "5", "SIZE", "Ü"], [
        10,
        "4",
        "COLOR",
        "Rot"
      ]]
    ])
    assert.strictEqual(chunk.records, 9)
    assert.strictEqual(chunk.valid, 5)
    assert.strictEqual(
      copyText(chunk.rows),
      "1\tSIZE\tGröße M\trun-1\n2\tSIZE\tL\trun-1\n3\tSIZE\tS\trun-1\n4\tCOLOR\tBlå\trun-1\n5\tSIZE\tÜ\trun-1\n"
    )
    assert.deepStrictEqual(indexOf(chunk), { keys: ["1 SIZE", "2 SIZE", "3 SIZE", "4 COLOR", "5 SIZE"], lines: [2, 3, 4, 6, 9] })
    assert.deepStrictEqual(chunk.rejects.map((reject) => [reject.line, reject.rule, reject.customerNumber]), [
      [5, "VAL-3", "1"],
      [7, "VAL-3", "2"],
      [8, "VAL-3", "3"],
      [10, "VAL-3", "4"]
    ])
    assert.include(chunk.rejects[3]!.reason, "already appears on line 6")
  }))

it.effect("VAL-3 a batch made only of duplicates adds no row to its chunk", () =>
  Effect.gen(function*() {
    const chunk = yield* chunkOf([[[2, "1", "SIZE", "M"]], [[3, "1", "SIZE", "L"], [4, "1", "SIZE", "S"]]])
    assert.strictEqual(copyText(chunk.rows), "1\tSIZE\tM\trun-1\n")
    assert.deepStrictEqual(chunk.rejects.map((reject) => reject.line), [3, 4])
  }))
