import { Effect, Schema } from "effect"
import { readStepExecutions, type StepExecution } from "../batch/step-execution.ts"
import { Database } from "../db/database.ts"

/** The stages of a night, each a group of the job's steps, in the order they run. */
export const nightStages = ["load", "dedupe", "merge", "sync"] as const
export type NightStage = (typeof nightStages)[number]

const stageOf = (step: string): NightStage | undefined =>
  step.startsWith("load-") ? "load" : nightStages.find((stage) => stage === step)

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

export const NightStageSummary = Schema.Struct({
  stage: Schema.Literals(nightStages),
  status: Schema.String,
  /** From the stage's first step starting to its last one ending; null while it has not ended. */
  seconds: Schema.NullOr(Schema.Number),
  read: Count,
  written: Count,
  rejected: Count,
  failed: Count
})
export type NightStageSummary = typeof NightStageSummary.Type

/** The night's totals as a person asks for them, and each stage's time (issue 16). */
export const NightSummary = Schema.Struct({
  /** Customers new or changed in the exports, written to staging and flagged for ORCE. */
  customersChanged: Count,
  /** Customers the exports repeat as an earlier night loaded them: left alone. */
  customersUnchanged: Count,
  /** Profile, site, site-use and activity rows new or changed in the exports. */
  otherRowsChanged: Count,
  rejected: Count,
  customersCompared: Count,
  mergeRequests: Count,
  reviewPairs: Count,
  merged: Count,
  mergeFailed: Count,
  synced: Count,
  syncFailed: Count,
  deferred: Count,
  /** The night changed nothing: no customer loaded, no request made, no merge, no call to ORCE. */
  nothingChanged: Schema.Boolean,
  stages: Schema.Array(NightStageSummary)
})
export type NightSummary = typeof NightSummary.Type

const sum = (steps: ReadonlyArray<StepExecution>, take: (step: StepExecution) => number) =>
  steps.reduce((total, step) => total + take(step), 0)

const outcome = (steps: ReadonlyArray<StepExecution>, key: string) => sum(steps, (step) => step.counts.outcomes[key] ?? 0)

const toMillis = (value: Date | string) => (value instanceof Date ? value : new Date(value)).getTime()

/** The night's totals and stage times, from the run's step executions as the ledger holds them. */
export const buildNightSummary = Effect.fn("buildNightSummary")(function*(runId: string) {
  const { query } = yield* Database
  const steps = yield* readStepExecutions(runId)
  const times = yield* query("read step times", (db) =>
    db.selectFrom("stepExecutions").select(["step", "startedAt", "endedAt"]).where("runId", "=", runId).execute())
  const timeOf = new Map(times.map((row) => [row.step, row]))
  const of = (stage: NightStage) => steps.filter((step) => stageOf(step.step) === stage)
  const stages = nightStages.flatMap((stage): Array<NightStageSummary> => {
    const group = of(stage)
    if (group.length === 0) return []
    const rows = group.map((step) => timeOf.get(step.step)!)
    const ended = rows.every((row) => row.endedAt !== null)
    const start = Math.min(...rows.map((row) => toMillis(row.startedAt)))
    const end = ended ? Math.max(...rows.map((row) => toMillis(row.endedAt!))) : undefined
    return [{
      stage,
      status: group.every((step) => step.status === "completed") ? "completed" : group.find((step) => step.status !== "completed")!.status,
      seconds: end === undefined ? null : Math.round(end - start) / 1000,
      read: sum(group, (step) => step.counts.read),
      written: sum(group, (step) => step.counts.written),
      rejected: sum(group, (step) => step.counts.rejected),
      failed: sum(group, (step) => step.counts.failed)
    }]
  })
  const load = of("load")
  const customers = load.filter((step) => step.step === "load-customers")
  const others = load.filter((step) => step.step !== "load-customers")
  const dedupe = of("dedupe")
  const merge = of("merge")
  const sync = of("sync")
  const totals = {
    customersChanged: sum(customers, (step) => step.counts.written),
    customersUnchanged: outcome(customers, "unchanged"),
    otherRowsChanged: sum(others, (step) => step.counts.written),
    rejected: sum(load, (step) => step.counts.rejected),
    customersCompared: outcome(dedupe, "customers-compared"),
    mergeRequests: sum(dedupe, (step) => step.counts.written),
    reviewPairs: outcome(dedupe, "review-pairs"),
    merged: outcome(merge, "completed"),
    mergeFailed: outcome(merge, "failed"),
    synced: sum(sync, (step) => step.counts.read) - outcome(sync, "failed") - outcome(sync, "deferred"),
    syncFailed: outcome(sync, "failed"),
    deferred: outcome(sync, "deferred")
  }
  const changes = totals.customersChanged + totals.otherRowsChanged + totals.mergeRequests + totals.reviewPairs +
    sum(merge, (step) => step.counts.read) + sum(sync, (step) => step.counts.read)
  return { ...totals, nothingChanged: changes === 0, stages } satisfies NightSummary
})

/** The summary without its times, so that two nights over the same data compare (RPT-4). */
export const nightWithoutTimes = (night: NightSummary): NightSummary => ({
  ...night,
  stages: night.stages.map((stage) => ({ ...stage, seconds: null }))
})
