import { Schema } from "effect"

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

/**
 * What a step did with its items, in Spring Batch's terms with our word for a skip: `rejected` is an input
 * record that did not pass validation (VAL-1), `failed` an item that was processed and failed (a customer
 * ORCE refused, a merge request that could not be applied). `outcomes` are the step's own finer counts
 * (created, updated, deferred, …). A chunk adds its counts in the transaction that commits it, so every item
 * is counted once, whatever crashes and resumes happen on the way.
 */
export const StepCounts = Schema.Struct({
  read: Count,
  written: Count,
  rejected: Count,
  failed: Count,
  outcomes: Schema.Record(Schema.String, Count)
})
export type StepCounts = typeof StepCounts.Type

export const noCounts: StepCounts = { read: 0, written: 0, rejected: 0, failed: 0, outcomes: {} }

export const addCounts = (a: StepCounts, b: StepCounts): StepCounts => {
  const outcomes: Record<string, number> = { ...a.outcomes }
  for (const [key, value] of Object.entries(b.outcomes)) outcomes[key] = (outcomes[key] ?? 0) + value
  return {
    read: a.read + b.read,
    written: a.written + b.written,
    rejected: a.rejected + b.rejected,
    failed: a.failed + b.failed,
    outcomes
  }
}
