import type { Customer } from "../../domain/customer.ts"
import type { SurvivorshipChoice } from "../../domain/merge-request.ts"
import { code, htmlDocument, listSection, table } from "../html-parts.ts"
import { escapeHtml, formatCount, formatCountOf } from "../html-text.ts"
import { barChart } from "../svg-charts.ts"
import type { DuplicateReportInput } from "./duplicate-report-input.ts"
import type { DuplicateCounts } from "./duplicate-report-summary.ts"
import { personName } from "../../domain/customer-name.ts"
import { byAttention, type ClusterView, type DuplicateViews, type PairView } from "./duplicate-views.ts"
import { formatProbability } from "./match-text.ts"
import { modelChart, modelScaleFloor } from "./model-chart.ts"
import { waterfallChart } from "./waterfall-chart.ts"

/**
 * duplicates.html, the Duplicate Customer Report for a person (DUP-7): the totals, the clusters needing
 * attention first with their members side by side, survivor and why, golden record and merge requests,
 * why each pair matched (a waterfall of match weights, DUP-2), the pairs for review, blocking statistics
 * (DUP-1), the model and what was skipped. Lists are bounded: the CSV files hold everything.
 */

export interface DuplicatePageLimits {
  /** Clusters shown, and review pairs shown. */
  readonly clusters: number
  readonly reviewPairs: number
  /** Members side by side, and waterfalls, per cluster. */
  readonly membersPerCluster: number
}

export const defaultDuplicatePageLimits: DuplicatePageLimits = { clusters: 200, reviewPairs: 200, membersPerCluster: 10 }

const pairsFile = "duplicate-pairs.csv"
const clustersFile = "duplicate-clusters.csv"

const phone = (number: string, extension: string) => (extension === "" ? number : `${number} ext. ${extension}`)

/** The fields a person compares, each as one line of text. */
const memberFields: ReadonlyArray<readonly [string, (customer: Customer) => string]> = [
  ["name", personName],
  ["company", (c) => c.company],
  ["street", (c) => c.street],
  ["apartment", (c) => c.apartment],
  ["address lines 2–4", (c) => [c.address2, c.address3, c.address4].filter((line) => line !== "").join(" / ")],
  ["city", (c) => c.city],
  ["state", (c) => c.state],
  ["postal code", (c) => c.postalCode],
  ["country", (c) => c.country],
  ["email", (c) => c.email],
  ["day phone", (c) => phone(c.dayPhone, c.dayPhoneExt)],
  ["evening phone", (c) => phone(c.eveningPhone, c.eveningPhoneExt)],
  ["third phone", (c) => phone(c.thirdPhone, c.thirdPhoneExt)],
  ["birth month/day", (c) => (c.birthMonth === null && c.birthDay === null ? "" : `${c.birthMonth ?? "?"}/${c.birthDay ?? "?"}`)],
  ["party type", (c) => (c.partyType === "I" ? "individual" : "organization")],
  ["Relate ID", (c) => c.relateId],
  ["e-commerce ID", (c) => c.ecommerceId]
]

const customerLink = (customerNumber: number) => `<span class="id">${customerNumber}</span>`

const changeBadge = (change: ClusterView["change"]) =>
  change === null ? "" : `<span class="badge badge-${change}" data-change="${change}">${escapeHtml(change)}</span>`

/**
 * The members of a cluster (or the two of a pair) side by side: one column each, the first being the one
 * the others are compared with; a value that differs from it is marked.
 */
export const sideBySide = (
  columns: ReadonlyArray<{ readonly heading: string; readonly customer: Customer | undefined }>
): string => {
  const first = columns[0]?.customer
  const rows = memberFields
    .filter(([, value]) => columns.some((column) => column.customer !== undefined && value(column.customer) !== ""))
    .map(([label, value]) => [
      escapeHtml(label),
      ...columns.map((column, i) => {
        if (column.customer === undefined) return `<span class="none">not in tonight's data</span>`
        const text = value(column.customer)
        const differs = i > 0 && first !== undefined && text !== value(first)
        const shown = text === "" && differs ? `<span class="muted">blank</span>` : escapeHtml(text)
        return differs
          ? `<span class="diff" data-differs="true" title="differs from the first column"><span class="diff-mark" aria-hidden="true">≠</span> ${shown}</span>`
          : shown
      })
    ])
  return `<div class="side-by-side">${table(["", ...columns.map((column) => column.heading)], rows)}</div>`
}

