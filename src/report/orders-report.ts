import { Effect } from "effect"
import { join } from "node:path"
import type { JobListener } from "../batch/listeners.ts"
import { AppSettings } from "../config/app-settings.ts"
import type { Database } from "../db/database.ts"
import { readOrderDecisions } from "../stages/orders/order-decisions.ts"
import { reportDirectory } from "./write-run-report.ts"
import { makeReportDirectory, writeTextFile } from "./write-text-file.ts"

/** The orders file beside a run's report.json. */
export const ordersReportFile = (directory: string) => join(directory, "orders.json")

/**
 * Lists, beside the run's report, every order message's decision (citing its ORD rule) and the ORCE calls
 * it made, in message order.
 */
export const ordersReport: JobListener<AppSettings | Database> = {
  afterJob: ({ runId }) =>
    Effect.gen(function*() {
      const settings = yield* AppSettings
      const decisions = yield* readOrderDecisions(runId)
      const directory = reportDirectory(settings.reportsDir, runId)
      yield* makeReportDirectory(directory)
      yield* writeTextFile(ordersReportFile(directory), JSON.stringify({ runId, messages: decisions }, null, 2) + "\n")
    }).pipe(
      Effect.catch((error) =>
        Effect.logError("the run's order decisions could not be written").pipe(Effect.annotateLogs({ runId, error: error.message }))
      )
    )
}
