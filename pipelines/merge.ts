import { Effect, Schema } from "effect"
import type { JobDefinition } from "../src/batch/job.ts"
import { MergePriority } from "../src/domain/merge-request.ts"
import { mergeReport } from "../src/report/merge-report.ts"
import { runReport } from "../src/report/report-listener.ts"
import { type MergeError, type MergeRequirements, mergeStep } from "../src/stages/merge/merge-step.ts"

export const MergeParameters = Schema.Struct({
  /** MRG-9: requests per merge set (MERGE_COMMIT_SIZE, or --commit-size). */
  commitSize: Schema.Int,
  /** Only requests of this priority; every priority, P1 first, when left out. */
  priority: Schema.optional(Schema.UndefinedOr(MergePriority))
})
export type MergeParameters = typeof MergeParameters.Type

/** The customer merge batch: the SAVED merge requests, in merge sets of the commit size (MRG-8..MRG-11). */
export const mergeJob: JobDefinition<MergeParameters, MergeError, MergeRequirements> = {
  name: "merge",
  parameters: MergeParameters,
  talksToOrce: true,
  build: (parameters) =>
    Effect.succeed({
      name: "merge",
      inputs: [],
      steps: [mergeStep({ commitSize: parameters.commitSize, priority: parameters.priority })],
      listeners: [runReport, mergeReport]
    })
}