const pairCaption = (pair: PairView) =>
  `${pair.a} → ${pair.b} · probability ${formatProbability(pair.probability)} · ${pair.band}${pair.clusterId === null ? "" : ` · cluster ${pair.clusterId}`}`

/** DUP-2: why a pair matched, as a waterfall of match weights. */
const pairFigure = (views: DuplicateViews, pair: PairView) => {
  const explained = views.explain(pair.a, pair.b)
  const body = explained === undefined
    ? `<p class="chart-note">No explanation: one of the two customers was not part of tonight's dedupe (see Skipped).</p>`
    : waterfallChart(explained, `Why ${pair.a} and ${pair.b} matched`)
  return `<figure class="pair" data-pair="${pair.a}-${pair.b}" data-band="${escapeHtml(pair.band)}"><figcaption>${escapeHtml(pairCaption(pair))}</figcaption>${body}</figure>`
}

/** DUP-5: the golden record, field group by field group; a group taken from another member than the survivor is marked. */
const survivorshipTable = (choices: ReadonlyArray<SurvivorshipChoice>, survivor: number | undefined) =>
  table(
    ["Field group", "From customer", "Rule", "Values kept"],
    choices.map((choice) => {
      const values = Object.entries(choice.values).filter(([, value]) => value !== null && value !== "")
      return [
        escapeHtml(choice.group),
        choice.from === survivor
          ? customerLink(choice.from)
          : `<span class="diff" data-from-member="${choice.from}" title="taken from another member than the survivor"><span class="diff-mark" aria-hidden="true">≠</span> ${customerLink(choice.from)}</span>`,
        escapeHtml(choice.rule),
        values.length === 0 ? `<span class="muted">blank</span>` : values.map(([field, value]) => `${escapeHtml(field)}: ${code(String(value))}`).join("<br>")
      ]
    }),
    ["text", "num", "text", "text"]
  )

