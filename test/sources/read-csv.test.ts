import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { readCsv } from "../../src/sources/csv/read-csv.ts"
import { maxLinesPerRecord } from "../../src/sources/csv/split-records.ts"
import type { SourceRecord } from "../../src/sources/record-source.ts"
import { tempFile } from "../support/files.ts"

const options = { knownColumns: ["id", "name", "city"], requiredColumns: ["id", "name"] }

const readAll = (content: string | Uint8Array, extra: Partial<typeof options> & { columnMapping?: Record<string, string> } = {}) =>
  Effect.gen(function*() {
    const file = yield* readCsv(tempFile(content), { ...options, ...extra })
    const records = yield* Stream.runCollect(file.records)
    return { file, records: Array.from(records) }
  })

/** Each record as its line and its values, or the reason it was rejected. */
const shape = (records: ReadonlyArray<SourceRecord>) =>
  records.map((record) => record._tag === "Row" ? [record.line, record.values] : [record.line, record.reason])

describe("readCsv", () => {
  it.effect("reads rows keyed by column with their line numbers", () =>
    Effect.gen(function*() {
      const { records } = yield* readAll("id,name,city\n1,Ada,Paris\n2,Bob,Rome\n")
      assert.deepStrictEqual(records, [
        { _tag: "Row", line: 2, values: { id: "1", name: "Ada", city: "Paris" } },
        { _tag: "Row", line: 3, values: { id: "2", name: "Bob", city: "Rome" } }
      ])
    }))

  it.effect("opening reads only the header; each run of the records reads the file from its first record", () =>
    Effect.gen(function*() {
      const { file, records } = yield* readAll("id,name,city\n1,Ada,Paris\n2,Bob,Rome\n")
      assert.strictEqual(file.progress(), 1)
      const again = Array.from(yield* Stream.runCollect(file.records))
      assert.deepStrictEqual(again, records)
      assert.deepStrictEqual(again.map((record) => record.line), [2, 3])
    }))

  it.effect("a header whose known columns come in any order gives every row the same keys", () =>
    Effect.gen(function*() {
      const { records } = yield* readAll("city,ignored,name,id\nParis,x,Ada,1\n")
      assert.deepStrictEqual(records, [{ _tag: "Row", line: 2, values: { city: "Paris", name: "Ada", id: "1" } }])
    }))

  it.effect("VAL-8 strips a BOM and reads CRLF line endings", () =>
    Effect.gen(function*() {
      const { records } = yield* readAll("\uFEFFid,name,city\r\n1,Ada,Paris\r\n2,\"Bob\r\nJr\",Rome\r\n")
      assert.deepStrictEqual(records.map((record) => record._tag === "Row" ? record.values : record), [
        { id: "1", name: "Ada", city: "Paris" },
        { id: "2", name: "Bob\nJr", city: "Rome" }
      ])
    }))

  it.effect("VAL-1 reads a file whose lines end in CR alone, every row with its line, a quoted CR kept as data", () =>
    Effect.gen(function*() {
      const { records } = yield* readAll("id,name,city\r1,Ada,Paris\r2,\"Bob\rJr\",Rome\r3,Cy\r\r4,Dee,Lima\r")
      assert.deepStrictEqual(shape(records), [
        [2, { id: "1", name: "Ada", city: "Paris" }],
        [3, { id: "2", name: "Bob\rJr", city: "Rome" }],
        [5, "line 5 has 2 fields; the header has 3"],
        [7, { id: "4", name: "Dee", city: "Lima" }]
      ])
    }))

  it.effect("VAL-1 a lone CR in a file of LF lines ends its record, and counts a line wherever it is", () =>
    Effect.gen(function*() {
      const { records } = yield* readAll("id,name,city\n1,Ada,Paris\r2,Bob,Rome\n3,\"Eve\rLyn\",Kyiv\n4,Cy\n")
      assert.deepStrictEqual(shape(records), [
        [2, { id: "1", name: "Ada", city: "Paris" }],
        [3, { id: "2", name: "Bob", city: "Rome" }],
        [4, { id: "3", name: "Eve\rLyn", city: "Kyiv" }],
        [6, "line 6 has 2 fields; the header has 3"]
      ])
    }))

  it.effect("VAL-1 a CRLF cut between two reads ends one line, in a file that also ends lines with CR alone", () =>
    Effect.gen(function*() {
      // The CR of row 1000's CRLF is the last byte of the first read, its LF the first of the next; the
      // rows before it end in CR alone, those after it in CRLF, and a short row after them is rejected.
      const readBytes = 256 * 1024
      const head = "id,name,city\r"
      const rows = Array.from({ length: 999 }, (_, index) => `${index + 1},Name ${index + 1},City`)
      const before = head + rows.map((row) => `${row}\r`).join("")
      const padding = readBytes - 1 - Buffer.byteLength(before) - "1000,,City".length
      assert.isAbove(padding, 0)
      const cut = `1000,${"x".repeat(padding)},City`
      const after = Array.from({ length: 999 }, (_, index) => `${index + 1001},Name ${index + 1001},City`)
      const text = `${before}${cut}\r\n${after.join("\r\n")}\r\n2000,Short\r\n`
      assert.strictEqual(Buffer.from(text).subarray(readBytes - 1, readBytes + 1).toString(), "\r\n")
      const { records } = yield* readAll(text)
      assert.deepStrictEqual(
        records.map((record) => [record.line, record._tag === "Row" ? record.values.id : record.reason]),
        [
          ...Array.from({ length: 1999 }, (_, index) => [index + 2, String(index + 1)]),
          [2001, "line 2001 has 2 fields; the header has 3"]
        ]
      )
    }))

  it.effect("VAL-8 loads a U+FFFD the file holds as is and rejects a byte that is not UTF-8 with its line", () =>
    Effect.gen(function*() {
      const bytes = Buffer.concat([
        Buffer.from("id,name,city\n1,Zo\uFFFD,Paris\n2,"),
        Buffer.from([0xff]),
        Buffer.from(",Rome\n3,\uFFFD,Oslo\n")
      ])
      assert.deepStrictEqual(shape((yield* readAll(bytes)).records), [
        [2, { id: "1", name: "Zo\uFFFD", city: "Paris" }],
        [3, "line 3 is not valid UTF-8"],
        [4, { id: "3", name: "\uFFFD", city: "Oslo" }]
      ])
    }))

  it.effect("VAL-8 a U+FFFD cut between two reads is read whole, a character cut by the end of the file is not UTF-8", () =>
    Effect.gen(function*() {
      const readBytes = 256 * 1024
      const head = "id,name,city\n1,"
      const name = `${"x".repeat(readBytes - 1 - Buffer.byteLength(head))}\uFFFD`
      const bytes = Buffer.concat([Buffer.from(`${head}${name},Paris\n2,Bob,Ro`), Buffer.from([0xc3])])
      assert.deepStrictEqual([...bytes.subarray(readBytes - 1, readBytes + 2)], [0xef, 0xbf, 0xbd])
      assert.deepStrictEqual(shape((yield* readAll(bytes)).records), [
        [2, { id: "1", name, city: "Paris" }],
        [3, "line 3 is not valid UTF-8"]
      ])
    }))

  it.effect("VAL-8 refuses a header that is not valid UTF-8 with a sentence that says what to do", () =>
    Effect.gen(function*() {
      const bytes = Buffer.concat([Buffer.from("id,na"), Buffer.from([0xe9]), Buffer.from("me,city\n1,Ada,Paris\n")])
      const error = yield* Effect.flip(readCsv(tempFile(bytes), options))
      assert.strictEqual(error.message, `The header row of ${error.source} is not valid UTF-8; save the export as UTF-8.`)
    }))

  it.effect("VAL-8 rejects a row with the wrong number of fields and reads on", () =>
    Effect.gen(function*() {
      const { records } = yield* readAll("id,name,city\n1,Ada\n2,Bob,Rome,extra\n3,Cy,Oslo\n")
      assert.deepStrictEqual(records.map((record) => [record._tag, record.line]), [["Malformed", 2], ["Malformed", 3], [
        "Row",
        4
      ]])
      const first = records[0]!
      assert.strictEqual(first._tag === "Malformed" && first.reason, "line 2 has 2 fields; the header has 3")
    }))

  it.effect("VAL-8 rejects text after a closing quote on that line only", () =>
    Effect.gen(function*() {
      const { records } = yield* readAll("id,name,city\n1,\"Ada\"x,Paris\n2,Bob,Rome\n")
      assert.deepStrictEqual(records.map((record) => [record._tag, record.line]), [["Malformed", 2], ["Row", 3]])
    }))

  it.effect("VAL-8 reads quoted rows together, or beside a malformed one, exactly as it reads each alone", () =>
    Effect.gen(function*() {
      const quoted = "1,\"Ada, Jr\",Paris\n3,\"Say \"\"hi\"\"\",\"Oslo\nNorth\"\n4,Dee,Lima\n"
      const expected = [
        [2, { id: "1", name: "Ada, Jr", city: "Paris" }],
        [3, { id: "3", name: "Say \"hi\"", city: "Oslo\nNorth" }],
        [5, { id: "4", name: "Dee", city: "Lima" }]
      ]
      assert.deepStrictEqual(shape((yield* readAll(`id,name,city\n${quoted}`)).records), expected)

      const { records } = yield* readAll(`id,name,city\n${quoted}2,"Bob"x,Rome\n5,"Eve\rLyn","Kyiv"\n`)
      assert.deepStrictEqual(shape(records), [
        ...expected,
        [6, "line 6 has a quoted field with text after its closing quote"],
        [7, { id: "5", name: "Eve\rLyn", city: "Kyiv" }]
      ])
    }))

  it.effect("VAL-8 blames an unbalanced quote on its own line and reads the lines after it again", () =>
    Effect.gen(function*() {
      const { records } = yield* readAll("id,name,city\n1,\"Ada,Paris\n2,Bob,Rome\n3,Cy,Oslo\n")
      assert.deepStrictEqual(records.map((record) => [record._tag, record.line]), [["Malformed", 2], ["Row", 3], [
        "Row",
        4
      ]])
      const first = records[0]!
      assert.include(first._tag === "Malformed" ? first.reason : "", "never closed")
    }))

  it.effect("VAL-8 gives up on an open quote after a bounded number of lines", () =>
    Effect.gen(function*() {
      const rows = Array.from({ length: maxLinesPerRecord + 5 }, (_, index) => `${index + 2},Name${index},City`)
      const { records } = yield* readAll(`id,name,city\n1,"Ada,Paris\n${rows.join("\n")}\n`)
      assert.strictEqual(records.length, rows.length + 1)
      assert.strictEqual(records.filter((record) => record._tag === "Malformed").length, 1)
    }))

  it.effect("VAL-8 rejects a row that is not valid UTF-8 and keeps the others", () =>
    Effect.gen(function*() {
      const bytes = Buffer.concat([
        Buffer.from("id,name,city\n1,"),
        Buffer.from([0xc3, 0x28]),
        Buffer.from(",Paris\n2,Bob,Rome\n")
      ])
      const { records } = yield* readAll(bytes)
      assert.deepStrictEqual(records.map((record) => [record._tag, record.line]), [["Malformed", 2], ["Row", 3]])
      const first = records[0]!
      assert.strictEqual(first._tag === "Malformed" && first.reason, "line 2 is not valid UTF-8")
    }))

  it.effect("reads a file of many reads whole, characters split between reads intact", () =>
    Effect.gen(function*() {
      // Some 1 MB: several reads of the file, the last one short, with two-, three- and four-byte
      // characters falling across the edges of reads and of the pieces each read is decoded in.
      const names = Array.from({ length: 20_000 }, (_, index) => `Zoë ${index} 東京 😀 ${"ß".repeat(index % 17)}`)
      const text = `id,name,city\n${names.map((name, index) => `${index},${name},Köln`).join("\n")}\n`
      assert.isAbove(Buffer.byteLength(text), 3 * 256 * 1024)
      const { file, records } = yield* readAll(text)
      assert.deepStrictEqual(records.map((record) => record._tag === "Row" ? record.values.name : record.reason), names)
      assert.deepStrictEqual(records.at(-1), {
        _tag: "Row",
        line: names.length + 1,
        values: { id: String(names.length - 1), name: names.at(-1)!, city: "Köln" }
      })
      assert.strictEqual(file.progress(), 1)
    }))

  it.effect("VAL-8 rejects a row holding a NUL character, which the database cannot store, and keeps the others", () =>
    Effect.gen(function*() {
      const { records } = yield* readAll("id,name,city\n1,Ada\u0000,Paris\n2,Bob,Rome\n")
      assert.deepStrictEqual(records.map((record) => [record._tag, record.line]), [["Malformed", 2], ["Row", 3]])
      const first = records[0]!
      assert.include(first._tag === "Malformed" ? first.reason : "", "line 2 holds a NUL character")
    }))

  it.effect("reads a 10,000-character field whole", () =>
    Effect.gen(function*() {
      const long = "x".repeat(10_000)
      const { records } = yield* readAll(`id,name,city\n1,"${long}",Paris\n`)
      const first = records[0]!
      assert.strictEqual(first._tag === "Row" && first.values.name, long)
    }))

  it.effect("VAL-2 refuses a file missing required columns and names them", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(readCsv(tempFile("city\nParis\n"), options))
      assert.strictEqual(error._tag, "SourceError")
      assert.include(error.message, "missing the required columns id, name")
    }))

  it.effect("VAL-2 maps export header names to column names by configuration", () =>
    Effect.gen(function*() {
      const { file, records } = yield* readAll("CUST#,Full Name,Town,Extra\n1,Ada,Paris,x\n", {
        columnMapping: { "CUST#": "id", "Full Name": "name", "Town": "city" }
      })
      assert.deepStrictEqual(file.header.ignored, ["Extra"])
      const first = records[0]!
      assert.deepStrictEqual(first._tag === "Row" && first.values, { id: "1", name: "Ada", city: "Paris" })
    }))

  it.effect("refuses a header that names a column twice", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(readCsv(tempFile("id,name,ID\n1,Ada,2\n"), options))
      assert.include(error.message, "has the column id twice")
    }))

  it.effect("refuses an empty file and a missing file with a sentence that says what to do", () =>
    Effect.gen(function*() {
      const empty = yield* Effect.flip(readCsv(tempFile(""), options))
      assert.include(empty.message, "is empty")
      const missing = yield* Effect.flip(readCsv("/nonexistent/customers.csv", options))
      assert.include(missing.message, "check that the file exists")
    }))

  it.effect("skips blank lines without counting them as records", () =>
    Effect.gen(function*() {
      const { records } = yield* readAll("id,name,city\n\n1,Ada,Paris\n\n2,Bob,Rome\n")
      assert.deepStrictEqual(records.map((record) => [record._tag, record.line]), [["Row", 3], ["Row", 5]])
    }))
})
