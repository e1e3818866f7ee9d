import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { sampleOptions } from "../../src/generate/sample-options.ts"
import { writeInTemp } from "./write-csv.ts"

const sampleDir = join(import.meta.dirname, "..", "..", "data", "sample")

describe("data/sample", () => {
  it("is what the generator makes from the documented options (regenerate with src/generate/make-sample.ts)", async () => {
    const written = await writeInTemp(sampleOptions)
    for (const [file, path] of [["customers.csv", written.out], ["profiles.csv", written.profileOut], ["duplicates.csv", written.truthOut]] as const) {
      expect(readFileSync(path, "utf8"), file).toBe(readFileSync(join(sampleDir, file), "utf8"))
    }
  })
})
