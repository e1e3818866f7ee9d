import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { isRejectable } from "../../src/generate/make-dirty.ts"
import { validateCustomerRow } from "../../src/stages/validate/customer-row.ts"
import { loadReferenceData } from "../../src/stages/validate/reference-data.ts"
import { collect } from "./collect.ts"

// The generator's promise to the rest of the pipeline: clean and loadable-dirty rows pass the validate
// stage, rejectable ones do not. A repeated customer number is the loader's to catch (VAL-3 needs the
// whole file), so it is left out here.
const reference = loadReferenceData(join(import.meta.dirname, "..", "..", "data", "reference"))
const { customers } = collect({ customers: 20_000, seed: 77, duplicateRate: 0.05, dirtyRate: 0.2 })
const verdicts = customers.map((c, i) => ({ ...c, verdict: validateCustomerRow(c.row, { source: "generated.csv", line: i + 2 }, reference) }))

describe("generated rows against the validate stage", () => {
  it("VAL-5 VAL-6 VAL-7 clean rows and rows with loadable faults all pass validation", () => {
    const failing = verdicts
      .filter((v) => (v.dirt === undefined || !isRejectable(v.dirt)) && !v.verdict.ok)
      .map((v) => ({ dirt: v.dirt, rejects: v.verdict.ok ? [] : v.verdict.rejects.map((r) => `${r.field}: ${r.reason}`) }))
    expect(failing).toEqual([])
  })

  it("VAL-3 VAL-4 VAL-5 VAL-6 VAL-7 rows with rejectable faults are all rejected", () => {
    const rejectable = verdicts.filter((v) => v.dirt !== undefined && isRejectable(v.dirt) && v.dirt !== "repeated-customer-number")
    expect(rejectable.length).toBeGreaterThan(500)
    expect(rejectable.filter((v) => v.verdict.ok).map((v) => v.dirt)).toEqual([])
  })
})
