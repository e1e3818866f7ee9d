import { Console, Effect, Layer } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { layerInProcessMock, MockOrceService, mockToken } from "../mock-orce/in-process-layer.ts"
import { type JobDefinition, type NotRun, type Ran, startJob } from "../src/batch/job.ts"
import { AppSettings } from "../src/config/app-settings.ts"
import { loadSettings } from "../src/config/load-settings.ts"
import { Database } from "../src/db/database.ts"
import { emptyStaging } from "../src/db/empty-staging.ts"
import type { Customer } from "../src/domain/customer.ts"
import { loggerLayer } from "../src/log/logger.ts"
import { policyFromSettings } from "../src/orce/client.ts"
import { OrceTarget } from "../src/orce/target.ts"
import { buildNightSummary, nightWithoutTimes } from "../src/report/night-summary.ts"
import { withoutTimes, buildRunReport } from "../src/report/run-report.ts"
import type { Settings } from "../src/domain/settings.ts"
import { type Dataset, DatasetError } from "../src/replay/dataset.ts"
import { normaliseOrceState, replacePaths } from "../src/replay/normalise.ts"
import { readOrderDecisions } from "../src/stages/orders/order-decisions.ts"
import type { OrderStepError, OrderStepRequirements } from "../src/stages/orders/order-step.ts"
import { initialExportJob } from "./initial-export.ts"
import { loadJob } from "./load.ts"
import { type NightlyError, nightlyJob, type NightlyRequirements } from "./nightly.ts"
import { ordersJob } from "./orders.ts"
import { syncJob } from "./sync.ts"

/**
 * QA replays (issue 16): a dataset's pipeline run against a fresh staging database and a fresh in-process mock
 * ORCE started from the dataset's snapshot and fault profile, and its results normalised — times, run IDs
 * and absolute paths out — so that they compare with the dataset's expected results (RPT-4).
 *
 * Each pipeline a dataset can name is one entry of `replayPipelines`: the files it needs, how it starts its
 * job through the batch core (as the CLI does), which staging fields its results keep, and any results of
 * its own.
 */

/** Every job a replay can start, with what they need: the replay's layer gives all of it. */
type ReplayJob = JobDefinition<any, NightlyError | OrderStepError, NightlyRequirements | OrderStepRequirements>

/** What a replay of one pipeline runs: jobs, started in order; the last is the one whose run is compared. */
export interface ReplayPipeline {
  /** Files the dataset must hold for this pipeline. */
  readonly needs: ReadonlyArray<string>
  readonly jobs: (dataset: Dataset, settings: Settings) => ReadonlyArray<{ readonly job: ReplayJob; readonly parameters: unknown }>
  /** The staging fields its expected results keep, per customer ("staging state where it matters"). */
  readonly stagingFields: ReadonlyArray<keyof Customer>
  /** Results of its own beyond report, staging and ORCE, by file name. */
  readonly results?: (runId: string) => Effect.Effect<Record<string, unknown>, unknown, Database>
}

const syncState = ["relateId", "syncFlag", "ecommerceId"] as const satisfies ReadonlyArray<keyof Customer>

/** Per customer: its sync outcome, as outcomes.csv lists it (RPT-3). */
const syncOutcomes = (runId: string) =>
  Effect.flatMap(Effect.service(Database), ({ query }) =>
    query("read sync outcomes", (db) =>
      db.selectFrom("syncOutcomes").select(["customerNumber", "outcome", "match", "relateIdBefore", "relateIdAfter", "reason"])
        .where("runId", "=", runId).orderBy("customerNumber").execute())).pipe(
      Effect.map((rows) => ({
        "outcomes.json": Object.fromEntries(rows.map(({ customerNumber, ...row }) => [`customer ${customerNumber}`, row]))
      }))
    )

const file = (dataset: Dataset, name: string) => dataset.file(name)!

/** The night's exports a dataset holds, by the names `orce-sync nightly` reads in an export directory. */
const nightExports = (dataset: Dataset, customers: string) => {
  const optional = (name: string) => dataset.file(name) === undefined ? undefined : { file: file(dataset, name) }
  return {
    customers: { file: file(dataset, customers) },
    profiles: customers === "customers.csv" ? optional("profiles.csv") : undefined,
    sites: customers === "customers.csv" ? optional("sites.csv") : undefined,
    siteUses: customers === "customers.csv" ? optional("site-uses.csv") : undefined,
    activity: customers === "customers.csv" ? optional("activity.csv") : undefined
  }
}

const nightParameters = (dataset: Dataset, customers: string, settings: { readonly autoMerge: number; readonly review: number; readonly commitSize: number }) => ({
  exports: nightExports(dataset, customers),
  dedupe: { full: false, autoMerge: settings.autoMerge, review: settings.review },
  commitSize: settings.commitSize
})

