import { describe, expect, it } from "vitest"
import type { SourceRecord } from "../../src/sources/record-source.ts"
import { checkDecisions, namedCustomers } from "../../src/stages/dedupe/review-decisions.ts"

const row = (line: number, customer_a: string, customer_b: string, decision: string): SourceRecord =>
  ({ _tag: "Row", line, values: { customer_a, customer_b, decision } })

const known = new Map([[10, { partyType: "I" as const }], [20, { partyType: "I" as const }], [30, { partyType: "O" as const }]])

describe("review decisions file", () => {
  it("takes accept and reject in any case, the smaller customer number first, and leaves a blank decision for later", () => {
    const records = [row(2, "20", "10", " Accept "), row(3, "10", "30", "REJECT"), row(4, "20", "30", "")]
    expect(checkDecisions(records, known)).toEqual({
      decisions: [{ a: 10, b: 20, decision: "accept", line: 2 }, { a: 10, b: 30, decision: "reject", line: 3 }],
      refused: [],
      undecided: 1
    })
    expect(namedCustomers(records)).toEqual([20, 10, 30])
  })

  it("DUP-6 refuses to accept an individual with an organization, and refuses every bad row by line and reason", () => {
    const { decisions, refused } = checkDecisions([
      row(2, "10", "30", "accept"),
      row(3, "10", "20", "perhaps"),
      row(4, "10", "", "reject"),
      row(5, "10", "10", "reject"),
      row(6, "10", "99", "reject"),
      row(7, "10", "20", "accept"),
      row(8, "20", "10", "reject"),
      row(9, "20", "10", "accept"),
      { _tag: "Malformed", line: 10, reason: "line 10 has an unclosed quote" }
    ], known)
    expect(decisions).toEqual([{ a: 10, b: 20, decision: "accept", line: 7 }])
    expect(refused).toEqual([
      { line: 2, reason: "customers 10 and 30 are of different party types and are never merged (DUP-6)" },
      { line: 3, reason: "decision \"perhaps\" is neither accept nor reject" },
      { line: 4, reason: "customer_a \"10\" and customer_b \"\" must both be customer numbers" },
      { line: 5, reason: "customer_a and customer_b are both 10; a pair is two customers" },
      { line: 6, reason: "customer 99 is not in the staging database" },
      { line: 8, reason: "the pair 10, 20 was decided \"accept\" on line 7 already" },
      { line: 10, reason: "line 10 has an unclosed quote" }
    ])
  })
})
