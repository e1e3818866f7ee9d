import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { parse } from "csv-parse/sync"
import { readFileSync } from "node:fs"
import type { Customer } from "../../src/domain/customer.ts"
import { duplicateClusterColumns } from "../../src/report/duplicates/write-duplicate-clusters.ts"
import { duplicatePairColumns } from "../../src/report/duplicates/write-duplicate-pairs.ts"
import { type DuplicateReportInput, writeDuplicateReport } from "../../src/report/duplicates/write-duplicate-report.ts"
import { waterfall } from "../../src/stages/dedupe/score.ts"
import { population } from "../dedupe/fixtures.ts"
import { tempPath } from "../support/files.ts"
import { duplicateNight, hostile, nightCustomers } from "./duplicate-fixtures.ts"

const readCsv = (path: string): Array<Record<string, string>> => parse(readFileSync(path), { columns: true })

/** The HTML of the element that opens at `start` (an article or figure), up to its closing tag. */
const elementAt = (html: string, start: number, tag: string) => html.slice(start, html.indexOf(`</${tag}>`, start) + tag.length + 3)

const articleOf = (html: string, clusterId: number) => {
  const start = html.indexOf(`<article class="cluster" data-cluster="${clusterId}">`)
  assert.isAtLeast(start, 0, `cluster ${clusterId} is on the page`)
  return elementAt(html, start, "article")
}

const figureOf = (html: string, a: number, b: number) => {
  const start = html.indexOf(`<figure class="pair" data-pair="${a}-${b}"`)
  assert.isAtLeast(start, 0, `the waterfall of ${a} and ${b} is on the page`)
  return elementAt(html, start, "figure")
}

const sectionOf = (html: string, id: string) => {
  const start = html.search(new RegExp(`<section id="${id}"[ >]`))
  assert.isAtLeast(start, 0, `section ${id}`)
  return html.slice(start, html.indexOf("</section>", start))
}

/** The steps of a waterfall chart as drawn: key → weight. */
const stepsOf = (figure: string) => Object.fromEntries([...figure.matchAll(/data-step="([^"]+)" data-weight="([^"]+)"/g)].map((m) => [m[1]!, Number(m[2])]))

const numberOf = (input: DuplicateReportInput) => (index: number) => input.customers[index]!.customerNumber

/** The waterfall of two customers (by number), computed from the dedupe result itself. */
const expectedWaterfall = (input: DuplicateReportInput, a: number, b: number) => {
  const recordOf = (customerNumber: number) => {
    const position = input.customers.findIndex((customer) => customer.customerNumber === customerNumber)
    return input.result.records[input.result.customerIndex.indexOf(position)]!
  }
  return waterfall(input.result.scorer, recordOf(a), recordOf(b))
}

const write = (input: DuplicateReportInput, name: string, limits?: Parameters<typeof writeDuplicateReport>[2]) =>
  Effect.gen(function*() {
    const summary = yield* writeDuplicateReport(tempPath(name), input, limits)
    return { summary, html: readFileSync(summary.files.html, "utf8") }
  })

