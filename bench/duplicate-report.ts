// `npm run bench -- duplicate-report [clusters]`: the Duplicate Customer Report of a big night — by default
// 100,000 clusters, from the real dedupe over 200,000 customers (each person registered twice, the second
// time with a typo or a field missing). One JSON line: the report's wall time (dedupe excluded), the size
// of each file, and the peak RSS of the whole process, and before the report.
import { mkdtempSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import type { Customer } from "../src/domain/customer.ts"
import { makePrng } from "../src/generate/prng.ts"
import type { CreatedMergeRequest } from "../src/report/duplicates/duplicate-report-input.ts"
import { writeDuplicateReport } from "../src/report/duplicates/write-duplicate-report.ts"
import { assignClusterIds } from "../src/stages/dedupe/cluster-ids.ts"
import { dedupe } from "../src/stages/dedupe/dedupe.ts"

const people = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 100_000)
const prng = makePrng(11)
const syllables = ["AN", "BER", "CO", "DA", "EL", "FI", "GOR", "HAN", "IS", "JO", "KAL", "LEN", "MOR", "NI", "OS", "PER", "QUIN", "RA", "SON", "TA", "UL", "VIK", "WEL", "YA", "ZE"]
const word = (parts: number) => Array.from({ length: parts }, () => prng.pick(syllables)).join("")
const cities = ["SPRINGFIELD", "PORTLAND", "AUSTIN", "DENVER", "SALEM", "DAYTON", "TAMPA", "BOISE", "MADISON", "RENO"]

const customer = (customerNumber: number): Customer => ({
  customerNumber, partyType: "I", prefix: "", firstName: word(2), middleInitial: "", lastName: word(3), suffix: "", company: "",
  street: `${prng.int(1, 9999)} ${word(2)} ST`, apartment: "", address2: "", address3: "", address4: "", city: prng.pick(cities),
  state: "IL", postalCode: prng.digits(5), country: "US", poBox: "N", deliveryCode: "", customerClass: "", alternateCustomerNumber: "",
  email: `c${customerNumber}@example-mail.com`, emailOptIn: "N", dayPhone: `(${prng.int(200, 999)}) ${prng.digits(3)}-${prng.digits(4)}`,
  dayPhoneExt: "", eveningPhone: "", eveningPhoneExt: "", thirdPhone: "", thirdPhoneExt: "", doNotFax: "N", mailFlag: "N", rentFlag: "N",
  birthMonth: prng.int(1, 12), birthDay: prng.int(1, 28), relateId: "", ecommerceId: "", syncFlag: "Y", status: "A"
})

const originals = Array.from({ length: people }, (_, i) => customer(1 + i))
const seconds = originals.map((original, i): Customer => ({
  ...original,
  customerNumber: 1 + people + i,
  ...(i % 3 === 0 ? { firstName: `${original.firstName}E` } : i % 3 === 1 ? { dayPhone: "" } : { email: "" })
}))
const customers = [...originals, ...seconds]
const result = dedupe({ customers })
const number = (index: number) => customers[index]!.customerNumber
const ids = assignClusterIds([], result.clusters.flatMap((cluster) => cluster.members.slice(1).map((member) => [number(cluster.survivor), number(member.index)] as const)), 1)
const clusterOf = new Map(ids.clusters.flatMap((cluster) => cluster.members.map((member) => [member, cluster.id] as const)))
const mergeRequests: Array<CreatedMergeRequest> = result.clusters.flatMap((cluster) =>
  cluster.members.slice(1).map((member, m) => ({
    id: cluster.survivor * 10 + m,
    fromCustomer: number(member.index),
    toCustomer: number(cluster.survivor),
    probability: member.probability,
    clusterId: clusterOf.get(number(cluster.survivor)) ?? null,
    survivorship: null
  }))
)

const peakBefore = process.resourceUsage().maxRSS
const directory = mkdtempSync(join(tmpdir(), "orce-sync-bench-duplicates-"))
const started = performance.now()
const summary = await Effect.runPromise(writeDuplicateReport(directory, {
  runId: "bench",
  full: true,
  customers,
  result,
  clusters: ids.clusters,
  merged: [],
  mergeRequests,
  review: result.review,
  decisions: { rejectedNotProposed: 0, acceptedBecameRequests: 0 }
}))
const elapsed = (performance.now() - started) / 1000
const mib = (path: string) => Number((statSync(path).size / 2 ** 20).toFixed(2))
console.log(JSON.stringify({
  case: `duplicate report of ${summary.counts.clusters.toLocaleString("en-US")} clusters`,
  customers: customers.length,
  clusters: summary.counts.clusters,
  pairs: summary.counts.mergeRequests + summary.counts.reviewPairs,
  seconds: Number(elapsed.toFixed(2)),
  html_mib: mib(summary.files.html),
  pairs_csv_mib: mib(summary.files.pairs),
  clusters_csv_mib: mib(summary.files.clusters),
  peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
  peak_rss_before_report_mib: Math.round(peakBefore / 1024)
}))
rmSync(directory, { recursive: true, force: true })
