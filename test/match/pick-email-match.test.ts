import { describe, expect, it } from "vitest"
import type { OrceCustomer } from "../../src/domain/orce-customer.ts"
import { pickEmailMatch } from "../../src/stages/match/pick-email-match.ts"

const orce = (customerId: string, oroms?: string): OrceCustomer => ({
  customerId,
  alternateKeys: oroms === undefined ? [] : [{ type: "OROMS_ID", value: oroms }]
})

describe("pickEmailMatch", () => {
  it("SYNC-5 takes the first customer without an OROMS alt key", () => {
    expect(pickEmailMatch([orce("A", "7"), orce("B"), orce("C")], "OROMS_ID", 1)?.customer.customerId).toBe("B")
  })

  it("SYNC-5 takes the first returned when every one has an OROMS alt key", () => {
    expect(pickEmailMatch([orce("A", "7"), orce("B", "8")], "OROMS_ID", 1)).toEqual({
      customer: orce("A", "7"),
      hasOromsKey: true
    })
  })

  it("Decision: an email match that already holds this customer's own OROMS alt key is taken before any other", () => {
    expect(pickEmailMatch([orce("A"), orce("B", "7"), orce("C", "1")], "OROMS_ID", 1)?.customer.customerId).toBe("C")
  })

  it("SYNC-5 finds nothing in an empty answer", () => {
    expect(pickEmailMatch([], "OROMS_ID", 1)).toBeUndefined()
  })
})