describe("Duplicate Customer Report", () => {
  const customers = nightCustomers()
  const night = duplicateNight(customers, { maxBlockSize: 20, accepted: [[1051, 9021]] })
  const number = numberOf(night)

  it("finds what the report is about in the fixture: clusters, a split-off, review pairs, capped blocks, skipped customers", () => {
    assert.isAtLeast(night.result.clusters.length, 6)
    assert.isTrue(night.review.some((pair) => pair.reason === "split from cluster"))
    assert.isTrue(night.review.some((pair) => pair.reason === "between thresholds"))
    assert.isAbove(night.result.blocking.capped.length, 0)
    assert.deepStrictEqual(night.result.skipped, { "blank name": 1 })
    assert.isTrue(night.mergeRequests.some((request) => request.clusterId === null))
  })

  it.effect("DUP-7 lists every cluster under its stable ID with its members, their probabilities, the survivor and the merge requests it created (flag SAVED)", () =>
    Effect.gen(function*() {
      const { summary, html } = yield* write(night, "dup-7")
      for (const cluster of night.clusters) {
        const article = articleOf(html, cluster.id)
        for (const member of cluster.members) assert.include(article, `<th>${member}`, `member ${member} of cluster ${cluster.id}`)
        for (const request of night.mergeRequests.filter((request) => request.clusterId === cluster.id)) {
          assert.match(article, new RegExp(`<td class="num"><span class="id">${request.id}</span></td><td class="num"><span class="id">${request.fromCustomer}</span></td><td class="num"><span class="id">${request.toCustomer}</span></td>.*?SAVED`))
        }
      }
      for (const cluster of night.result.clusters) {
        for (const member of cluster.members.slice(1)) {
          const article = articleOf(html, night.clusters.find((c) => c.members.includes(number(cluster.survivor)))!.id)
          assert.include(article, `<th>${number(member.index)} · `, "a member's heading carries its probability")
        }
      }
      assert.strictEqual(summary.counts.clusters, night.clusters.length)
      assert.strictEqual(summary.counts.members, night.clusters.reduce((sum, cluster) => sum + cluster.members.length, 0))
      assert.strictEqual(summary.counts.mergeRequests, night.mergeRequests.length)
      assert.strictEqual(summary.counts.reviewPairs, night.review.length)
      assert.include(html, `data-total="merge-requests">${night.mergeRequests.length}<`)
    }))

  it.effect("DUP-5 shows the survivor of every cluster and the rule that chose it", () =>
    Effect.gen(function*() {
      const { html } = yield* write(night, "dup-5")
      for (const cluster of night.result.clusters) {
        assert.include(html, `<p class="survivor" data-survivor="${number(cluster.survivor)}">Survivor <span class="id">${number(cluster.survivor)}</span> — ${cluster.survivorReason} `)
      }
      const withRelateId = night.clusters.find((cluster) => cluster.members.includes(1040))!
      assert.include(articleOf(html, withRelateId.id), "Survivor <span class=\"id\">1040</span> — has a Relate ID")
    }))

  it.effect("DUP-5 shows the golden record's choice per field group and the member it came from", () =>
    Effect.gen(function*() {
      const { html } = yield* write(night, "golden")
      const request = night.mergeRequests.find((request) => request.fromCustomer === 9001)!
      const article = articleOf(html, request.clusterId!)
      assert.include(article, "<h4>Golden record</h4>")
      for (const choice of request.survivorship!) {
        const from = choice.from === request.toCustomer
          ? `<span class="id">${choice.from}</span>`
          : `<span class="diff" data-from-member="${choice.from}" title="taken from another member than the survivor"><span class="diff-mark" aria-hidden="true">≠</span> <span class="id">${choice.from}</span></span>`
        assert.include(article, `<tr><td>${choice.group}</td><td class="num">${from}</td><td>${choice.rule}</td>`)
      }
      // 9001 registered an apartment the original lacks: the most complete address is its own.
      assert.strictEqual(request.survivorship!.find((choice) => choice.group === "address")!.from, 9001)
      assert.include(article, `<tr><td>address</td><td class="num"><span class="diff" data-from-member="9001"`)
      assert.include(article, "apartment: <code>APT 4</code>")
    }))

  it.effect("DUP-7 marks the fields in which a member differs from the survivor", () =>
    Effect.gen(function*() {
      const { html } = yield* write(night, "differs")
      const request = night.mergeRequests.find((request) => request.fromCustomer === 9001)!
      const article = articleOf(html, request.clusterId!)
      const survivor = customers.find((customer) => customer.customerNumber === request.toCustomer)!
      assert.include(article, `<tr><td>name</td><td>${survivor.firstName} ${survivor.lastName}</td><td><span class="diff" data-differs="true"`)
      assert.include(article, `≠</span> APT 4</span>`)
      assert.notInclude(article, `≠</span> ${survivor.city}</span>`, "a field both hold alike is not marked")
    }))

  it.effect("DUP-4 shows a member split off its cluster in the cluster, first, and among the pairs for review", () =>
    Effect.gen(function*() {
      const { html } = yield* write(night, "dup-4")
      const split = night.review.find((pair) => pair.reason === "split from cluster")!
      const cluster = night.clusters.find((c) => c.members.includes(number(split.b)))!
      assert.match(articleOf(html, cluster.id), /data-split-off="1"/)
      const first = html.indexOf("<article class=\"cluster\"")
      assert.strictEqual(first, html.indexOf(`<article class="cluster" data-cluster="${cluster.id}">`), "the cluster with a split-off comes first")
      assert.include(figureOf(html, number(split.a), number(split.b)), `data-band="split from cluster"`)
    }))

  it.effect("DUP-2 draws for every proposed and every review pair the waterfall: prior, each field's level and weight, term-frequency adjustments, probability", () =>
    Effect.gen(function*() {
      const { html } = yield* write(night, "dup-2")
      const pairs = [
        ...night.mergeRequests.map((request) => [request.fromCustomer, request.toCustomer] as const),
        ...night.review.map((pair) => [number(pair.a), number(pair.b)] as const)
      ]
      assert.isAbove(pairs.length, 10)
      for (const [a, b] of pairs) {
        const figure = figureOf(html, a, b)
        const expected = expectedWaterfall(night, a, b)
        const steps = stepsOf(figure)
        assert.strictEqual(steps.prior, expected.prior)
        for (const field of expected.fields) {
          assert.strictEqual(steps[field.comparison], field.weight, `${a}-${b} ${field.comparison}`)
          assert.include(figure, `>${field.comparison}: ${field.level}</text>`)
          if (field.termFrequency !== 0) assert.strictEqual(steps[`${field.comparison} frequency`], field.termFrequency)
        }
        assert.strictEqual(steps.total, expected.total)
        assert.include(figure, `data-probability="${expected.probability}"`)
        assert.include(figure, "<svg class=\"chart waterfall\"")
      }
      // A shared common value counts less than the level's weight says: that adjustment is drawn, below zero.
      assert.match(html, /data-step="[^"]+ frequency" data-weight="-/)
    }))

  it.effect("DUP-2 duplicate-pairs.csv has a row per proposed and review pair with each field's level and weight, and an empty decision column to fill in", () =>
    Effect.gen(function*() {
      const { summary } = yield* write(night, "pairs-csv")
      const text = readFileSync(summary.files.pairs, "utf8")
      assert.strictEqual(text.split("\n")[0], duplicatePairColumns(night.result.scorer.comparisons).join(","))
      const rows = readCsv(summary.files.pairs)
      assert.strictEqual(rows.length, night.mergeRequests.length + night.review.length)
      for (const row of rows) {
        const expected = expectedWaterfall(night, Number(row.customer_a), Number(row.customer_b))
        assert.strictEqual(row.decision, "")
        assert.strictEqual(Number(row.total_weight), Math.round(expected.total * 1e4) / 1e4)
        assert.strictEqual(row.first_name_level, expected.fields[0]!.level)
        assert.strictEqual(Number(row.email_frequency_adjustment), Math.round(expected.fields.find((field) => field.comparison === "email")!.termFrequency * 1e4) / 1e4)
        assert.notMatch(row.prior_weight!, /^'/, "a negative weight stays a number")
        assert.include(["auto-merge", "accepted in review", "review", "split from cluster"], row.band)
      }
      const accepted = rows.find((row) => row.customer_a === "1051" && row.customer_b === "9021")!
      assert.strictEqual(accepted.band, "accepted in review")
      assert.strictEqual(accepted.request_id, String(night.mergeRequests.find((request) => request.fromCustomer === 1051)!.id))
    }))

  it.effect("DUP-7 duplicate-clusters.csv has a row per member: cluster ID, customer, survivor Y/N, probability, request ID", () =>
    Effect.gen(function*() {
      const { summary } = yield* write(night, "clusters-csv")
      assert.strictEqual(readFileSync(summary.files.clusters, "utf8").split("\n")[0], duplicateClusterColumns.join(","))
      const rows = readCsv(summary.files.clusters)
      assert.strictEqual(rows.length, summary.counts.members)
      for (const request of night.mergeRequests.filter((request) => request.clusterId !== null)) {
        const row = rows.find((row) => row.customer === String(request.fromCustomer))!
        assert.deepInclude(row, { cluster_id: String(request.clusterId), survivor: "N", probability: String(request.probability), request_id: String(request.id) })
        assert.deepInclude(rows.find((row) => row.customer === String(request.toCustomer))!, { survivor: "Y", cluster_id: String(request.clusterId) })
      }
      assert.strictEqual(rows.find((row) => row.customer === "1040")!.survivor_reason, "has a Relate ID")
    }))

  it.effect("DUP-1 shows the pairs each blocking rule produced, the distinct pairs compared, and what was capped", () =>
    Effect.gen(function*() {
      const { summary, html } = yield* write(night, "dup-1")
      const blocking = sectionOf(html, "blocking")
      for (const rule of night.result.blocking.rules) {
        assert.include(blocking, `<span data-rule-pairs="${rule.rule}">${rule.pairs.toLocaleString("en-US")}</span>`)
        assert.strictEqual(summary.counts.candidatePairsPerRule[rule.rule], rule.pairs)
      }
      assert.include(html, `data-total="candidate-pairs">${night.result.candidatePairs.toLocaleString("en-US")}<`)
      assert.strictEqual(summary.counts.candidatePairs, night.result.candidatePairs)
      const capped = night.result.blocking.capped
      assert.strictEqual(blocking.split("<tr>").length - 1, 1 + night.result.blocking.rules.length + 1 + capped.length)
      for (const block of capped) assert.include(blocking, `<code>${block.key}</code>`)
      assert.strictEqual(summary.counts.cappedBlocks, night.result.blocking.rules.reduce((sum, rule) => sum + rule.cappedBlocks, 0))
    }))

  it.effect("says what was skipped and why: blank names, placeholder emails, no address", () =>
    Effect.gen(function*() {
      const { summary, html } = yield* write(night, "skipped")
      const skipped = sectionOf(html, "skipped")
      assert.include(skipped, `<span data-skipped="blank name">1</span>`)
      assert.include(skipped, `<span data-weakened="placeholder email">${night.result.notes.placeholderEmail}</span>`)
      assert.include(skipped, `<span data-weakened="no address">${night.result.notes.noAddress}</span>`)
      assert.deepInclude(summary.counts, { skipped: { "blank name": 1 }, placeholderEmails: night.result.notes.placeholderEmail, noAddress: night.result.notes.noAddress })
    }))

  it.effect("shows the model's m and u of every comparison level as a chart", () =>
    Effect.gen(function*() {
      const { html } = yield* write(night, "model")
      const model = sectionOf(html, "model")
      for (const comparison of night.result.model.comparisons) {
        assert.include(model, `data-comparison="${comparison.name}"`)
        for (const level of comparison.levels.slice(1)) assert.include(model, `data-level="${level.label}" data-m="${level.m}" data-u="${level.u}"`)
      }
    }))

  it.effect("customer data stays text: markup escaped, bidi and zero-width characters shown, formulas neutralised in the CSV files", () =>
    Effect.gen(function*() {
      const { summary, html } = yield* write(night, "hostile")
      assert.notInclude(html, "<SCRIPT>")
      assert.notInclude(html.toLowerCase(), "<script")
      assert.include(html, "&lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;")
      assert.include(html, "=CMD|&#39; /C CALC&#39;!A0")
      assert.include(html, "1 \\u202eEVIL ST")
      assert.include(html, "ZERO\\u200bWIDTH")
      assert.notMatch(html, /[\u202e\u200b]/)
      const name = `${hostile.firstName} ${hostile.lastName}`
      const pair = readCsv(summary.files.pairs).find((row) => row.customer_a === "9101" || row.customer_b === "9101")!
      assert.strictEqual(pair.customer_a === "9101" ? pair.name_a : pair.name_b, `'${name}`)
      const member = readCsv(summary.files.clusters).find((row) => row.customer === "9100")!
      assert.strictEqual(member.name, `'${name}`)
    }))

  it.effect("stable IDs: each cluster shows whether it is new, grown, joined (and which it absorbed) or unchanged", () =>
    Effect.gen(function*() {
      const previous = [
        { id: 1, members: [1003, 9001] },
        { id: 2, members: [1040, 1041] },
        { id: 3, members: [1020, 1021] },
        { id: 4, members: [9003, 1022] }
      ]
      const incremental = duplicateNight(customers, { previous, nextId: 10 })
      const { summary, html } = yield* write(incremental, "stable-ids")
      assert.include(articleOf(html, 1), `data-change="unchanged"`)
      assert.include(articleOf(html, 2), `data-change="grown"`)
      const joined = articleOf(html, 3)
      assert.include(joined, `data-change="joined"`)
      assert.include(joined, `data-absorbed="4"`)
      // 1021 and 1022 are in the cluster from earlier nights: tonight matched none of them, so no probability.
      assert.include(joined, "<th>1021</th>")
      assert.notInclude(html, `data-cluster="4"`)
      assert.include(articleOf(html, 10), `data-change="new"`)
      assert.deepStrictEqual(summary.counts.clustersByChange, {
        new: incremental.clusters.filter((cluster) => cluster.change === "new").length,
        grown: 1,
        joined: 1,
        unchanged: 1,
        merged: 0
      })
      assert.strictEqual(summary.counts.absorbedClusters, 1)
      assert.include(html, `data-run="incremental"`)
    }))

  it.effect("an incremental run that changed nothing says so", () =>
    Effect.gen(function*() {
      const previous = night.clusters.map((cluster) => ({ id: cluster.id, members: cluster.members }))
      const again = duplicateNight(customers, { previous, nextId: 100, maxBlockSize: 20 })
      const { html } = yield* write(again, "unchanged")
      assert.include(html, "Nothing changed since the last run.")
      const { html: first } = yield* write(night, "first")
      assert.notInclude(first, "Nothing changed since the last run.")
    }))

  it.effect("RPT-4 the same night gives byte-identical files, the dedupe run again included", () =>
    Effect.gen(function*() {
      const one = yield* writeDuplicateReport(tempPath("rpt-4-a"), night)
      const two = yield* writeDuplicateReport(tempPath("rpt-4-b"), duplicateNight(nightCustomers(), { maxBlockSize: 20, accepted: [[1051, 9021]] }))
      for (const file of ["html", "pairs", "clusters"] as const) {
        assert.isTrue(readFileSync(one.files[file]).equals(readFileSync(two.files[file])), file)
      }
      assert.deepStrictEqual(one.counts, two.counts)
    }))

  it.effect("a big night: the page shows the clusters needing attention first, up to its limit, and says the CSV holds them all", () =>
    Effect.gen(function*() {
      const { summary, html } = yield* write(night, "limits", { clusters: 3, reviewPairs: 2, membersPerCluster: 10 })
      const shown = [...html.matchAll(/<article class="cluster" data-cluster="(\d+)">/g)].map((m) => Number(m[1]))
      assert.strictEqual(shown.length, 3)
      assert.include(html, `<p class="note" data-shown="3" data-count="${night.clusters.length}">Showing 3 of ${night.clusters.length} — all in <a href="duplicate-clusters.csv">`)
      assert.include(html, `data-shown="2" data-count="${night.review.length}"`)
      assert.strictEqual([...html.matchAll(/<article class="review-pair">/g)].length, 2)
      // After the one with a split-off member, the weakest first.
      const lowest = (id: number) => Math.min(...night.mergeRequests.filter((request) => request.clusterId === id).map((request) => request.probability!))
      assert.isAtMost(lowest(shown[1]!), lowest(shown[2]!))
      const others = night.clusters.map((cluster) => cluster.id).filter((id) => !shown.includes(id))
      for (const id of others) assert.isAtMost(lowest(shown[2]!), lowest(id))
      assert.strictEqual(readCsv(summary.files.clusters).length, summary.counts.members)
    }))

  it.effect("a thousand clusters make a page of bounded size, while the CSV files hold every pair and member", () =>
    Effect.gen(function*() {
      const people = population(1_000)
      const seconds: Array<Customer> = people.map((customer, i) => ({ ...customer, customerNumber: 50_000 + i, dayPhone: "" }))
      const big = duplicateNight([...people, ...seconds])
      assert.isAtLeast(big.clusters.length, 950)
      const { summary, html } = yield* write(big, "big")
      assert.strictEqual([...html.matchAll(/<article class="cluster"/g)].length, 200)
      assert.isBelow(Buffer.byteLength(html), 4_000_000)
      assert.strictEqual(readCsv(summary.files.clusters).length, summary.counts.members)
      assert.strictEqual(readCsv(summary.files.pairs).length, big.mergeRequests.length + big.review.length)
    }))
})
