import type { Outcome } from "../../domain/outcome.ts"

export type OutcomeCounts = Readonly<Record<Outcome, number>>

export const noOutcomes: OutcomeCounts = {
  created: 0,
  updated: 0,
  "relate-id-changed": 0,
  deferred: 0,
  failed: 0,
  skipped: 0
}
