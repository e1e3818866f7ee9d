import { Effect, Schema } from "effect"
import type { JobDefinition } from "../src/batch/job.ts"
import { runReport } from "../src/report/report-listener.ts"
import { describeInput } from "../src/sources/describe-input.ts"
import { type SubmitError, type SubmitRequirements, submitStep } from "../src/stages/merge/submit-step.ts"

export const MergeSubmitParameters = Schema.Struct({
  /** The merge requests file (CSV). */
  file: Schema.String
})
export type MergeSubmitParameters = typeof MergeSubmitParameters.Type

/**
 * `orce-sync merge submit`: a merge requests file checked and saved (MRG-1..MRG-10), as a run of its own, so
 * the ledger and the run report say who submitted what, from which file (RPT-1).
 */
export const mergeSubmitJob: JobDefinition<MergeSubmitParameters, SubmitError, SubmitRequirements> = {
  name: "merge-submit",
  parameters: MergeSubmitParameters,
  talksToOrce: false,
  build: (parameters) =>
    Effect.map(describeInput(parameters.file), (input) => ({
      name: "merge-submit",
      inputs: [input],
      steps: [submitStep(parameters.file)],
      listeners: [runReport]
    }))
}
