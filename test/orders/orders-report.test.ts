import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { ordersJob } from "../../pipelines/orders.ts"
import { startJob } from "../../src/batch/job.ts"
import { ordersReportFile } from "../../src/report/orders-report.ts"
import { reportDirectory } from "../../src/report/write-run-report.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { tempFile, tempPath } from "../support/files.ts"
import { live, pipelineLayer } from "../sync/harness.ts"

const orders = [
  JSON.stringify({ first_name: "Jan", last_name: "Jett", street: "12 Jade St", city: "Chicago", state: "IL", postal_code: "60601", country: "US", email: "jan@example.com", relate_cust_sync_success: "N", sold_to_address_update: "Y" }),
  "",
  JSON.stringify({ relate_cust_sync_success: "maybe", sold_to_address_update: "N" })
].join("\n")

forEachDialect("the orders report", (it) => {
  it.effect("ORD-3 the run's report lists each message's decision, its rule and the ORCE calls, beside report.json", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const reportsDir = tempPath("reports")
      const result = yield* startJob(ordersJob, { customers: undefined, orders: tempFile(orders, ".ndjson") }).pipe(
        Effect.provide(pipelineLayer({ REPORTS_DIR: reportsDir }))
      )
      assert.strictEqual(result._tag, "Ran")
      if (result._tag !== "Ran") return
      const directory = reportDirectory(reportsDir, result.runId)
      const listed = JSON.parse(readFileSync(ordersReportFile(directory), "utf8"))
      assert.strictEqual(listed.runId, result.runId)
      assert.deepStrictEqual(listed.messages.map((message: { line: number; rule: string; customerNumber: number }) => [message.line, message.rule, message.customerNumber]), [[1, "ORD-3", 1]])
      assert.deepStrictEqual(listed.messages[0].orceCalls.map((call: { operation: string }) => call.operation), ["searchCustomers", "addOrUpdateCustomer"])
      const report = JSON.parse(readFileSync(join(directory, "report.json"), "utf8"))
      assert.strictEqual(report.rejects.items[0].line, 3)
      assert.strictEqual(report.recordedCounts["order-messages.ORD-3"], 1)
    })), 120_000)
})
