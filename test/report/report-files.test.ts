import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { parse } from "csv-parse/sync"
import { readFileSync } from "node:fs"
import { decodeRunReport, withoutTimes } from "../../src/report/run-report.ts"
import { formatSummary } from "../../src/report/format-summary.ts"
import { outcomeColumns, writeOutcomesCsv } from "../../src/report/write-outcomes.ts"
import { writeRunReport } from "../../src/report/write-run-report.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { tempPath } from "../support/files.ts"
import { insertRun, sampleRun } from "./fixtures.ts"

const readCsv = (path: string): Array<Record<string, string>> => parse(readFileSync(path), { columns: true })

const readText = (path: string) => readFileSync(path, "utf8")

forEachDialect("report files", (it) => {
  it.effect("RPT-3 outcomes.csv has one row per record: every sync outcome and every rejected record", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun(sampleRun("export-1"))
      const { files, report } = yield* writeRunReport("export-1", tempPath("export-1"))
      const text = readText(files.outcomes)
      assert.strictEqual(text.split("\n")[0], outcomeColumns.join(","))
      const rows = readCsv(files.outcomes)
      assert.strictEqual(rows.length, report.counts.total)
      assert.deepStrictEqual(rows.map((row) => [row.customer_number, row.outcome]), [
        ["4", "rejected"],
        ["10", "created"],
        ["11", "updated"],
        ["12", "updated"],
        ["12", "rejected"],
        ["20", "created"],
        ["30", "created"],
        ["40", "relate-id-changed"],
        ["51", "deferred"],
        ["52", "deferred"],
        ["60", "failed"],
        ["70", "skipped"],
        ["abc", "rejected"]
      ])
      // A record rejected for two fields is one row with both reasons, in field order.
      assert.deepStrictEqual(rows[4], {
        customer_number: "12",
        outcome: "rejected",
        match: "",
        relate_id_before: "",
        relate_id_after: "",
        reason: "email: not an email address; postal_code: not a US postal code",
        source: "data/customers.csv",
        line: "5",
        rule: "VAL-5; VAL-6"
      })
      assert.deepStrictEqual(rows[7], {
        customer_number: "40",
        outcome: "relate-id-changed",
        match: "relate-id",
        relate_id_before: "R40",
        relate_id_after: "R41",
        reason: "",
        source: "",
        line: "",
        rule: ""
      })
    }))

  it.effect("RPT-3 outcomes.csv neutralises cells a spreadsheet would run as formulas", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun({
        runId: "formulas",
        outcomes: [
          { customerNumber: 1, outcome: "failed", reason: "=cmd|' /C calc'!A0" },
          { customerNumber: 2, outcome: "deferred", reason: "@SUM(A1:A9)", relateIdBefore: "+R2" }
        ],
        rejects: [
          { source: "f.csv", line: 3, customerNumber: "=HYPERLINK(\"http://x\")", field: "customer_number", reason: "not a number", rule: "VAL-2" },
          { source: "f.csv", line: 4, customerNumber: "-1", field: "customer_number", reason: "not a number", rule: "VAL-2" }
        ]
      })
      const path = tempPath("formulas.csv")
      const written = yield* writeOutcomesCsv("formulas", path)
      assert.strictEqual(written, 4)
      const rows = readCsv(path)
      assert.deepStrictEqual(rows.map((row) => [row.customer_number, row.reason, row.relate_id_before]), [
        ["1", "'=cmd|' /C calc'!A0", ""],
        ["2", "'@SUM(A1:A9)", "'+R2"],
        // Records whose number is no number come last, in source and line order.
        ["'=HYPERLINK(\"http://x\")", "customer_number: not a number", ""],
        ["'-1", "customer_number: not a number", ""]
      ])
      for (const row of rows) for (const cell of Object.values(row)) assert.notMatch(cell, /^[=+\-@]/)
    }))

  it.effect("RPT-3 REL-3 outcomes.csv pages through the database and still has every record once, in order", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      // More rows than a page of either kind, interleaved by customer number.
      const outcomes = Array.from({ length: 12_001 }, (_, i) => ({ customerNumber: i * 2 + 2, outcome: "created" as const }))
      const rejects = Array.from({ length: 6_001 }, (_, i) => ({
        source: i % 2 === 0 ? "a.csv" : "b.csv",
        line: i + 2,
        customerNumber: String(i * 3 + 1),
        field: "email",
        reason: "bad",
        rule: "VAL-6"
      }))
      yield* insertRun({ runId: "paged", outcomes, rejects })
      const path = tempPath("paged.csv")
      assert.strictEqual(yield* writeOutcomesCsv("paged", path), 18_002)
      const rows = readCsv(path)
      assert.strictEqual(rows.length, 18_002)
      assert.strictEqual(rows.filter((row) => row.outcome === "rejected").length, 6_001)
      assert.strictEqual(new Set(rows.map((row) => `${row.customer_number}/${row.outcome}`)).size, 18_002)
      const numbers = rows.map((row) => Number(row.customer_number))
      for (let i = 1; i < numbers.length; i++) assert.isAtLeast(numbers[i]!, numbers[i - 1]!, `row ${i + 1}`)
    }))

  it.effect("RPT-4 two runs of the same data write the same report.json and outcomes.csv apart from times and run ID", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const first = sampleRun("export-a")
      yield* insertRun(first)
      yield* insertRun({
        ...sampleRun("export-b"),
        startedAt: new Date("2026-11-25T08:30:00.000Z"),
        endedAt: new Date("2026-11-25T08:30:09.000Z"),
        outcomes: [...first.outcomes!].reverse(),
        rejects: [...first.rejects!].reverse(),
        chunks: [{ customers: 6, seconds: 3 }, { customers: 4, seconds: 7 }]
      })
      const a = yield* writeRunReport("export-a", tempPath("export-a"))
      const b = yield* writeRunReport("export-b", tempPath("export-b"))
      assert.strictEqual(readText(a.files.outcomes), readText(b.files.outcomes))
      const jsonA = readText(a.files.json)
      const jsonB = readText(b.files.json)
      assert.notStrictEqual(jsonA, jsonB)
      const blank = (json: string) => JSON.stringify(withoutTimes(decodeRunReport(JSON.parse(json))), null, 2)
      assert.strictEqual(blank(jsonA), blank(jsonB))
      // The key order is fixed, so the files compare line by line once the times are blanked.
      assert.deepStrictEqual(Object.keys(JSON.parse(jsonA)), Object.keys(JSON.parse(jsonB)))
    }))

  it.effect("REL-4 no secret reaches report.json, report.html or outcomes.csv", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun(sampleRun("secrets", {
        settings: { ORCE_TOKEN: "tok-hunter2", DATABASE_URL: "postgres://orce:hunter3@db/x", ORCE_URL: "https://u:hunter4@orce/api" },
        inputs: [{ source: "postgres://reader:hunter5@src/oacs", rows: 1 }]
      }))
      const { files } = yield* writeRunReport("secrets", tempPath("secrets"))
      for (const path of [files.json, files.html, files.outcomes]) assert.notMatch(readText(path), /hunter\d/, path)
      const json = JSON.parse(readText(files.json))
      assert.strictEqual(json.settings.ORCE_TOKEN, "(set)")
      assert.strictEqual(json.settings.DATABASE_URL, "(set)")
      assert.include(readText(files.html), "(set)")
    }))

  it.effect("RPT-2 report.html is self-contained: inline CSS and SVG, no script, nothing fetched", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun(sampleRun("export-1"))
      const { files } = yield* writeRunReport("export-1", tempPath("export-1"))
      const html = readText(files.html)
      assert.notMatch(html, /<script/i)
      assert.notMatch(html, /\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i)
      assert.notMatch(html, /@import|url\(|<link\b|<iframe|<img\b/i)
      assert.match(html, /<style>/)
      assert.strictEqual((html.match(/<svg\b/g) ?? []).length, 2)
      for (const key of ["created", "updated", "relate-id-changed", "deferred", "failed", "skipped", "rejected", "total"]) {
        assert.match(html, new RegExp(`data-total="${key}"`))
      }
      assert.notInclude(html, "data-partial")
    }))

  it.effect("RPT-1 report.html shows a partial banner when the run did not complete", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun(sampleRun("stopped", { status: "interrupted" }))
      const { files } = yield* writeRunReport("stopped", tempPath("stopped"))
      const html = readText(files.html)
      assert.match(html, /<div class="banner" role="alert" data-partial="true"><strong>Partial report\.<\/strong>/)
    }))

  it.effect("report.html escapes every value from the data", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun({
        runId: "markup",
        settings: { K69: "<b>store</b>" },
        inputs: [{ source: "a&b.csv" }],
        outcomes: [{ customerNumber: 1, outcome: "failed", reason: "<img src=x onerror=alert(1)>" }],
        rejects: [{ source: "\"q\".csv", line: 2, customerNumber: "<x>", field: "f", reason: "'quoted'", rule: "VAL-1" }],
        truncations: [{ customerNumber: 1, field: "street", before: "</td></tr><script>", after: "</td>" }]
      })
      const { files } = yield* writeRunReport("markup", tempPath("markup"))
      const html = readText(files.html)
      assert.notInclude(html, "<img")
      assert.notInclude(html, "<script")
      assert.notInclude(html, "<b>store")
      assert.notInclude(html, "<x>")
      assert.include(html, "&lt;img src=x onerror=alert(1)&gt;")
      assert.include(html, "a&amp;b.csv")
      assert.include(html, "&quot;q&quot;.csv")
      assert.include(html, "&#39;quoted&#39;")
    }))

  it.effect("RPT-2 the terminal summary gives the run, counts, duration, throughput and the report's path", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun(sampleRun("export-1"))
      yield* insertRun(sampleRun("stopped", { status: "interrupted" }))
      const { report } = yield* writeRunReport("export-1", tempPath("export-1"))
      const summary = formatSummary(report, "reports/export-1/report.html")
      assert.strictEqual(
        summary,
        [
          "Run export-1 (initial-export) completed in 5 s.",
          "  13 records: 3 created, 2 updated, 1 relate ID changed, 2 deferred, 1 failed, 1 skipped, 3 rejected.",
          "  Throughput: 2 customers/s (10 customers in 2 chunks).",
          "  2 deferred customers stay flagged; the next run retries them.",
          "  Report: reports/export-1/report.html"
        ].join("\n")
      )
      const oneChunk = formatSummary({ ...report, throughput: { ...report.throughput, chunks: 1 } }, "r.html")
      assert.include(oneChunk, "(10 customers in 1 chunk).")
      const stopped = yield* writeRunReport("stopped", tempPath("stopped"))
      const partial = formatSummary(stopped.report, "reports/stopped/report.html")
      assert.match(partial, /^Run stopped \(initial-export\) interrupted after 5 s\./)
      assert.include(partial, "The report is partial")
    }))
})