const clusterArticle = (views: DuplicateViews, cluster: ClusterView, limits: DuplicatePageLimits) => {
  const shown = cluster.members.slice(0, limits.membersPerCluster)
  const more = cluster.members.length - shown.length
  const heading = cluster.id === null ? "Cluster (no ID)" : `Cluster ${cluster.id}`
  const done = cluster.change === "merged"
    ? `<p class="note" data-merged="${cluster.members.length - 1}">Merged: the merge engine merged its other members into the survivor; nothing is left to do.</p>`
    : ""
  const survivors = cluster.survivors.length === 0
    ? `<p class="note">Unchanged since an earlier run: tonight's run scored none of its members.</p>`
    : cluster.survivors.map((survivor) =>
      `<p class="survivor" data-survivor="${survivor.customerNumber}">Survivor ${customerLink(survivor.customerNumber)} — ${
        escapeHtml(survivor.reason)
      } <span class="muted">(DUP-5: Relate ID, then activity, then matches, then lowest customer number)</span></p>`
    ).join("")
  const withChoices = cluster.requests.find((request) => request.survivorship !== null)
  const requestRows = cluster.requests.map((request) => [
    customerLink(request.id),
    customerLink(request.fromCustomer),
    customerLink(request.toCustomer),
    request.probability === null ? "—" : escapeHtml(formatProbability(request.probability)),
    `<span class="id">SAVED</span>`
  ])
  const proposed = cluster.proposed.slice(0, limits.membersPerCluster)
  return `<article class="cluster" data-cluster="${cluster.id ?? ""}">` +
    `<h3>${escapeHtml(heading)} ${changeBadge(cluster.change)} <span class="muted">${formatCountOf(cluster.members.length, "member")}${
      cluster.lowest === null ? "" : `, lowest probability ${escapeHtml(formatProbability(cluster.lowest))}`
    }</span></h3>` +
    (cluster.absorbed.length === 0 ? "" : `<p class="note" data-absorbed="${cluster.absorbed.join(" ")}">Absorbed clusters ${escapeHtml(cluster.absorbed.join(", "))}: they joined this one tonight and keep no ID of their own.</p>`) +
    survivors +
    done +
    sideBySide(shown.map((member) => ({
      heading: `${member.customerNumber}${member.survivor ? " (survivor)" : member.probability === null ? "" : ` · ${formatProbability(member.probability)}`}`,
      customer: member.customer
    }))) +
    (more > 0 ? `<p class="note">And ${formatCountOf(more, "more member")}, all in <a href="${clustersFile}">${clustersFile}</a>.</p>` : "") +
    (cluster.splitOff.length === 0 ? "" : `<p class="note split" data-split-off="${cluster.splitOff.length}">Split off into review (DUP-4: they do not themselves match the survivor above the auto-merge threshold): ${
      cluster.splitOff.map((pair) => `${customerLink(pair.a)} at ${escapeHtml(formatProbability(pair.probability))}`).join(", ")
    }.</p>`) +
    (withChoices === undefined ? "" : `<h4>Golden record</h4>${survivorshipTable(withChoices.survivorship!, withChoices.toCustomer)}`) +
    `<h4>Merge requests</h4>` +
    (requestRows.length === 0 ? `<p class="none">No merge request for this cluster tonight.</p>` : table(["Request", "From", "To", "Probability", "Flag"], requestRows, ["num", "num", "num", "num", "id"])) +
    (proposed.length === 0 ? "" : `<h4>Why they matched</h4><div class="pairs">${proposed.map((pair) => pairFigure(views, pair)).join("")}</div>`) +
    `</article>`
}

const totals = (counts: DuplicateCounts): ReadonlyArray<readonly [string, string, number, string]> => [
  ["clusters", "clusters", counts.clusters, "groups of one customer's records"],
  ["members", "members", counts.members, "customers in those clusters"],
  ["merge-requests", "merge requests", counts.mergeRequests, "created, flag SAVED"],
  ["review-pairs", "pairs for review", counts.reviewPairs, "for a person to decide"],
  ["candidate-pairs", "pairs compared", counts.candidatePairs, "from the blocking rules"],
  ["skipped", "skipped", Object.values(counts.skipped).reduce((sum, count) => sum + count, 0), "customers left out"]
]

const blockingSection = (input: DuplicateReportInput) => {
  const { blocking, candidatePairs } = input.result
  const bars = blocking.rules.map((rule, i) => ({ key: String(i), label: rule.rule, value: rule.pairs, color: "var(--accent-line)" }))
  return `<section id="blocking"><h2>Blocking <span class="count">${formatCount(candidatePairs)}</span></h2>` +
    `<p class="note">DUP-1: pairs come only from customers sharing a blocking key, never from comparing all pairs. ${
      formatCountOf(candidatePairs, "distinct pair")
    } compared; a pair two rules produce is compared once, and "new pairs" counts those no earlier rule had.</p>` +
    `<figure class="chart-box"><figcaption>Pairs per rule</figcaption>${barChart(bars, "Candidate pairs per blocking rule", 240)}</figure>` +
    table(
      ["Rule", "Blocks", "Largest block", "Pairs", "New pairs", "Capped blocks"],
      blocking.rules.map((rule) => [
        escapeHtml(rule.rule),
        formatCount(rule.blocks),
        formatCount(rule.largestBlock),
        `<span data-rule-pairs="${escapeHtml(rule.rule)}">${formatCount(rule.pairs)}</span>`,
        formatCount(rule.newPairs),
        formatCount(rule.cappedBlocks)
      ]),
      ["text", "num", "num", "num", "num", "num"]
    ) +
    `<h3>Capped blocks</h3>` +
    (blocking.capped.length === 0
      ? `<p class="none">No block was capped: every block was compared all pairs with all.</p>`
      : `<p class="note">A block larger than the maximum block size (one postal code of thousands, one placeholder value) is not compared all pairs with all: it is sorted by name and each customer is compared with its nearest neighbours only, so the pair count stays near-linear. The largest capped blocks (keys masked: they are personal data):</p>` +
        table(
          ["Rule", "Key", "Customers", "Pairs compared", "All pairs would be"],
          blocking.capped.map((block) => [
            escapeHtml(block.rule),
            code(block.key),
            formatCount(block.size),
            formatCount(block.pairs),
            formatCount((block.size * (block.size - 1)) / 2)
          ]),
          ["text", "text", "num", "num", "num"]
        )) +
    `</section>`
}

