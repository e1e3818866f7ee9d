import { assert, it } from "@effect/vitest"
import { Effect } from "effect"
import { createHash, randomBytes } from "node:crypto"
import { describeInput } from "../../src/sources/describe-input.ts"
import { tempFile } from "../support/files.ts"

it.effect("RPT-1 an input is described by its size and SHA-256, also past the first read of the file", () =>
  Effect.gen(function*() {
    const content = randomBytes(2.5 * 1024 * 1024 + 7)
    const path = tempFile(content)
    const input = yield* describeInput(path)
    assert.deepStrictEqual(input, { source: path, bytes: content.length, sha256: createHash("sha256").update(content).digest("hex") })
  }))

it.effect("RPT-1 an empty input has the SHA-256 of nothing", () =>
  Effect.gen(function*() {
    const path = tempFile("")
    assert.deepStrictEqual(yield* describeInput(path), {
      source: path,
      bytes: 0,
      sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    })
  }))

it.effect("a missing input fails with an error that names it", () =>
  Effect.gen(function*() {
    const error = yield* Effect.flip(describeInput("no/such/file.csv"))
    assert.strictEqual(error._tag, "SourceError")
    assert.include(error.message, "no/such/file.csv")
  }))
