import { describe, expect, it } from "vitest"
import { customerFields } from "../../src/domain/customer.ts"
import { customerColumns, toSnakeCase } from "../../src/generate/columns.ts"
import { collect } from "./collect.ts"

describe("export columns", () => {
  it("are the snake_case names of the Customer fields, in their order", () => {
    expect(customerColumns).toEqual(customerFields.map(toSnakeCase))
  })

  it("snake-cases camel case but keeps digits attached", () => {
    expect(toSnakeCase("dayPhoneExt")).toBe("day_phone_ext")
    expect(toSnakeCase("address2")).toBe("address2")
  })

  it("are exactly the keys of every generated row, with no ground-truth column", () => {
    const { customers } = collect({ customers: 300, seed: 5, duplicateRate: 0.2, dirtyRate: 0.2 })
    for (const { row } of customers) expect(Object.keys(row)).toEqual([...customerColumns])
  })
})