/** Every night of the replay, in order: its summary without times, and the merge requests as they ended. */
const nightResults = Effect.gen(function*() {
  const { query } = yield* Database
  const runs = yield* query("read the nights", (db) =>
    db.selectFrom("runs").select("runId").where("pipeline", "=", "nightly").orderBy("startedAt").execute())
  const nights: Record<string, unknown> = {}
  for (const [index, run] of runs.entries()) nights[`night ${index + 1}`] = nightWithoutTimes(yield* buildNightSummary(run.runId))
  const requests = yield* query("read merge requests", (db) =>
    db.selectFrom("mergeRequests").select(["id", "fromCustomer", "toCustomer", "processFlag", "errorMessage"]).orderBy("id").execute())
  return {
    "nights.json": nights,
    "merges.json": Object.fromEntries(requests.map(({ id, ...request }) => [`request ${id}`, request]))
  }
})

export const replayPipelines: Readonly<Record<string, ReplayPipeline>> = {
  export: {
    needs: ["customers.csv"],
    jobs: (dataset) => [{
      job: initialExportJob,
      parameters: {
        customers: { file: file(dataset, "customers.csv") },
        profiles: dataset.file("profiles.csv") === undefined ? undefined : { file: file(dataset, "profiles.csv") }
      }
    }],
    stagingFields: syncState,
    results: syncOutcomes
  },
  sync: {
    needs: ["staging.csv"],
    jobs: (dataset) => [
      // The staging database as SYNCRDB finds it: loaded as is, sync flags, Relate IDs and e-commerce IDs included.
      { job: loadJob, parameters: { customers: { file: file(dataset, "staging.csv") }, profiles: undefined } },
      { job: syncJob, parameters: {} }
    ],
    stagingFields: syncState,
    results: syncOutcomes
  },
  orders: {
    needs: ["orders.ndjson"],
    jobs: (dataset) => [{
      job: ordersJob,
      parameters: {
        customers: dataset.file("customers.csv") === undefined ? undefined : { file: file(dataset, "customers.csv") },
        orders: file(dataset, "orders.ndjson")
      }
    }],
    // The order API writes names, addresses and emails into OACS (ORD-1, ORD-3), and creates customers.
    stagingFields: ["firstName", "lastName", "company", "street", "city", "state", "postalCode", "country", "email", ...syncState],
    results: (runId) =>
      Effect.map(readOrderDecisions(runId), (decisions) => ({
        "orders.json": Object.fromEntries(decisions.map(({ line, ...decision }) => [`order line ${line}`, decision]))
      }))
  },
  nightly: {
    needs: ["customers.csv"],
    // The first night over every export; with a delta, the night after over it and a third over the same
    // delta, which must change nothing.
    jobs: (dataset, settings) => {
      const parameters = { autoMerge: settings.dedupeAutoMerge, review: settings.dedupeReview, commitSize: settings.mergeCommitSize }
      const first = { job: nightlyJob, parameters: nightParameters(dataset, "customers.csv", parameters) }
      if (dataset.file("delta-customers.csv") === undefined) return [first]
      const delta = { job: nightlyJob, parameters: nightParameters(dataset, "delta-customers.csv", parameters) }
      return [first, delta, delta]
    },
    stagingFields: ["street", "status", ...syncState],
    results: () => nightResults
  }
}

/** A replay's results by expected file name: report.json, staging.json, orce.json and the pipeline's own. */
export type ReplayResults = Readonly<Record<string, unknown>>

const stagingState = (fields: ReadonlyArray<keyof Customer>) =>
  Effect.flatMap(Effect.service(Database), ({ query }) =>
    query("read staging customers", (db) => db.selectFrom("customers").selectAll().orderBy("customerNumber").execute())).pipe(
      Effect.map((rows) =>
        Object.fromEntries(rows.map((row) => [`customer ${row.customerNumber}`, Object.fromEntries(fields.map((field) => [field, row[field]]))]))
      )
    )

/**
 * Retries against the mock come back after a millisecond or two instead of ORCE's back-off: what a fault
 * does to a run depends on the seed and the order of requests, never on how long the client waits.
 */
const replayPolicy = (settings: Parameters<typeof policyFromSettings>[0]) => ({
  ...policyFromSettings(settings),
  retryBaseDelayMs: 1,
  retryMaxDelayMs: 5
})

