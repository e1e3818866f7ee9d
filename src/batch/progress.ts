import { Context } from "effect"

/** A step's progress after each chunk: items done, and the share of its input done when it is known. */
export interface StepProgress {
  readonly step: string
  /** What the step's items are, for a person: "records", "customers". */
  readonly unit: string
  readonly done: number
  readonly fraction: number | undefined
}

/** Where steps report their progress: nowhere unless the CLI provides a progress bar. */
export const Progress = Context.Reference<{ readonly update: (progress: StepProgress) => void }>(
  "orce-sync/batch/Progress",
  { defaultValue: () => ({ update: () => {} }) }
)
