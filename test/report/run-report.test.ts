import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { buildRunReport, decodeRunReport, withoutTimes } from "../../src/report/run-report.ts"
import { maxThroughputPoints } from "../../src/report/throughput.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { insertRun, sampleRun, start } from "./fixtures.ts"

forEachDialect("run report", (it) => {
  it.effect("RPT-1 counts every outcome and rejected records, and lists them in customer-number order", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun(sampleRun("export-1"))
      const report = yield* buildRunReport("export-1")
      assert.deepStrictEqual(report.counts, {
        "created": 3,
        "updated": 2,
        "relate-id-changed": 1,
        "deferred": 2,
        "failed": 1,
        "skipped": 1,
        "rejected": 3,
        "total": 13
      })
      assert.strictEqual(report.format, "orce-sync-report/1")
      assert.strictEqual(report.runId, "export-1")
      assert.strictEqual(report.pipeline, "initial-export")
      assert.strictEqual(report.status, "completed")
      assert.isFalse(report.partial)
      assert.strictEqual(report.startedAt, "2026-11-24T10:00:00.000Z")
      assert.strictEqual(report.endedAt, "2026-11-24T10:00:05.000Z")
      assert.strictEqual(report.durationSeconds, 5)
      assert.deepStrictEqual(report.inputs, [
        { source: "data/customers.csv", bytes: 2_048, sha256: "ab".repeat(32), rows: 13 },
        { source: "table customer_export", bytes: null, sha256: null, rows: 13 }
      ])
      assert.deepStrictEqual(report.recordedCounts, { customers: 10, rejected: 3 })
      assert.deepStrictEqual(report.deferred, {
        count: 2,
        items: [
          { customerNumber: "51", match: "none", relateId: "", reason: "connection refused after 4 retries" },
          { customerNumber: "52", match: "none", relateId: "R52", reason: "ORCE timed out after 4 retries" }
        ]
      })
      assert.deepStrictEqual(report.failed.items.map((item) => [item.customerNumber, item.reason]), [
        ["60", "Maximum search results exceeded, please refine your search"]
      ])
      assert.strictEqual(report.rejects.count, 4)
      assert.deepStrictEqual(report.rejects.items.map((item) => [item.customerNumber, item.line, item.field]), [
        ["4", 7, "last_name"],
        ["12", 5, "email"],
        ["12", 5, "postal_code"],
        ["abc", 9, "customer_number"]
      ])
      assert.deepStrictEqual(report.truncations.items.map((item) => [item.customerNumber, item.field]), [
        ["10", "first_name"],
        ["10", "last_name"],
        ["20", "street"]
      ])
      assert.deepStrictEqual(report.throughput, {
        chunks: 2,
        customers: 10,
        customersPerSecond: 2,
        points: [
          { chunk: 1, seconds: 2, customers: 6, customersPerSecond: 3 },
          { chunk: 2, seconds: 4, customers: 10, customersPerSecond: 2 }
        ]
      })
      // What buildRunReport returns is what report.json holds: it passes its own Schema.
      assert.deepStrictEqual(decodeRunReport(JSON.parse(JSON.stringify(report))), report)
    }))

  it.effect("RPT-1 marks a failed, interrupted or unfinished run partial, and a completed one not", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      for (const status of ["completed", "failed", "interrupted", "running"] as const) {
        yield* insertRun(sampleRun(`run-${status}`, { status }))
        const report = yield* buildRunReport(`run-${status}`)
        assert.strictEqual(report.status, status)
        assert.strictEqual(report.partial, status !== "completed", status)
        // A partial report still accounts for what was done before the run stopped.
        assert.strictEqual(report.counts.total, 13, status)
      }
      const unfinished = yield* buildRunReport("run-running")
      assert.strictEqual(unfinished.endedAt, null)
      assert.strictEqual(unfinished.durationSeconds, null)
      assert.strictEqual(unfinished.throughput.customersPerSecond, null)
    }))

  it.effect("RPT-1 a run that stopped before any work still gives a report", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun({ runId: "empty", status: "interrupted", settings: {} })
      const report = yield* buildRunReport("empty")
      assert.isTrue(report.partial)
      assert.strictEqual(report.counts.total, 0)
      assert.deepStrictEqual(report.throughput, { chunks: 0, customers: 0, customersPerSecond: 0, points: [] })
      assert.deepStrictEqual(report.rejects, { count: 0, items: [] })
    }))

  it.effect("an unknown run ID fails with a ReportError naming it", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const error = yield* Effect.flip(buildRunReport("no-such-run"))
      assert.strictEqual(error._tag, "ReportError")
      assert.include(error.message, "no-such-run")
    }))

  it.effect("REL-3 lists for a person hold the first items only, with the full counts", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const deferred = Array.from({ length: 25 }, (_, i) => ({ customerNumber: 1_000 - i, outcome: "deferred" as const, reason: "timeout" }))
      const rejects = Array.from({ length: 30 }, (_, i) => ({
        source: "f.csv",
        line: i + 2,
        customerNumber: String(i),
        field: "email",
        reason: "bad",
        rule: "VAL-6"
      }))
      yield* insertRun({ runId: "big", outcomes: deferred, rejects })
      const report = yield* buildRunReport("big", { listLimit: 10 })
      assert.strictEqual(report.listLimit, 10)
      assert.strictEqual(report.deferred.count, 25)
      assert.deepStrictEqual(report.deferred.items.map((item) => item.customerNumber), Array.from({ length: 10 }, (_, i) => String(976 + i)))
      assert.strictEqual(report.rejects.count, 30)
      assert.strictEqual(report.counts.rejected, 30)
      assert.deepStrictEqual(report.rejects.items.map((item) => item.customerNumber), Array.from({ length: 10 }, (_, i) => String(i)))
    }))

  it.effect("REL-3 samples the throughput of a run with more chunks than the chart holds, keeping the last", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const chunks = Array.from({ length: 1_234 }, (_, i) => ({ customers: 10, seconds: (i + 1) / 2 }))
      yield* insertRun({ runId: "many-chunks", chunks, endedAt: new Date(start.getTime() + 617_000) })
      const { throughput } = yield* buildRunReport("many-chunks")
      assert.strictEqual(throughput.chunks, 1_234)
      assert.strictEqual(throughput.customers, 12_340)
      assert.isAtMost(throughput.points.length, maxThroughputPoints + 1)
      assert.isAbove(throughput.points.length, maxThroughputPoints / 2)
      const last = throughput.points[throughput.points.length - 1]!
      assert.deepStrictEqual([last.chunk, last.customers, last.seconds], [1_234, 12_340, 617])
      // Each sampled point's rate covers the time since the point before: 10 customers every half second.
      for (const point of throughput.points) assert.strictEqual(point.customersPerSecond, 20)
      assert.strictEqual(throughput.customersPerSecond, 20)
    }))

  it.effect("RPT-4 two runs of the same data give the same report apart from times and the run ID", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const first = sampleRun("export-a")
      yield* insertRun(first)
      // The second run stored its rows in another order and ran at another time and speed.
      yield* insertRun({
        ...sampleRun("export-b"),
        startedAt: new Date("2026-11-25T08:30:00.000Z"),
        endedAt: new Date("2026-11-25T08:30:09.000Z"),
        outcomes: [...first.outcomes!].reverse(),
        rejects: [...first.rejects!].reverse(),
        truncations: [...first.truncations!].reverse(),
        chunks: [{ customers: 6, seconds: 3 }, { customers: 4, seconds: 7 }]
      })
      const a = yield* buildRunReport("export-a")
      const b = yield* buildRunReport("export-b")
      assert.notDeepEqual(a, b)
      assert.deepStrictEqual(withoutTimes(a), withoutTimes(b))
    }))

  it.effect("RPT-4 a different outcome makes the reports differ", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const first = sampleRun("export-a")
      yield* insertRun(first)
      yield* insertRun({
        ...sampleRun("export-b"),
        outcomes: first.outcomes!.map((row) => row.customerNumber === 52 ? { ...row, reason: "HTTP 503 after 4 retries" } : row)
      })
      const a = yield* buildRunReport("export-a")
      const b = yield* buildRunReport("export-b")
      assert.notDeepEqual(withoutTimes(a), withoutTimes(b))
    }))

  it.effect("REL-4 settings show secrets only as set, even one the ledger held in clear, and URL passwords never", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun(sampleRun("secrets", {
        settings: {
          ORCE_TOKEN: "(set)",
          DATABASE_URL: "postgres://orce:hunter2@db.example/staging",
          ORCE_URL: "https://svc:pa55word@orce.example/api",
          L37: "INTERACT"
        },
        inputs: [{ source: "postgres://reader:s3cret@src.example/oacs customer_export", rows: 3 }]
      }))
      const report = yield* buildRunReport("secrets")
      assert.deepStrictEqual(report.settings, {
        DATABASE_URL: "(set)",
        L37: "INTERACT",
        ORCE_TOKEN: "(set)",
        ORCE_URL: "https://svc:(hidden)@orce.example/api"
      })
      assert.strictEqual(report.inputs[0]!.source, "postgres://reader:(hidden)@src.example/oacs customer_export")
      const text = JSON.stringify(report)
      for (const secret of ["hunter2", "pa55word", "s3cret"]) assert.notInclude(text, secret)
    }))
})
