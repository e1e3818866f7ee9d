import { assert, it } from "@effect/vitest"
import { TextBuffer } from "../../src/stages/load/text-buffer.ts"

it("grows past the size it expected and keeps every line's UTF-8 exact", () => {
  const buffer = new TextBuffer(0)
  const lines = Array.from({ length: 5_000 }, (_, index) => `${index}\tGröße\t東京 😀\t${"x".repeat(index % 97)}\n`)
  for (const line of lines) buffer.write(line)
  const expected = Buffer.from(lines.join(""))
  assert.isAbove(expected.length, 16 * 1024 * 16)
  assert.strictEqual(buffer.length, expected.length)
  assert.deepStrictEqual(Buffer.from(buffer.text()), expected)
  // Its own buffer, never a slice of Node's shared pool, since it is handed to another thread.
  assert.strictEqual(buffer.text().byteOffset, 0)
  assert.notStrictEqual(buffer.text().buffer.byteLength, Buffer.poolSize)
})