const modelSection = (input: DuplicateReportInput) => {
  const { model, modelReused } = input.result
  const floor = modelScaleFloor(model.comparisons)
  const from = model.estimatedFrom
  return `<section id="model"><h2>Model</h2>` +
    `<p class="note">${
      escapeHtml(
        `${modelReused ? "Reused from an earlier run" : "Estimated tonight"} without labels from ${formatCountOf(from.records, "customer")}: ` +
          `u from ${formatCountOf(from.randomPairs, "random pair")}, m by expectation–maximisation over ${formatCountOf(from.candidatePairs, "candidate pair")} ` +
          `(${formatCountOf(from.iterations, "iteration")}, ${from.converged ? "converged" : "not converged"}). ` +
          `Prior: ${model.prior.toPrecision(3)} — the chance that two customers picked at random are the same.`
      )
    }</p>` +
    `<div class="charts">${
      model.comparisons.map((comparison) => `<figure><figcaption>${escapeHtml(comparison.name)}</figcaption>${modelChart(comparison, floor)}</figure>`).join("")
    }</div></section>`
}

const skippedSection = (input: DuplicateReportInput) => {
  const { skipped, notes } = input.result
  const rows: Array<ReadonlyArray<string>> = [
    ...Object.entries(skipped).map(([reason, count]) => [escapeHtml(reason), `<span data-skipped="${escapeHtml(reason)}">${formatCount(count)}</span>`, "left out of dedupe: nothing to match a person by"]),
    ["placeholder email", `<span data-weakened="placeholder email">${formatCount(notes.placeholderEmail)}</span>`, "kept; the shared placeholder (none@none.com, noemail@…) is treated as no email, so it neither blocks nor matches"],
    ["no address", `<span data-weakened="no address">${formatCount(notes.noAddress)}</span>`, "kept; matched on the other fields only"]
  ]
  return `<section id="skipped"><h2>Skipped and weakened</h2>${table(["Reason", "Customers", "What happened"], rows, ["text", "num", "text"])}</section>`
}

