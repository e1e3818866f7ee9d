import { Effect } from "effect"
import { initialExportJob as exportDefinition } from "../../pipelines/initial-export.ts"
import { jobs } from "../../pipelines/jobs.ts"
import { loadJob as loadDefinition } from "../../pipelines/load.ts"
import { syncJob as syncDefinition } from "../../pipelines/sync.ts"
import { startJob } from "../../src/batch/job.ts"
import { Progress, type StepProgress } from "../../src/batch/progress.ts"
import { resumeRun } from "../../src/batch/resume.ts"
import { noCounts } from "../../src/batch/step-counts.ts"
import type { StepExecution } from "../../src/batch/step-execution.ts"
import { outcomes } from "../../src/domain/outcome.ts"
import type { LoadInput } from "../../src/stages/load/open-sources.ts"

/**
 * The jobs as the tests start them, through the batch core exactly as the CLI does, with their step
 * executions read back in the shapes the tests compare.
 */

const stepOf = (steps: ReadonlyArray<StepExecution>, name: string) => steps.find((step) => step.step === name)

const loadCounts = (step: StepExecution | undefined) => {
  const counts = step?.counts ?? noCounts
  return { records: counts.read, loaded: counts.written, rejected: counts.rejected }
}

const syncCounts = (step: StepExecution | undefined) => {
  const counts = step?.counts ?? noCounts
  return {
    counts: Object.fromEntries(outcomes.map((outcome) => [outcome, counts.outcomes[outcome] ?? 0])) as Record<(typeof outcomes)[number], number>,
    customers: counts.read,
    checkpoint: {
      chunk: step?.chunks ?? 0,
      lastCustomerNumber: (step?.checkpoint as { lastCustomerNumber?: number } | undefined)?.lastCustomerNumber ?? 0
    }
  }
}

const withProgress = <A, E, R>(effect: Effect.Effect<A, E, R>, onProgress?: (progress: StepProgress) => void) =>
  onProgress === undefined ? effect : Effect.provideService(effect, Progress, { update: onProgress })

export const loadJob = (input: LoadInput, onProgress?: (progress: StepProgress) => void) =>
  withProgress(startJob(loadDefinition, input), onProgress).pipe(Effect.map((result) => {
    if (result._tag === "NotRun") throw new Error(result.reason)
    return {
      runId: result.runId,
      customers: loadCounts(stepOf(result.steps, "load-customers")),
      profiles: loadCounts(stepOf(result.steps, "load-profiles"))
    }
  }))

export const syncJob = () =>
  startJob(syncDefinition, {}).pipe(Effect.map((result) =>
    result._tag === "NotRun"
      ? { _tag: "IntegrationOff" as const, reason: result.reason }
      : { _tag: "Synced" as const, runId: result.runId, ...syncCounts(stepOf(result.steps, "sync")) }
  ))

export const initialExportJob = (input: LoadInput, onProgress?: (progress: StepProgress) => void) =>
  withProgress(startJob(exportDefinition, input), onProgress).pipe(Effect.map((result) =>
    result._tag === "NotRun"
      ? { _tag: "IntegrationOff" as const, reason: result.reason }
      : {
        _tag: "Exported" as const,
        runId: result.runId,
        loaded: { customers: loadCounts(stepOf(result.steps, "load-customers")), profiles: loadCounts(stepOf(result.steps, "load-profiles")) },
        synced: syncCounts(stepOf(result.steps, "sync"))
      }
  ))

export const resumeJob = (runId: string) =>
  resumeRun(runId, jobs).pipe(Effect.map((result) => {
    switch (result._tag) {
      case "NotRun":
        return { _tag: "IntegrationOff" as const, reason: result.reason }
      case "NothingToResume":
        return { _tag: "NothingToResume" as const, runId }
      case "Ran":
        return { _tag: "Resumed" as const, runId, ...syncCounts(stepOf(result.steps, "sync")) }
    }
  }))
