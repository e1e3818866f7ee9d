import { Clock, Effect, Schema } from "effect"
import { readStepExecutions } from "../batch/step-execution.ts"
import { Database } from "../db/database.ts"
import { runStatuses } from "../db/tables.ts"
import { MatchKind, outcomes } from "../domain/outcome.ts"
import { NightSummary, nightWithoutTimes } from "./night-summary.ts"
import { ReportError } from "./report-error.ts"
import { hidePasswords, redactSettings } from "./redact.ts"
import { readRejectsInOrder } from "./read-rejects.ts"
import { fieldInOrder } from "./reject-order.ts"
import { readThroughput } from "./throughput.ts"

/**
 * The execution report of one run (RPT-1, RPT-2): what a machine reads from report.json and what the HTML
 * report and the terminal summary show. Lists meant for a person are bounded (`listLimit` items each, with
 * the full count); outcomes.csv holds every record.
 */

export const reportFormat = "orce-sync-report/1"

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

export const ReportCounts = Schema.Struct({
  "created": Count,
  "updated": Count,
  "relate-id-changed": Count,
  "deferred": Count,
  "failed": Count,
  "skipped": Count,
  /** Records (source and line) that did not load, whatever the number of field problems each had. */
  "rejected": Count,
  "total": Count
})
export type ReportCounts = typeof ReportCounts.Type
export type CountKey = keyof ReportCounts
export const countKeys = ["created", "updated", "relate-id-changed", "deferred", "failed", "skipped", "rejected", "total"] as const satisfies ReadonlyArray<CountKey>

export const ReportInput = Schema.Struct({
  source: Schema.String,
  bytes: Schema.NullOr(Count),
  sha256: Schema.NullOr(Schema.String),
  rows: Schema.NullOr(Count)
})
export type ReportInput = typeof ReportInput.Type

export const ThroughputPoint = Schema.Struct({
  chunk: Schema.Int,
  seconds: Schema.Number,
  customers: Count,
  customersPerSecond: Schema.NullOr(Schema.Number)
})

export const ReportThroughput = Schema.Struct({
  chunks: Count,
  customers: Count,
  customersPerSecond: Schema.NullOr(Schema.Number),
  points: Schema.Array(ThroughputPoint)
})

/**
 * A customer number is text in every list of the report: a reject's is whatever its record held ("ABC",
 * ""), and one type across the lists lets a reader join them without converting.
 */
const CustomerNumber = Schema.String

export const RejectItem = Schema.Struct({
  customerNumber: CustomerNumber,
  source: Schema.String,
  line: Schema.Int,
  field: Schema.String,
  reason: Schema.String,
  rule: Schema.String
})
export type RejectItem = typeof RejectItem.Type

export const TruncationItem = Schema.Struct({
  customerNumber: CustomerNumber,
  field: Schema.String,
  before: Schema.String,
  after: Schema.String
})
export type TruncationItem = typeof TruncationItem.Type

export const CustomerItem = Schema.Struct({
  customerNumber: CustomerNumber,
  match: MatchKind,
  relateId: Schema.String,
  reason: Schema.String
})
export type CustomerItem = typeof CustomerItem.Type

/** The first `listLimit` items of a list, and how many there are in all. */
const Listed = <S extends Schema.Top>(item: S) => Schema.Struct({ count: Count, items: Schema.Array(item) })

export const RunReport = Schema.Struct({
  format: Schema.Literal(reportFormat),
  runId: Schema.String,
  pipeline: Schema.String,
  status: Schema.Literals(runStatuses),
  /** True unless the run completed: the counts then cover only what was done before it stopped. */
  partial: Schema.Boolean,
  startedAt: Schema.String,
  endedAt: Schema.NullOr(Schema.String),
  durationSeconds: Schema.NullOr(Schema.Number),
  generatedAt: Schema.String,
  /** By setting key; secrets only say that they are set (REL-4). */
  settings: Schema.Record(Schema.String, Schema.String),
  inputs: Schema.Array(ReportInput),
  counts: ReportCounts,
  /** The counts the pipeline recorded in the run ledger, by its own names. */
  recordedCounts: Schema.Record(Schema.String, Schema.Number),
  throughput: ReportThroughput,
  listLimit: Count,
  /** One item per field problem; `counts.rejected` counts the records. */
  rejects: Listed(RejectItem),
  truncations: Listed(TruncationItem),
  deferred: Listed(CustomerItem),
  failed: Listed(CustomerItem),
  /** A nightly run's totals and stage times (issue 16); absent from every other pipeline's report. */
  night: Schema.optional(NightSummary)
})
export type RunReport = typeof RunReport.Type

export const decodeRunReport = Schema.decodeUnknownSync(RunReport)

export const defaultListLimit = 1_000

const StoredInputs = Schema.Array(Schema.Struct({
  source: Schema.String,
  bytes: Schema.optional(Schema.Number),
  sha256: Schema.optional(Schema.String),
  rows: Schema.optional(Schema.Number)
}))

const toDate = (value: Date | string) => value instanceof Date ? value : new Date(value)

const countRows = <R extends { readonly count: string | number | bigint }>(row: R | undefined) => Number(row?.count ?? 0)

/**
 * The run's counts as its steps recorded them (each item counted once, in the transaction of its chunk):
 * outcomes summed over the steps, rejected records over every load step; and how many field problems the
 * rejected records had.
 */
