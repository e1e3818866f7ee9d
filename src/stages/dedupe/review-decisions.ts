import { Effect, Stream } from "effect"
import type { PartyType } from "../../domain/customer.ts"
import type { ReviewDecision } from "../../db/tables.ts"
import type { SourceRecord } from "../../sources/record-source.ts"

/** The columns a decisions file must have; the review file a dedupe run writes has them first. */
export const decisionColumns = ["customer_a", "customer_b", "decision"] as const

export interface Decision {
  /** The smaller customer number first. */
  readonly a: number
  readonly b: number
  readonly decision: ReviewDecision
  readonly line: number
}

export interface RefusedRow {
  readonly line: number
  readonly reason: string
}

export interface ReadDecisions {
  readonly decisions: ReadonlyArray<Decision>
  readonly refused: ReadonlyArray<RefusedRow>
  /** Rows whose decision is still blank: a pair a person has not decided yet. */
  readonly undecided: number
}

/** What the staging database knows of a customer a decision names. */
export interface KnownCustomer {
  readonly partyType: PartyType
}

const customerNumber = /^\d{1,9}$/

const decisionOf = (value: string): ReviewDecision | undefined => {
  const word = value.trim().toLowerCase()
  return word === "accept" || word === "reject" ? word : undefined
}

/**
 * Checks every row of a decisions file (issue 14, point 6): two different customer numbers the staging
 * database holds, a decision of accept or reject (blank: not decided yet), never an accept across party
 * types (DUP-6), never two different decisions for one pair. Each refused row comes back with its line and
 * the reason; nothing is dropped silently.
 */
export const checkDecisions = (
  records: ReadonlyArray<SourceRecord>,
  known: ReadonlyMap<number, KnownCustomer>
): ReadDecisions => {
  const decisions: Array<Decision> = []
  const refused: Array<RefusedRow> = []
  const decidedOn = new Map<string, Decision>()
  let undecided = 0
  for (const record of records) {
    if (record._tag === "Malformed") {
      refused.push({ line: record.line, reason: record.reason })
      continue
    }
    const { line, values } = record
    const rawA = (values["customer_a"] ?? "").trim()
    const rawB = (values["customer_b"] ?? "").trim()
    const rawDecision = values["decision"] ?? ""
    const refuse = (reason: string) => void refused.push({ line, reason })
    if (rawDecision.trim() === "") {
      undecided++
      continue
    }
    const decision = decisionOf(rawDecision)
    if (decision === undefined) {
      refuse(`decision "${rawDecision.trim()}" is neither accept nor reject`)
      continue
    }
    if (!customerNumber.test(rawA) || !customerNumber.test(rawB) || Number(rawA) === 0 || Number(rawB) === 0) {
      refuse(`customer_a "${rawA}" and customer_b "${rawB}" must both be customer numbers`)
      continue
    }
    const [a, b] = [Number(rawA), Number(rawB)].sort((x, y) => x - y) as [number, number]
    if (a === b) {
      refuse(`customer_a and customer_b are both ${a}; a pair is two customers`)
      continue
    }
    const missing = [a, b].filter((number) => !known.has(number))
    if (missing.length > 0) {
      refuse(`customer ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not in the staging database`)
      continue
    }
    if (decision === "accept" && known.get(a)!.partyType !== known.get(b)!.partyType) {
      refuse(`customers ${a} and ${b} are of different party types and are never merged (DUP-6)`)
      continue
    }
    const key = `${a}:${b}`
    const earlier = decidedOn.get(key)
    if (earlier !== undefined) {
      if (earlier.decision !== decision) refuse(`the pair ${a}, ${b} was decided "${earlier.decision}" on line ${earlier.line} already`)
      continue
    }
    const checked = { a, b, decision, line }
    decidedOn.set(key, checked)
    decisions.push(checked)
  }
  return { decisions, refused, undecided }
}

/** The rows of a decisions file, read whole: a file a person edits by hand is small. */
export const collectRecords = <E, R>(records: Stream.Stream<SourceRecord, E, R>) =>
  Stream.runCollect(records).pipe(Effect.map((collected) => Array.from(collected)))

/** Every customer number a decisions file names, to look up before checking it. */
export const namedCustomers = (records: ReadonlyArray<SourceRecord>): ReadonlyArray<number> => {
  const numbers = new Set<number>()
  for (const record of records) {
    if (record._tag !== "Row") continue
    for (const column of ["customer_a", "customer_b"]) {
      const value = (record.values[column] ?? "").trim()
      if (customerNumber.test(value)) numbers.add(Number(value))
    }
  }
  return [...numbers]
}