/** The pipeline a dataset names, once the dataset is known to hold the files it needs. */
export const replayPipelineOf = (dataset: Dataset) =>
  Effect.suspend(() => {
    const pipeline = replayPipelines[dataset.spec.pipeline]
    if (pipeline === undefined) {
      return Effect.fail(new DatasetError({
        dataset: dataset.name,
        message: `Dataset ${dataset.name} names pipeline "${dataset.spec.pipeline}"; replayable pipelines are ${Object.keys(replayPipelines).join(", ")}.`
      }))
    }
    const missing = pipeline.needs.filter((name) => dataset.file(name) === undefined)
    return missing.length > 0
      ? Effect.fail(new DatasetError({
        dataset: dataset.name,
        message: `Dataset ${dataset.name} (pipeline ${dataset.spec.pipeline}) lacks ${missing.join(", ")}; add it to ${dataset.directory}.`
      }))
      : Effect.succeed(pipeline)
  })

/**
 * The settings of a replay: the dataset's, over the defaults — never the environment or a config file, so a
 * dataset replays the same on every machine — with the replay's own scratch folder for files.
 */
const replaySettings = (dataset: Dataset, scratch: string) =>
  loadSettings({
    env: {},
    cwd: scratch,
    flags: {
      ...dataset.spec.settings,
      DATA_DIR: join(scratch, "db"),
      REPORTS_DIR: join(scratch, "reports"),
      LOG_FILE: join(scratch, "orce-sync.log"),
      MOCK_ORCE_STATE: "-"
    }
  }).pipe(
    Effect.mapError((error) =>
      new DatasetError({
        dataset: dataset.name,
        // The dataset's settings travel as the command line's would; the reader should look in dataset.json.
        message: `Dataset ${dataset.name}: ${error.message.replace("from the command line", `in ${join(dataset.directory, "dataset.json")}`)}`
      })
    )
  )

/** Checks a dataset before any replay: its pipeline, the files that pipeline needs, and its settings. */
export const checkDataset = (dataset: Dataset) =>
  Effect.andThen(replayPipelineOf(dataset), replaySettings(dataset, join(tmpdir(), "orce-sync-replay-check")))

/** Standard output and error of the runs a replay starts: the replay prints its own lines. */
const quietConsole: Console.Console = Object.assign(Object.create(globalThis.console), {
  log: () => {},
  info: () => {},
  warn: () => {},
  error: () => {}
})

/**
 * Replays one dataset and answers its normalised results. The staging database comes from the context — a
 * temporary one the caller made for its replays (never the user's), emptied here first, so each dataset
 * starts from an empty staging database and an ORCE of its own.
 */
export const replayDataset = (dataset: Dataset) =>
  Effect.gen(function*() {
    const pipeline = yield* replayPipelineOf(dataset)
    yield* emptyStaging
    const scratch = yield* Effect.acquireRelease(
      Effect.sync(() => mkdtempSync(join(tmpdir(), "orce-sync-replay-"))),
      (path) => Effect.sync(() => rmSync(path, { recursive: true, force: true }))
    )
    const settings = yield* replaySettings(dataset, scratch)

    const mock = layerInProcessMock({
      policy: replayPolicy(settings),
      token: mockToken,
      securityUserId: settings.securityUserId,
      ...(dataset.snapshot === undefined ? {} : { snapshot: dataset.snapshot }),
      ...(dataset.faults === undefined ? {} : { faults: dataset.faults })
    })
    const layer = Layer.mergeAll(
      mock,
      Layer.succeed(OrceTarget, { description: `the in-process mock ORCE of QA dataset ${dataset.name}` })
    ).pipe(
      Layer.provideMerge(Layer.merge(Layer.succeed(AppSettings, settings), loggerLayer(settings.logLevel, settings.logFile))),
      // The replay's staging database is temporary: a run's "resume it with …" line would point nowhere.
      Layer.provideMerge(Layer.succeed(Console.Console, quietConsole))
    )

    const run = Effect.gen(function*() {
      let last: Ran | NotRun | undefined
      for (const { job, parameters } of pipeline.jobs(dataset, settings)) {
        last = yield* startJob(job, parameters)
        if (last._tag === "NotRun") break
      }
      const results: Record<string, unknown> = {}
      if (last === undefined || last._tag === "NotRun") {
        results["report.json"] = { notRun: last?.reason ?? "no job" }
      } else {
        results["report.json"] = withoutTimes(yield* buildRunReport(last.runId))
        Object.assign(results, yield* (pipeline.results?.(last.runId) ?? Effect.succeed({})))
      }
      results["staging.json"] = yield* stagingState(pipeline.stagingFields)
      results["orce.json"] = normaliseOrceState((yield* MockOrceService).store.exportSnapshot())
      return replacePaths(results, { [dataset.directory]: "<dataset>", [scratch]: "<replay>" }) as ReplayResults
    })
    return yield* Effect.scoped(run.pipe(Effect.provide(layer)))
  }).pipe(Effect.scoped)