const readCounts = Effect.fnUntraced(function*(runId: string) {
  const { query } = yield* Database
  const steps = yield* readStepExecutions(runId)
  const rejects = yield* query("count reject problems", (db) =>
    db.selectFrom("rejects").select((eb) => eb.fn.countAll<string>().as("count")).where("runId", "=", runId).executeTakeFirst())
  const perOutcome = Object.fromEntries(
    outcomes.map((outcome) => [outcome, steps.reduce((sum, step) => sum + (step.counts.outcomes[outcome] ?? 0), 0)])
  )
  const rejected = steps.reduce((sum, step) => sum + step.counts.rejected, 0)
  const counts = {
    ...perOutcome,
    rejected,
    total: Object.values(perOutcome).reduce((sum, n) => sum + n, 0) + rejected
  } as ReportCounts
  return { counts, rejectProblems: countRows(rejects) }
})

const readRejectItems = Effect.fnUntraced(function*(runId: string, limit: number) {
  const rows = yield* readRejectsInOrder(runId, limit)
  return rows.map(({ customerNumber, source, line, field, reason, rule }): RejectItem => ({ customerNumber, source, line, field, reason, rule }))
})

const readTruncations = Effect.fnUntraced(function*(runId: string, limit: number) {
  const { query } = yield* Database
  const count = yield* query("count truncations", (db) =>
    db.selectFrom("truncations").select((eb) => eb.fn.countAll<string>().as("count")).where("runId", "=", runId)
      .executeTakeFirst())
  const items = yield* query("read truncations", (db) =>
    db.selectFrom("truncations").select(["customerNumber", "field", "before", "after"])
      .where("runId", "=", runId).orderBy("customerNumber").orderBy(fieldInOrder).limit(limit).execute())
  return {
    count: countRows(count),
    items: items.map((item): TruncationItem => ({ ...item, customerNumber: String(item.customerNumber) }))
  }
})

const readCustomers = Effect.fnUntraced(function*(runId: string, outcome: "deferred" | "failed", limit: number) {
  const { query } = yield* Database
  const rows = yield* query(`read ${outcome} customers`, (db) =>
    db.selectFrom("syncOutcomes").select(["customerNumber", "match", "relateIdBefore", "relateIdAfter", "reason"])
      .where("runId", "=", runId).where("outcome", "=", outcome).orderBy("customerNumber").limit(limit).execute())
  return rows.map((row): CustomerItem => ({
    customerNumber: String(row.customerNumber),
    match: row.match,
    relateId: row.relateIdAfter === "" ? row.relateIdBefore : row.relateIdAfter,
    reason: row.reason
  }))
})

/**
 * Reads the report of a run from the staging database. Works for a run in any state: a failed or
 * interrupted run gives a partial report (RPT-1). Every list is in customer-number order, so two runs of the
 * same dataset give the same report apart from times and the run ID (RPT-4).
 */
export const buildRunReport = Effect.fn("buildRunReport")(function*(
  runId: string,
  options: { readonly listLimit?: number } = {}
) {
  const { query } = yield* Database
  const listLimit = options.listLimit ?? defaultListLimit
  const run = yield* query("read run", (db) =>
    db.selectFrom("runs")
      .select(["pipeline", "status", "startedAt", "endedAt", "settings", "inputs", "counts"])
      .where("runId", "=", runId).executeTakeFirst())
  if (run === undefined) {
    return yield* new ReportError({ path: runId, message: `There is no run ${runId} in the staging database.` })
  }
  const startedAt = toDate(run.startedAt)
  const endedAt = run.endedAt === null ? null : toDate(run.endedAt)
  const durationSeconds = endedAt === null ? null : Math.round(endedAt.getTime() - startedAt.getTime()) / 1000
  const storedInputs = yield* Schema.decodeUnknownEffect(StoredInputs)(run.inputs).pipe(
    Effect.mapError(() => new ReportError({ path: runId, message: `The inputs recorded for run ${runId} are not readable.` }))
  )
  const { counts, rejectProblems } = yield* readCounts(runId)
  const [throughput, rejects, truncations, deferred, failed] = yield* Effect.all([
    readThroughput(runId, startedAt, durationSeconds),
    readRejectItems(runId, listLimit),
    readTruncations(runId, listLimit),
    readCustomers(runId, "deferred", listLimit),
    readCustomers(runId, "failed", listLimit)
  ])
  const now = yield* Clock.currentTimeMillis
  const recorded: Record<string, unknown> = run.counts
  return {
    format: reportFormat,
    runId,
    pipeline: run.pipeline,
    status: run.status,
    partial: run.status !== "completed",
    startedAt: startedAt.toISOString(),
    endedAt: endedAt === null ? null : endedAt.toISOString(),
    durationSeconds,
    generatedAt: new Date(now).toISOString(),
    settings: redactSettings(run.settings),
    inputs: storedInputs.map((input) => ({
      source: hidePasswords(input.source),
      bytes: input.bytes ?? null,
      sha256: input.sha256 ?? null,
      rows: input.rows ?? null
    })),
    counts,
    recordedCounts: Object.fromEntries(
      Object.keys(recorded).sort().flatMap((key) => typeof recorded[key] === "number" ? [[key, recorded[key]]] : [])
    ),
    throughput,
    listLimit,
    rejects: { count: rejectProblems, items: rejects },
    truncations,
    deferred: { count: counts.deferred, items: deferred },
    failed: { count: counts.failed, items: failed }
  } satisfies RunReport
})

/**
 * The report without what differs between two runs of the same dataset against the same mock state: the
 * run ID, the times and the throughput timings (RPT-4).
 */
export const withoutTimes = (report: RunReport): RunReport => ({
  ...report,
  runId: "",
  startedAt: "",
  endedAt: report.endedAt === null ? null : "",
  durationSeconds: null,
  generatedAt: "",
  throughput: {
    ...report.throughput,
    customersPerSecond: null,
    points: report.throughput.points.map((point) => ({ ...point, seconds: 0, customersPerSecond: null }))
  },
  ...(report.night === undefined ? {} : { night: nightWithoutTimes(report.night) })
})
