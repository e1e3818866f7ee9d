import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { parse } from "csv-parse/sync"
import { readFileSync } from "node:fs"
import { decodeRunReport, withoutTimes } from "../../src/report/run-report.ts"
import { formatSummary } from "../../src/report/format-summary.ts"
import { outcomeColumns, writeOutcomesCsv } from "../../src/report/write-outcomes.ts"
import { rejectColumns, writeRejectsCsv } from "../../src/report/write-rejects.ts"
import { reportFiles, writeRunReport } from "../../src/report/write-run-report.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { tempPath } from "../support/files.ts"
import { insertRun, rejectedRecords, sampleRun } from "./fixtures.ts"

const readCsv = (path: string): Array<Record<string, string>> => parse(readFileSync(path), { columns: true })

const readText = (path: string) => readFileSync(path, "utf8")

/** The HTML of one section of report.html. */
const sectionOf = (html: string, id: string) => {
  const start = html.search(new RegExp(`<section id="${id}"[ >]`))
  assert.isAtLeast(start, 0, `section ${id}`)
  return html.slice(start, html.indexOf("</section>", start))
}

/** C0 controls but the record delimiter, DEL, C1 controls, and the bidi and line-breaking Unicode controls. */
const rawControl = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/

/** Values as a file may hold them: an ANSI erase-screen, a colour, a C1 CSI, a bidi override, a line break. */
const hostile = {
  number: "1213\u001b[2J",
  reason: "value \u001b[31mRED\u001b[0m\u009b2J is \u202eevil\r\nforged line"
}

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
      const summary = formatSummary(report, reportFiles("reports/export-1"))
      assert.strictEqual(
        summary,
        [
          "Run export-1 (initial-export) completed in 5 s.",
          "  13 records: 3 created, 2 updated, 1 relate ID changed, 2 deferred, 1 failed, 1 skipped, 3 rejected.",
          "  Throughput: 2 customers/s (10 customers in 2 chunks).",
          "  2 deferred customers stay flagged; the next run retries them.",
          "  Rejects: reports/export-1/rejects.csv",
          "  Report: reports/export-1/report.html"
        ].join("\n")
      )
      const oneChunk = formatSummary({ ...report, throughput: { ...report.throughput, chunks: 1 } }, reportFiles("r"))
      assert.include(oneChunk, "(10 customers in 1 chunk).")
      const stopped = yield* writeRunReport("stopped", tempPath("stopped"))
      const partial = formatSummary(stopped.report, reportFiles("reports/stopped"))
      assert.match(partial, /^Run stopped \(initial-export\) interrupted after 5 s\./)
      assert.include(partial, "The report is partial")
    }))
  it.effect("rejects.csv has every field problem of the run, one row each, in the report's order", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun(sampleRun("export-1"))
      const { files, report } = yield* writeRunReport("export-1", tempPath("export-1"))
      assert.strictEqual(readText(files.rejects).split("\n")[0], rejectColumns.join(","))
      const rows = readCsv(files.rejects)
      assert.strictEqual(rows.length, report.rejects.count)
      assert.deepStrictEqual(rows, [
        { source: "data/customers.csv", line: "7", customer_number: "4", field: "last_name", rule: "VAL-4", reason: "required" },
        { source: "data/customers.csv", line: "5", customer_number: "12", field: "email", rule: "VAL-6", reason: "not an email address" },
        { source: "data/customers.csv", line: "5", customer_number: "12", field: "postal_code", rule: "VAL-5", reason: "not a US postal code" },
        { source: "data/customers.csv", line: "9", customer_number: "abc", field: "customer_number", rule: "VAL-2", reason: "not a number" }
      ])
      // The report lists the same rejects, in the same order, as far as its list goes.
      assert.deepStrictEqual(
        rows.map((row) => [row.customer_number, row.line, row.field]),
        report.rejects.items.map((item) => [item.customerNumber, String(item.line), item.field])
      )
    }))

  it.effect("rejects.csv of a run without rejects holds its header alone", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun(sampleRun("clean", { rejects: [] }))
      const { files } = yield* writeRunReport("clean", tempPath("clean"))
      assert.strictEqual(readText(files.rejects), rejectColumns.join(",") + "\n")
    }))

  it.effect("rejects.csv pages through the database and still has every reject once, in order", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      // Over two pages; three problems a line, two of them on the same field, and records with no number.
      const rejects = Array.from({ length: 12_001 }, (_, i) => {
        const record = Math.floor(i / 3)
        return {
          source: record % 2 === 0 ? "a.csv" : "b.csv",
          line: record + 2,
          customerNumber: record % 500 === 7 ? `X${record}` : String(record),
          field: ["email", "postal_code", "email"][i % 3]!,
          reason: `bad ${i}`,
          rule: "VAL-6"
        }
      })
      yield* insertRun({ runId: "paged-rejects", rejects: [...rejects].reverse() })
      const path = tempPath("paged-rejects.csv")
      assert.strictEqual(yield* writeRejectsCsv("paged-rejects", path), 12_001)
      const rows = readCsv(path)
      const asText = (row: Readonly<Record<string, string | number>>) =>
        rejectColumns.map((column) => row[column]).join("|")
      assert.deepStrictEqual(
        rows.map(asText).sort(),
        rejects.map((r) => asText({ ...r, customer_number: r.customerNumber })).sort()
      )
      // Numbered records first, by number; then the others; each record's problems together, by field.
      const key = (row: Record<string, string>) =>
        /^\d+$/.test(row.customer_number!) ? [0, Number(row.customer_number), row.field!] as const : [1, Number(row.line), row.field!] as const
      for (let i = 1; i < rows.length; i++) {
        const [a, b] = [key(rows[i - 1]!), key(rows[i]!)]
        assert.isTrue(a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] <= b[2]))), `row ${i + 1}`)
      }
    }))

  it.effect("RPT-3 control characters in a value show as escapes in outcomes.csv and rejects.csv, never raw", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun({
        runId: "controls",
        outcomes: [{ customerNumber: 1, outcome: "failed", reason: hostile.reason }],
        rejects: [{ source: "f.csv", line: 2, customerNumber: hostile.number, field: "customer_number", reason: hostile.reason, rule: "VAL-2" }]
      })
      const { files } = yield* writeRunReport("controls", tempPath("controls"))
      const shown = "value \\x1b[31mRED\\x1b[0m\\x9b2J is \\u202eevil\\x0d\\x0aforged line"
      for (const path of [files.outcomes, files.rejects]) {
        const text = readText(path)
        assert.notMatch(text, rawControl, path)
        // One line per row: a line break in a value cannot forge a row.
        assert.strictEqual(text.split("\n").length, 1 + readCsv(path).length + 1, path)
      }
      assert.deepStrictEqual(readCsv(files.outcomes).map((row) => [row.customer_number, row.reason]), [
        ["1", shown],
        ["1213\\x1b[2J", `customer_number: ${shown}`]
      ])
      assert.deepStrictEqual(readCsv(files.rejects).map((row) => [row.customer_number, row.reason]), [["1213\\x1b[2J", shown]])
    }))

  it.effect("report.html shows control characters in values as escapes, never raw", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun({
        runId: "controls",
        settings: { K69: "store\u001b]0;title\u0007" },
        inputs: [{ source: "in\u001b[2J.csv", bytes: 10, sha256: "ab".repeat(32) }],
        outcomes: [{ customerNumber: 1, outcome: "deferred", reason: hostile.reason }],
        rejects: [{ source: "f.csv", line: 2, customerNumber: hostile.number, field: "customer_number", reason: hostile.reason, rule: "VAL-2" }],
        truncations: [{ customerNumber: 1, field: "street", before: "1 Main\u009b2J Street", after: "1 Main\u009b2J" }]
      })
      const { files } = yield* writeRunReport("controls", tempPath("controls"))
      const html = readText(files.html)
      assert.notMatch(html, rawControl)
      for (const shown of ["1213\\x1b[2J", "RED\\x1b[0m\\x9b2J is \\u202eevil\\x0d\\x0aforged", "store\\x1b]0;title\\x07", "in\\x1b[2J.csv", "1 Main\\x9b2J"]) {
        assert.include(html, shown)
      }
    }))

  it.effect("report.json keeps a value's control characters exactly, written as JSON escapes only", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun({
        runId: "controls",
        rejects: [{ source: "f.csv", line: 2, customerNumber: hostile.number, field: "customer_number", reason: hostile.reason, rule: "VAL-2" }]
      })
      const { files } = yield* writeRunReport("controls", tempPath("controls"))
      const text = readText(files.json)
      // Its own line breaks are the only raw control in the file.
      assert.notMatch(text, rawControl)
      assert.include(text, "\\u009b2J is \\u202eevil")
      const json = JSON.parse(text)
      assert.deepStrictEqual([json.rejects.items[0].customerNumber, json.rejects.items[0].reason], [hostile.number, hostile.reason])
    }))

  it.effect("the terminal summary shows control characters as escapes, never raw", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun(sampleRun("export-1"))
      const { report } = yield* writeRunReport("export-1", tempPath("export-1"))
      const summary = formatSummary(
        { ...report, runId: "run\u001b[2J", pipeline: "export\u009b31m" },
        reportFiles("reports/\u001b]0;x\u0007")
      )
      assert.notMatch(summary, rawControl)
      assert.match(summary, /^Run run\\x1b\[2J \(export\\x9b31m\) completed/)
      assert.include(summary, "Report: reports/\\x1b]0;x\\x07/report.html")
    }))

  it.effect("report.json gives a customer number as text in every list: rejects, truncations, deferred and failed", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun(sampleRun("export-1"))
      const { files } = yield* writeRunReport("export-1", tempPath("export-1"))
      const json = JSON.parse(readText(files.json))
      for (const list of ["rejects", "truncations", "deferred", "failed"]) {
        assert.isNotEmpty(json[list].items, list)
        for (const item of json[list].items) assert.typeOf(item.customerNumber, "string", list)
      }
      assert.deepStrictEqual(json.truncations.items.map((item: { customerNumber: string }) => item.customerNumber), ["10", "10", "20"])
    }))

  it.effect("report.html says how many of each list it shows and links the file that holds them all", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun(sampleRun("export-1", { rejects: rejectedRecords(30, 100) }))
      const listed = yield* writeRunReport("export-1", tempPath("listed"), { listLimit: 10 })
      const html = readText(listed.files.html)
      assert.include(
        sectionOf(html, "rejects"),
        `<p class="note" data-shown="10" data-count="30">Showing 10 of 30 — all in <a href="rejects.csv">rejects.csv</a>.</p>`
      )
      assert.include(sectionOf(html, "rejects"), "30 field problems in 30 rejected records.")
      assert.strictEqual((sectionOf(html, "rejects").match(/<tr>/g) ?? []).length, 1 + 10)
      assert.include(sectionOf(html, "deferred"), `Showing 2 of 2 — all in <a href="outcomes.csv">outcomes.csv</a>.`)
      assert.include(sectionOf(html, "truncations"), `Showing 3 of 3.`)
      const all = yield* writeRunReport("export-1", tempPath("all"))
      assert.include(sectionOf(readText(all.files.html), "rejects"), `Showing 30 of 30 — all in <a href="rejects.csv">rejects.csv</a>.`)
    }))

  it.effect("report.html shows of each input only what is known: size and SHA-256 of a file, rows of a table", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun(sampleRun("mixed", {
        inputs: [{ source: "data/customers.csv", bytes: 2_048, sha256: "ab".repeat(32) }, { source: "table customer_export", rows: 13 }]
      }))
      yield* insertRun(sampleRun("files", { inputs: [{ source: "data/customers.csv", bytes: 2_048, sha256: "ab".repeat(32) }] }))
      const mixed = sectionOf(readText((yield* writeRunReport("mixed", tempPath("mixed"))).files.html), "inputs")
      assert.notInclude(mixed, "—")
      assert.include(mixed, `<th>Source</th><th>Size</th><th class="num">Rows</th><th>SHA-256</th>`)
      assert.include(mixed, `<td><code>data/customers.csv</code></td><td>2.0 KB (2,048 bytes)</td><td class="num"></td><td><code class="digest">`)
      assert.include(mixed, `<td><code>table customer_export</code></td><td></td><td class="num">13</td><td></td>`)
      const files = sectionOf(readText((yield* writeRunReport("files", tempPath("files"))).files.html), "inputs")
      assert.notInclude(files, "—")
      assert.notInclude(files, "Rows")
    }))

  it.effect("report.html gives a one-chunk run's throughput in a sentence, not a flat chart, and says \"1 chunk\"", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* insertRun(sampleRun("one-chunk", { chunks: [{ customers: 10, seconds: 4 }] }))
      yield* insertRun(sampleRun("no-chunk", { chunks: [] }))
      const one = sectionOf(readText((yield* writeRunReport("one-chunk", tempPath("one-chunk"))).files.html), "charts")
      assert.include(one, "10 customers in 1 chunk,")
      assert.strictEqual((one.match(/<svg\b/g) ?? []).length, 1)
      assert.include(one, "All 10 customers went in one chunk, committed 4 s after the start (2.5 customers/s).")
      const none = sectionOf(readText((yield* writeRunReport("no-chunk", tempPath("no-chunk"))).files.html), "charts")
      assert.include(none, "0 customers in 0 chunks,")
      assert.strictEqual((none.match(/<svg\b/g) ?? []).length, 1)
      assert.include(none, "No chunk was committed")
    }))
})
