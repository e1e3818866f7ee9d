import { assert, it } from "@effect/vitest"
import { Effect, Schema, Stream } from "effect"
import { Reject } from "../../src/domain/reject.ts"
import { assembleChunks, linesOf } from "../../src/stages/load/assemble-chunks.ts"
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

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)
const rejectsOf = Schema.decodeSync(Schema.fromJsonString(Schema.Array(Reject)))

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
      text(chunk.rows),
      "1\tSIZE\tGröße M\trun-1\n2\tSIZE\tL\trun-1\n3\tSIZE\tS\trun-1\n4\tCOLOR\tBlå\trun-1\n5\tSIZE\tÜ\trun-1\n"
    )
    assert.strictEqual(text(chunk.index), '\n"1 SIZE"\t2\n"2 SIZE"\t3\n"3 SIZE"\t4\n"4 COLOR"\t6\n"5 SIZE"\t9\n')
    assert.deepStrictEqual(linesOf(chunk, ["4 COLOR", "1 SIZE", "5 SIZE"]), [6, 2, 9])
    assert.strictEqual(chunk.rejected, 4)
    const rejects = rejectsOf(chunk.rejects)
    assert.deepStrictEqual(rejects.map((reject) => [reject.line, reject.rule, reject.customerNumber]), [
      [5, "VAL-3", "1"],
      [7, "VAL-3", "2"],
      [8, "VAL-3", "3"],
      [10, "VAL-3", "4"]
    ])
    assert.include(rejects[3]!.reason, "already appears on line 6")
  }))

it.effect("VAL-3 a batch made only of duplicates adds no row to its chunk", () =>
  Effect.gen(function*() {
    const chunk = yield* chunkOf([[[2, "1", "SIZE", "M"]], [[3, "1", "SIZE", "L"], [4, "1", "SIZE", "S"]]])
    assert.strictEqual(text(chunk.rows), "1\tSIZE\tM\trun-1\n")
    assert.deepStrictEqual(rejectsOf(chunk.rejects).map((reject) => reject.line), [3, 4])
    assert.strictEqual(chunk.rejected, 2)
  }))

it.effect("finds the lines of refused keys in a chunk's index, whatever their text and however alike", () =>
  Effect.gen(function*() {
    const chunk = yield* chunkOf([[
      [2, "17", "Größe", "M"],
      [3, "7", "Größe", "L"],
      [4, "7", "SIZE \"XL\"", "S"],
      [5, "7", "A\tB", "S"],
      [6, "1", "SIZE", "S"],
      [7, "11", "SIZE", "S"]
    ]])
    assert.deepStrictEqual(linesOf(chunk, ["7 Größe", "11 SIZE", "7 A\tB", "1 SIZE", "7 SIZE \"XL\"", "17 Größe"]), [3, 7, 5, 6, 4, 2])
    assert.throws(() => linesOf(chunk, ["7 SIZE"]))
  }))