export const renderDuplicatesHtml = (
  input: DuplicateReportInput,
  views: DuplicateViews,
  counts: DuplicateCounts,
  limits: DuplicatePageLimits = defaultDuplicatePageLimits
): string => {
  const attention = byAttention(views.clusters).slice(0, limits.clusters)
  const review = views.reviewPairs.slice(0, limits.reviewPairs)
  const accepted = views.accepted.slice(0, limits.reviewPairs)
  const changes = counts.clustersByChange
  const meta: ReadonlyArray<readonly [string, string]> = [
    ["Run ID", code(input.runId)],
    ["Run", escapeHtml(input.full ? "full: every pair" : "incremental: new and changed customers against all")],
    ["Model", escapeHtml(input.result.modelReused ? "reused" : "estimated tonight")],
    ["Customers", formatCount(input.customers.length)]
  ]
  const body = `<header class="page-header">
<div class="eyebrow">orce-sync · duplicate customer report</div>
<h1>Duplicate customers <span class="status status-completed" data-run="${input.full ? "full" : "incremental"}">${input.full ? "full run" : "incremental run"}</span></h1>
<dl class="meta">${meta.map(([term, value]) => `<div${term === "Run ID" ? " class=\"wide\"" : ""}><dt>${escapeHtml(term)}</dt><dd>${value}</dd></div>`).join("")}</dl>
</header>
<main>
<section id="totals"><h2>Totals</h2>
<div class="cards">${
    totals(counts).map(([key, label, value, note]) =>
      `<div class="card" style="--accent:var(--accent-line)"><div class="card-label">${escapeHtml(label)}</div>` +
      `<div class="card-value" data-total="${key}">${formatCount(value)}</div><div class="card-note">${escapeHtml(note)}</div></div>`
    ).join("")
  }</div>
<p class="note">Clusters: ${formatCount(changes.new)} new, ${formatCount(changes.grown)} grown, ${formatCount(changes.joined)} joined (absorbing ${
    formatCountOf(counts.absorbedClusters, "earlier cluster")
  }), ${formatCount(changes.unchanged)} unchanged, ${formatCount(changes.merged)} merged.${
    !input.full && changes.new + changes.grown + changes.joined === 0 ? " Nothing changed since the last run." : ""
  } Remembered review decisions: ${formatCountOf(input.decisions.rejectedNotProposed, "rejected pair")} not proposed again, ${
    formatCountOf(input.decisions.acceptedBecameRequests, "accepted pair")
  } became ${input.decisions.acceptedBecameRequests === 1 ? "a merge request" : "merge requests"}.</p>
</section>
${
    listSection("clusters", "Clusters", { count: views.clusters.length, items: attention }, () =>
      `<p class="note">Those needing attention first: members split off, then the lowest probability of a member with its survivor, then what changed tonight.</p>` +
      attention.map((cluster) => clusterArticle(views, cluster, limits)).join(""), "No duplicates found.", clustersFile)
  }
${
    listSection("review", "Pairs for review", { count: views.reviewPairs.length, items: review }, () =>
      `<p class="note">DUP-3: between the review and auto-merge thresholds, or split from a cluster (DUP-4). Fill in the <code>decision</code> column of <a href="${pairsFile}">${pairsFile}</a> with accept or reject and run <code>orce-sync dedupe review</code> with it. Split-offs first, then the most probable.</p>` +
      review.map((pair) =>
        `<article class="review-pair">${
          sideBySide([
            { heading: String(pair.a), customer: views.customerOf(pair.a) },
            { heading: pair.band === "split from cluster" ? `${pair.b} (survivor of cluster ${pair.clusterId ?? "—"})` : String(pair.b), customer: views.customerOf(pair.b) }
          ])
        }${pairFigure(views, pair)}</article>`
      ).join(""), "No pair needs a person tonight.", pairsFile)
  }
${
    views.accepted.length === 0 ? "" : listSection("accepted", "Merge requests from accepted review pairs", { count: views.accepted.length, items: accepted }, () =>
      `<p class="note">A person accepted these pairs in an earlier review; each became a merge request (flag SAVED) outside any cluster.</p>` +
      table(
        ["Request", "From", "To", "Probability", "Flag"],
        accepted.map((pair) => [customerLink(pair.requestId ?? 0), customerLink(pair.a), customerLink(pair.b), escapeHtml(formatProbability(pair.probability)), `<span class="id">SAVED</span>`]),
        ["num", "num", "num", "num", "id"]
      ) +
      `<div class="pairs">${accepted.map((pair) => pairFigure(views, pair)).join("")}</div>`, "", pairsFile)
  }
${blockingSection(input)}
${modelSection(input)}
${skippedSection(input)}
</main>
<footer>Run ${escapeHtml(input.runId)} · every pair with its field weights: <a href="${pairsFile}">${pairsFile}</a> · every cluster member: <a href="${clustersFile}">${clustersFile}</a> · for machines: <a href="report.json">report.json</a></footer>`
  return htmlDocument(`orce-sync duplicates ${input.runId}`, body)
}
