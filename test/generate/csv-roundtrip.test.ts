import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { parse } from "csv-parse/sync"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { customerColumns, profileColumns } from "../../src/generate/columns.ts"
import { writeExportCsv } from "../../src/generate/write-export-csv.ts"
import { collect } from "./collect.ts"
import { freshDir, writeInTemp } from "./write-csv.ts"

// A high dirty rate makes the quoting cases (commas in company names, quoted nicknames, embedded
// newlines) certain to occur.
const options = { customers: 3000, seed: 9, duplicateRate: 0.1, dirtyRate: 0.3 }

const parseFile = (path: string) => parse(readFileSync(path), { columns: true, bom: false }) as Array<Record<string, string>>

describe("CSV writer", () => {
  it("round-trips every customer field through csv-parse, quoted commas, quotes and newlines included", async () => {
    const written = await writeInTemp(options)
    const { customers } = collect(options)
    const parsed = parseFile(written.out)
    expect(parsed).toEqual(customers.map((c) => c.row))
    const values = parsed.flatMap((row) => Object.values(row))
    expect(values.some((v) => v.includes(","))).toBe(true)
    expect(values.some((v) => v.includes("\""))).toBe(true)
    expect(values.some((v) => v.includes("\n"))).toBe(true)
  })

  it("writes a header of canonical names and LF line endings", async () => {
    const written = await writeInTemp({ customers: 50, seed: 3, duplicateRate: 0 })
    const text = readFileSync(written.out, "utf8")
    expect(text.split("\n")[0]).toBe(customerColumns.join(","))
    expect(text).not.toContain("\r")
    expect(text.endsWith("\n")).toBe(true)
    expect(readFileSync(written.profileOut, "utf8").split("\n")[0]).toBe(profileColumns.join(","))
  })

  it("writes the profiles and the duplicate truth that the generator produced", async () => {
    const written = await writeInTemp(options)
    const { customers, profiles } = collect(options)
    expect(parseFile(written.profileOut)).toEqual(profiles.map((p) => p.row))
    expect(parseFile(written.truthOut)).toEqual(
      customers.filter((c) => c.duplicateOf !== undefined).map((c) => ({
        duplicate_customer_number: c.row.customer_number,
        original_customer_number: c.duplicateOf,
        variations: c.variations.join(";")
      }))
    )
    expect(written.summary.customers).toBe(3000)
    expect(written.summary.profiles).toBe(profiles.length)
    expect(written.summary.duplicates).toBe(300)
    expect(written.summary.dirtyRows).toBe(900)
  })

  it("reports progress up to the number of customers", async () => {
    const seen: Array<number> = []
    const dir = freshDir()
    await Effect.runPromise(writeExportCsv({
      customers: 2500,
      seed: 1,
      duplicateRate: 0,
      out: join(dir, "c.csv"),
      progressEvery: 1000,
      onProgress: (n) => seen.push(n)
    }))
    expect(seen).toEqual([1000, 2000, 2500])
  })

  it("fails with ExportWriteError naming the file it could not write", async () => {
    // A directory cannot be made under a plain file, so the write must fail.
    const notADirectory = join(freshDir(), "plain-file")
    writeFileSync(notADirectory, "")
    const out = join(notADirectory, "customers.csv")
    const error = await Effect.runPromise(Effect.flip(writeExportCsv({ customers: 10, seed: 1, duplicateRate: 0, out })))
    expect(error._tag).toBe("ExportWriteError")
    expect(error._tag === "ExportWriteError" && error.path).toBe(out)
    expect(error.message).toContain(`Cannot write ${out}`)
  })

  it("refuses options out of range with InvalidExportOptions", async () => {
    const error = await Effect.runPromise(
      Effect.flip(writeExportCsv({ customers: 10, seed: 1, duplicateRate: 1.5, out: join(freshDir(), "c.csv") }))
    )
    expect(error._tag).toBe("InvalidExportOptions")
  })
})
