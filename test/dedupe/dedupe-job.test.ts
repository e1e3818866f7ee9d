import { assert } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { parse } from "csv-parse/sync"
import { Effect } from "effect"
import { sql } from "kysely"
import { dedupeJob } from "../../pipelines/dedupe.ts"
import { jobs } from "../../pipelines/jobs.ts"
import { ChunkListeners, ListenerError } from "../../src/batch/listeners.ts"
import { Progress, type StepProgress } from "../../src/batch/progress.ts"
import { resumeRun } from "../../src/batch/resume.ts"
import { Database } from "../../src/db/database.ts"
import { recordDecisions } from "../../src/db/record-decisions.ts"
import type { Customer } from "../../src/domain/customer.ts"
import { defaultSurvivorshipRules } from "../../src/domain/survivorship-rules.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { testSettings, testSettingsLayer } from "../support/settings.ts"
import { runBatch } from "../merge/fixtures.ts"
import { live, pipelineLayer } from "../sync/harness.ts"
import { person, population } from "./fixtures.ts"
import { readDedupeTables, runDedupe, stageCustomers } from "./job-harness.ts"

const base = population(600)
base[3] = { ...base[3]!, firstName: "ROBERT" }
const again = (original: Customer, customerNumber: number, changes: Partial<Customer> = {}): Customer => ({ ...original, customerNumber, ...changes })
/** Second registrations of four of the people, as the core's own tests find them. */
const secondRegistrations = [
  again(base[3]!, 9001, { firstName: "ROB", dayPhone: "" }),
  again(base[10]!, 9002, { lastName: `${base[10]!.lastName}E`, email: "" }),
  again(base[20]!, 9003, { street: "77 NEW RD", city: "ELSEWHERE", postalCode: "99999" }),
  again(base[30]!, 9004, { email: base[30]!.email.replace("example-mail", "other-mail"), birthMonth: null, birthDay: null })
]
const customers = [...base, ...secondRegistrations]

const pairsOf = (requests: ReadonlyArray<{ fromCustomer: number; toCustomer: number }>) =>
  requests.map((request) => [request.fromCustomer, request.toCustomer])

const decide = (decisions: ReadonlyArray<{ a: number; b: number; decision: "accept" | "reject" }>) =>
  Effect.gen(function*() {
    const { query } = yield* Database
    const rows = yield* query("customers", (db) => db.selectFrom("customers").selectAll().execute())
    const known = new Map(rows.map((row) => [row.customerNumber, row as Customer]))
    return yield* recordDecisions("decisions.csv", decisions.map((decision, line) => ({ ...decision, line: line + 2 })), known, () => 0, defaultSurvivorshipRules)
  })

/** The staging state a dedupe leaves, without what names its run. */
const endState = Effect.gen(function*() {
  const { query } = yield* Database
  const tables = yield* readDedupeTables
  const fingerprints = yield* query("fingerprints", (db) =>
    db.selectFrom("dedupeFingerprints").select(["customerNumber", "fingerprint"]).orderBy("customerNumber").execute())
  return {
    clusters: tables.clusters.map(({ id, status, survivor, survivorReason, absorbedInto }) => ({ id, status, survivor, survivorReason, absorbedInto })),
    members: tables.members,
    requests: tables.requests.map(({ id, fromCustomer, toCustomer, probability, clusterId, survivorship, processFlag }) => ({
      id, fromCustomer, toCustomer, probability, clusterId, survivorship, processFlag
    })),
    review: tables.review.map(({ customerA, customerB, probability, reason }) => ({ customerA, customerB, probability, reason })),
    fingerprints
  }
})

forEachDialect("dedupe job", (it) => {
  it.effect("DUP-3 turns each auto-merge cluster into merge requests with flag SAVED, the pair's probability and the cluster ID", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* stageCustomers(customers)
      const run = yield* runDedupe()
      const tables = yield* readDedupeTables
      assert.deepStrictEqual(tables.clusters.map((cluster) => [cluster.id, cluster.status, cluster.survivor]), [
        [1, "active", 1003], [2, "active", 1010], [3, "active", 1020], [4, "active", 1030]
      ])
      assert.deepStrictEqual([1, 2, 3, 4].map(tables.membersOf), [[1003, 9001], [1010, 9002], [1020, 9003], [1030, 9004]])
      assert.deepStrictEqual(pairsOf(tables.requests), [[9001, 1003], [9002, 1010], [9003, 1020], [9004, 1030]])
      for (const [i, request] of tables.requests.entries()) {
        assert.strictEqual(request.processFlag, "SAVED")
        assert.strictEqual(request.reason, "De-duplication")
        assert.strictEqual(request.priority, "P2")
        assert.strictEqual(request.clusterId, i + 1)
        assert.strictEqual(request.createdByRun, run.runId)
        assert.isAtLeast(request.probability!, 0.99)
      }
      assert.strictEqual(run.written, 4)
      assert.deepInclude(run.outcomes, { "clusters-new": 4, "merge-requests": 4, "review-pairs": 0, "incremental": 0 })
      // DUP-7: the Duplicate Customer Report beside the run's report lists the requests the run created.
      const directory = join(testSettings().reportsDir, run.runId)
      const clusters = parse(readFileSync(join(directory, "duplicate-clusters.csv")), { columns: true }) as Array<Record<string, string>>
      assert.deepStrictEqual([...new Set(clusters.map((row) => row["cluster_id"]))], ["1", "2", "3", "4"])
      assert.include(readFileSync(join(directory, "duplicates.html"), "utf8"), "9001")
    }))

  it.effect("DUP-3 lists a pair between the thresholds for review, in the table and in the review file (duplicate-pairs.csv), and makes no request of it", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* stageCustomers(customers)
      // 9003 moved: its pair with 1020 scores 0.999994, below this auto-merge threshold.
      const run = yield* runDedupe({ autoMerge: 0.999999, review: 0.5 })
      const tables = yield* readDedupeTables
      assert.notInclude(tables.requests.map((request) => request.fromCustomer), 9003)
      const listed = tables.review.find((pair) => pair.customerA === 1020 && pair.customerB === 9003)
      assert.strictEqual(listed?.reason, "between thresholds")
      assert.isAbove(listed!.probability, 0.5)
      assert.isBelow(listed!.probability, 0.999999)
      const file = parse(readFileSync(join(testSettings().reportsDir, run.runId, "duplicate-pairs.csv")), { columns: true }) as Array<Record<string, string>>
      const row = file.find((line) => line["customer_a"] === "1020" && line["customer_b"] === "9003")
      assert.strictEqual(row?.["decision"], "")
      assert.strictEqual(row?.["band"], "review")
      assert.strictEqual(row?.["name_b"], `${customers.find((customer) => customer.customerNumber === 9003)!.firstName} ${base[20]!.lastName}`)
      assert.strictEqual(file.filter((line) => line["band"] !== "auto-merge").length, tables.review.length)
      assert.strictEqual(file.filter((line) => line["band"] === "auto-merge").length, tables.requests.length)
    }))

  it.effect("DUP-4 merges A with B but not C of a chain A~B~C whose A~C is weak: C goes to review", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const shared = { firstName: "OPHELIA", lastName: "QUINTERO", birthMonth: 7, birthDay: 19 }
      const salem = { street: "12 ORCHARD LN", city: "SALEM", state: "MA", postalCode: "01970" }
      // A, known to ORCE, is the survivor; B shares A's address, C's email and phone; C lives elsewhere.
      const a = person(5001, { ...shared, ...salem, relateId: "R-5001", email: "ophelia.q@mail-one.com", dayPhone: "(978) 555-0101" })
      const b = person(5002, { ...shared, ...salem, email: "oq1980@mail-two.com", dayPhone: "(503) 555-0199" })
      const c = person(5003, { ...shared, street: "400 RIVER RD", city: "PORTLAND", state: "OR", postalCode: "97201", email: "oq1980@mail-two.com", dayPhone: "(503) 555-0199" })
      yield* stageCustomers([...base, a, b, c])
      yield* runDedupe()
      const tables = yield* readDedupeTables
      assert.deepStrictEqual(tables.clusters.map((cluster) => [cluster.survivor, cluster.survivorReason]), [[5001, "has a Relate ID"]])
      assert.deepStrictEqual(tables.membersOf(1), [5001, 5002])
      assert.deepStrictEqual(pairsOf(tables.requests), [[5002, 5001]])
      assert.deepStrictEqual(tables.review.map((pair) => [pair.customerA, pair.customerB, pair.reason]), [[5001, 5003, "split from cluster"]])
      assert.isBelow(tables.review[0]!.probability, 0.99)
    }))

  it.effect("DUP-5 merges into the member with a Relate ID and records on the request which member each field group comes from", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const known = again(base[3]!, 9001, { firstName: "ROB", dayPhone: "", relateId: "R-9001", email: "rob.newer@example-mail.com" })
      yield* stageCustomers([...base, known])
      yield* runDedupe()
      const tables = yield* readDedupeTables
      assert.deepStrictEqual(tables.clusters.map((cluster) => [cluster.survivor, cluster.survivorReason]), [[9001, "has a Relate ID"]])
      assert.deepStrictEqual(pairsOf(tables.requests), [[1003, 9001]])
      const choices = new Map(tables.requests[0]!.survivorship!.map((choice) => [choice.group, choice]))
      // The survivor's name; the newest email; the only day phone, the older registration's; the address whole.
      assert.deepInclude(choices.get("name")!, { from: 9001, rule: "first non-blank in survivor order" })
      assert.deepStrictEqual(choices.get("email"), {
        group: "email", from: 9001, rule: "most recent non-blank", values: { email: "rob.newer@example-mail.com", emailOptIn: "N" }
      })
      assert.deepStrictEqual(choices.get("dayPhone"), {
        group: "dayPhone", from: 1003, rule: "most recent non-blank", values: { dayPhone: base[3]!.dayPhone, dayPhoneExt: "" }
      })
      assert.deepStrictEqual(Object.keys(choices.get("address")!.values).sort(), [
        "address2", "address3", "address4", "apartment", "city", "country", "deliveryCode", "poBox", "postalCode", "state", "street"
      ])
    }))

  it.effect("DUP-5 DEDUPE_SURVIVORSHIP changes a field group's rule: the day phone kept is the survivor's, even blank", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const known = again(base[3]!, 9001, { firstName: "ROB", dayPhone: "", relateId: "R-9001" })
      yield* stageCustomers([...base, known])
      yield* runDedupe({ settings: { DEDUPE_SURVIVORSHIP: `{"dayPhone":"survivor"}` } })
      const choices = new Map((yield* readDedupeTables).requests[0]!.survivorship!.map((choice) => [choice.group, choice]))
      assert.deepStrictEqual(choices.get("dayPhone"), { group: "dayPhone", from: 9001, rule: "the survivor's", values: { dayPhone: "", dayPhoneExt: "" } })
      // A group the setting does not name keeps its default.
      assert.deepInclude(choices.get("name")!, { from: 9001, rule: "first non-blank in survivor order" })
    }))

  it.effect("DUP-5 without a Relate ID the survivor is the member with the most activity, counted from the activity table", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const second = again(base[3]!, 9001, { firstName: "ROB", dayPhone: "" })
      yield* stageCustomers([...base, second])
      const { query } = yield* Database
      // Three orders on the later registration (9001), one on the earlier (1003): 9001 survives.
      yield* query("stage activity", async (db) => {
        await sql`INSERT INTO sites (site_id, customer_number, operating_unit) VALUES (1, 1003, 'OU1'), (2, 9001, 'OU1')`.execute(db)
        await sql`INSERT INTO site_uses (site_use_id, site_id, customer_number, operating_unit, use_type, location)
          VALUES (11, 1, 1003, 'OU1', 'BILL_TO', 'L1'), (12, 2, 9001, 'OU1', 'BILL_TO', 'L1')`.execute(db)
        await sql`INSERT INTO activity_rows (activity_id, kind, origin_use_id)
          VALUES (101, 'order', 11), (102, 'order', 12), (103, 'invoice', 12), (104, 'order', 12)`.execute(db)
        await sql`INSERT INTO activity_origins (origin_use_id, site_use_id) VALUES (11, 11), (12, 12)`.execute(db)
      })
      yield* runDedupe()
      const tables = yield* readDedupeTables
      assert.deepStrictEqual(tables.clusters.map((cluster) => [cluster.survivor, cluster.survivorReason]), [[9001, "most activity (3)"]])
      assert.deepStrictEqual(pairsOf(tables.requests), [[1003, 9001]])
    }))

  it.effect("DUP-6 never clusters, proposes or lists an individual with an organization, even when every field is the same", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const shared = { lastName: "ACME", company: "ACME", street: "1 MAIN ST", city: "SALEM", postalCode: "01970", state: "MA", email: "info@acme.com", dayPhone: "9785550100" }
      yield* stageCustomers([...base, person(8001, shared), person(8002, { ...shared, partyType: "O" })])
      const run = yield* runDedupe({ review: 0 })
      const tables = yield* readDedupeTables
      const named = (numbers: ReadonlyArray<number>) => numbers.some((number) => number === 8001 || number === 8002)
      assert.isFalse(named(tables.members.map((member) => member.customerNumber)))
      assert.isFalse(named(tables.requests.flatMap((request) => [request.fromCustomer, request.toCustomer])))
      assert.isFalse(tables.review.some((pair) => named([pair.customerA, pair.customerB]) && named([pair.customerA]) && named([pair.customerB])))
      assert.strictEqual(run.outcomes["merge-requests"], 0)
    }))

  it.effect("DUP-6 a member reloaded as an organization leaves its cluster of individuals, and its saved request is withdrawn", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const ophelia = { firstName: "OPHELIA", lastName: "QUINTERO", birthMonth: 7, birthDay: 19, street: "12 ORCHARD LN", city: "SALEM", state: "MA", postalCode: "01970", email: "ophelia.q@mail-one.com", dayPhone: "(978) 555-0101" }
      yield* stageCustomers([...base, person(5001, ophelia), person(5002, ophelia)])
      yield* runDedupe()
      assert.deepStrictEqual(pairsOf((yield* readDedupeTables).requests), [[5002, 5001]])
      yield* stageCustomers([person(5002, { ...ophelia, partyType: "O", company: "QUINTERO" })], "load-2")
      const run = yield* runDedupe({ review: 0 })
      const tables = yield* readDedupeTables
      assert.deepStrictEqual(tables.clusters.map((cluster) => [cluster.id, cluster.status]), [[1, "dissolved"]])
      assert.deepStrictEqual(tables.members, [])
      assert.deepStrictEqual(tables.requests.map((request) => [request.fromCustomer, request.toCustomer, request.processFlag]), [[5002, 5001, "REJECTED"]])
      assert.isFalse(tables.review.some((pair) => pair.customerA === 5001 && pair.customerB === 5002))
      assert.deepInclude(run.outcomes, { "clusters-dissolved": 1, "requests-withdrawn": 1, "merge-requests": 0 })
    }))

  it.effect("incremental: a second run compares only the new customers, keeps every earlier cluster ID, grows one cluster and adds one", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* stageCustomers(customers)
      yield* runDedupe()
      const before = yield* readDedupeTables
      yield* stageCustomers([again(base[40]!, 9005, { firstName: `${base[40]!.firstName}Y` }), again(base[3]!, 9006, { email: "" })], "load-2")
      const second = yield* runDedupe()
      const after = yield* readDedupeTables
      assert.deepInclude(second.outcomes, {
        "incremental": 1,
        "model-reused": 1,
        "customers-compared": 2,
        "clusters-new": 1,
        "clusters-grown": 1,
        "clusters-unchanged": 3,
        "merge-requests": 2
      })
      for (const cluster of before.clusters) {
        assert.strictEqual(after.clusters.find((kept) => kept.id === cluster.id)?.status, "active")
        for (const member of before.membersOf(cluster.id)) assert.include(after.membersOf(cluster.id), member)
      }
      assert.deepStrictEqual(after.membersOf(1), [1003, 9001, 9006])
      assert.deepStrictEqual(after.membersOf(5), [1040, 9005])
      assert.deepStrictEqual(after.requests.slice(4).map((request) => [request.fromCustomer, request.toCustomer, request.clusterId]), [
        [9006, 1003, 1],
        [9005, 1040, 5]
      ])
    }))

  it.effect("incremental: two clusters that a correction joins keep the older ID, and the other is recorded as absorbed", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const ophelia = { firstName: "OPHELIA", lastName: "QUINTERO", birthMonth: 7, birthDay: 19, street: "12 ORCHARD LN", city: "SALEM", state: "MA", postalCode: "01970", email: "ophelia.q@mail-one.com", dayPhone: "(978) 555-0101" }
      const elsewhere = { firstName: "OPHELIA", lastName: "QUINTERO", birthMonth: 2, birthDay: 3, street: "400 RIVER RD", city: "PORTLAND", state: "OR", postalCode: "97201", email: "o.quintero@mail-two.com", dayPhone: "(503) 555-0199" }
      yield* stageCustomers([...base, person(5001, ophelia), person(5002, ophelia), person(5003, elsewhere), person(5004, elsewhere)])
      const first = yield* runDedupe()
      const before = yield* readDedupeTables
      assert.deepStrictEqual([before.membersOf(1), before.membersOf(2)], [[5001, 5002], [5003, 5004]])
      // Customer service finds 5003 and 5004 were Ophelia of Salem all along, and corrects both.
      yield* stageCustomers([person(5003, ophelia), person(5004, ophelia)], "load-2")
      const second = yield* runDedupe()
      const after = yield* readDedupeTables
      assert.deepStrictEqual(after.clusters.map(({ id, status, survivor, absorbedInto, absorbedByRun, createdByRun }) => ({ id, status, survivor, absorbedInto, absorbedByRun, createdByRun })), [
        { id: 1, status: "active", survivor: 5001, absorbedInto: null, absorbedByRun: null, createdByRun: first.runId },
        { id: 2, status: "absorbed", survivor: 5003, absorbedInto: 1, absorbedByRun: second.runId, createdByRun: first.runId }
      ])
      assert.deepStrictEqual(after.membersOf(1), [5001, 5002, 5003, 5004])
      assert.deepStrictEqual(after.membersOf(2), [])
      assert.deepInclude(second.outcomes, { "clusters-joined": 1, "clusters-absorbed": 1 })
      // 5004 is already being merged into 5003, which is named by that open request: neither is proposed again until it is done.
      assert.deepStrictEqual(pairsOf(after.requests), [[5002, 5001], [5004, 5003]])
      assert.strictEqual(second.outcomes["held-open-request"], 2)
    }))

  it.effect("incremental: a run over unchanged data changes nothing and says so, incremental or full", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* stageCustomers(customers)
      yield* runDedupe({ review: 0.5 })
      const first = yield* endState
      // A load of the same export rewrites every row's load run ID: the content decides what changed.
      yield* stageCustomers(customers, "load-2")
      const incremental = yield* runDedupe({ review: 0.5 })
      assert.deepStrictEqual(yield* endState, first)
      const full = yield* runDedupe({ full: true, review: 0.5 })
      assert.deepStrictEqual(yield* endState, first)
      for (const run of [incremental, full]) {
        assert.deepInclude(run.outcomes, {
          "clusters-new": 0, "clusters-grown": 0, "clusters-joined": 0, "clusters-shrunk": 0, "clusters-dissolved": 0,
          "clusters-unchanged": 4, "merge-requests": 0, "review-pairs": 0, "fingerprints-changed": 0
        })
      }
      assert.strictEqual(incremental.outcomes["customers-compared"], 0)
      assert.strictEqual(full.outcomes["customers-compared"], customers.length)
    }))

  it.effect("incremental: a night that reads only the changed customers and those sharing a block with them decides as a comparison of everyone with the saved model", () =>
    Effect.gen(function*() {
      const { query } = yield* Database
      // The second night: a new second registration, a correction, a survivor made inactive, a near miss for review.
      const night2 = [
        again(base[40]!, 9005, { firstName: `${base[40]!.firstName}Y` }),
        { ...secondRegistrations[2]!, dayPhone: "" },
        { ...base[10]!, status: "I" as const },
        again(base[50]!, 9007, { firstName: "ZED", email: "", dayPhone: "", birthMonth: null, birthDay: null })
      ]
      const changed = new Set([9005, 9003, 9007])
      const thresholds = { autoMerge: 0.999999, review: 0.5 }
      const nights = (everyoneChanged: boolean) =>
        Effect.gen(function*() {
          yield* resetDatabase
          yield* stageCustomers(customers)
          // 1020~9003 (9003 moved) scores between these thresholds: a review pair each night.
          const first = yield* runDedupe(thresholds)
          yield* stageCustomers(night2, "load-2")
          // Without saved keys every customer counts as changed: compared with everyone, as a first run would.
          if (everyoneChanged) {
            yield* query("forget the saved keys", (db) => db.deleteFrom("dedupeFingerprints").execute())
            yield* query("forget the block keys", (db) => db.deleteFrom("dedupeBlockKeys").execute())
            yield* query("forget the term counts", (db) => db.deleteFrom("dedupeTermCounts").execute())
          }
          const second = yield* runDedupe(thresholds)
          const tables = yield* readDedupeTables
          const counts = yield* query("term counts", (db) => db.selectFrom("dedupeTermCounts").selectAll().orderBy("comparison").orderBy("value").execute())
          const listedFirst = new Set(tables.review.filter((pair) => pair.runId === first.runId).map((pair) => `${pair.customerA}:${pair.customerB}`))
          return {
            second,
            clusters: tables.clusters.map(({ id, status, survivor, survivorReason, absorbedInto }) => ({ id, status, survivor, survivorReason, absorbedInto })),
            members: tables.members,
            requests: tables.requests.map(({ fromCustomer, toCustomer, probability, clusterId, survivorship, processFlag }) => ({
              fromCustomer, toCustomer, probability, clusterId, survivorship, processFlag
            })),
            // A pair listed the night before is listed again only when one of the two changed (DUP-3).
            review: tables.review.filter((pair) =>
              pair.runId === second.runId && (!listedFirst.has(`${pair.customerA}:${pair.customerB}`) || changed.has(pair.customerA) || changed.has(pair.customerB))
            ).map(({ customerA, customerB, probability, reason }) => ({ customerA, customerB, probability, reason })),
            counts
          }
        })
      const incremental = yield* nights(false)
      const everyone = yield* nights(true)
      assert.deepInclude(incremental.second.outcomes, { "incremental": 1, "customers-compared": 3 })
      assert.isBelow(incremental.second.read, customers.length / 4)
      assert.strictEqual(everyone.second.outcomes["customers-compared"], customers.length + 2 - 1)
      assert.isAbove(incremental.requests.length, 0)
      assert.isAbove(incremental.review.length, 0)
      const { second: _a, ...incrementalEnd } = incremental
      const { second: _b, ...everyoneEnd } = everyone
      assert.deepStrictEqual(incrementalEnd, everyoneEnd)
    }))

  it.effect("DUP-7 a cluster whose members the merge engine merged into its survivor reads as merged, with the survivor, in the report and its CSV, not dissolved", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* stageCustomers(customers)
      yield* runDedupe()
      const batch = yield* runBatch()
      assert.strictEqual(batch.counts.written, 4)
      const second = yield* runDedupe()
      assert.deepInclude(second.outcomes, { "clusters-merged": 4, "clusters-dissolved": 0, "merge-requests": 0 })
      const tables = yield* readDedupeTables
      assert.deepStrictEqual(tables.clusters.map((cluster) => [cluster.id, cluster.status, cluster.survivor]), [
        [1, "merged", 1003], [2, "merged", 1010], [3, "merged", 1020], [4, "merged", 1030]
      ])
      const directory = join(testSettings().reportsDir, second.runId)
      const rows = parse(readFileSync(join(directory, "duplicate-clusters.csv")), { columns: true }) as Array<Record<string, string>>
      assert.deepStrictEqual(rows.map((row) => [row["cluster_id"], row["change"], row["customer"], row["survivor"]]), [
        ["1", "merged", "1003", "Y"], ["1", "merged", "9001", "N"],
        ["2", "merged", "1010", "Y"], ["2", "merged", "9002", "N"],
        ["3", "merged", "1020", "Y"], ["3", "merged", "9003", "N"],
        ["4", "merged", "1030", "Y"], ["4", "merged", "9004", "N"]
      ])
      assert.notStrictEqual(rows[1]!["name"], "")
      const html = readFileSync(join(directory, "duplicates.html"), "utf8")
      assert.include(html, `data-change="merged"`)
      assert.include(html, `data-survivor="1003"`)
      // The run after finds nothing more to do with them.
      const third = yield* runDedupe()
      assert.deepInclude(third.outcomes, { "clusters-merged": 0, "clusters-dissolved": 0 })
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("DUP-3 a duplicate's request copies an address only the duplicate has to the survivor (MRG-3 create same site), so the merge completes and no address is lost", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* stageCustomers(customers)
      const { query } = yield* Database
      // 1003 has a bill-to only; its second registration 9001 ships elsewhere.
      yield* query("sites", (db) =>
        db.insertInto("sites").values([
          { siteId: 1, customerNumber: 1003, operatingUnit: "OU1", street: "1 HOME ST", city: "SPRINGFIELD", state: "IL", postalCode: "62701", country: "US", status: "A" },
          { siteId: 2, customerNumber: 9001, operatingUnit: "OU1", street: "9 DOCK RD", city: "SPRINGFIELD", state: "IL", postalCode: "62702", country: "US", status: "A" }
        ]).execute())
      yield* query("uses", (db) =>
        db.insertInto("siteUses").values([
          { siteUseId: 11, siteId: 1, customerNumber: 1003, operatingUnit: "OU1", useType: "BILL_TO", location: "HOME", isPrimary: true, status: "A" },
          { siteUseId: 21, siteId: 2, customerNumber: 9001, operatingUnit: "OU1", useType: "SHIP_TO", location: "DOCK", isPrimary: true, status: "A" }
        ]).execute())
      yield* runDedupe()
      yield* runBatch()
      const flags = yield* query("requests", (db) =>
        db.selectFrom("mergeRequests").select(["fromCustomer", "processFlag", "errorMessage"]).where("fromCustomer", "=", 9001).execute())
      assert.deepStrictEqual(flags, [{ fromCustomer: 9001, processFlag: "COMPLETED", errorMessage: null }])
      const survivorSites = yield* query("survivor's sites", (db) =>
        db.selectFrom("sites").innerJoin("siteUses", "siteUses.siteId", "sites.siteId")
          .select(["sites.street", "siteUses.useType", "siteUses.status"]).where("sites.customerNumber", "=", 1003).orderBy("sites.street").execute())
      assert.deepStrictEqual(survivorSites, [
        { street: "1 HOME ST", useType: "BILL_TO", status: "A" },
        { street: "9 DOCK RD", useType: "SHIP_TO", status: "A" }
      ])
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("DUP-3 lists a review pair once, and again only when one of the two has changed", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* stageCustomers(customers)
      const first = yield* runDedupe({ autoMerge: 0.999999, review: 0.5 })
      const second = yield* runDedupe({ full: true, autoMerge: 0.999999, review: 0.5 })
      assert.strictEqual(second.outcomes["review-pairs"], 0)
      yield* stageCustomers([{ ...secondRegistrations[2]!, dayPhone: "" }], "load-2")
      const third = yield* runDedupe({ autoMerge: 0.999999, review: 0.5 })
      const listed = (yield* readDedupeTables).review.filter((pair) => pair.customerA === 1020 && pair.customerB === 9003)
      assert.deepStrictEqual(listed.map((pair) => pair.runId), [first.runId, third.runId])
      assert.notStrictEqual(listed[0]!.probability, listed[1]!.probability)
    }))

  it.effect("a rejected review pair never comes back, neither for review nor as a request; a rejected pair in a cluster splits it apart", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* stageCustomers(customers)
      yield* runDedupe({ autoMerge: 0.999999, review: 0.5 })
      const recorded = yield* decide([{ a: 1020, b: 9003, decision: "reject" }, { a: 1003, b: 9001, decision: "reject" }])
      // The request of 9001 into 1003 was not taken by a merge batch yet: it is withdrawn.
      assert.strictEqual(recorded.withdrawn, 1)
      const withdrawn = (yield* readDedupeTables).requests.find((request) => request.fromCustomer === 9001)
      assert.strictEqual(withdrawn?.processFlag, "REJECTED")
      for (const settings of [{ full: true, autoMerge: 0.999999, review: 0.5 }, { full: true, review: 0 }, { review: 0 }]) {
        const run = yield* runDedupe(settings)
        const tables = yield* readDedupeTables
        const listedNow = tables.review.filter((listed) => listed.runId === run.runId)
        const named = (a: number, b: number) => (x: number, y: number) => (x === a && y === b) || (x === b && y === a)
        for (const pair of [named(1020, 9003), named(1003, 9001)]) {
          assert.isFalse(listedNow.some((listed) => pair(listed.customerA, listed.customerB)))
          assert.isFalse(tables.requests.some((request) => request.processFlag === "SAVED" && pair(request.fromCustomer, request.toCustomer)))
          assert.isFalse(tables.clusters.some((cluster) => cluster.status === "active" && [1003, 9001].every((n) => tables.membersOf(cluster.id).includes(n))))
        }
        assert.isAtLeast(run.outcomes["rejected-not-proposed"]!, settings.full ? 1 : 0)
      }
      assert.strictEqual((yield* readDedupeTables).clusters.find((cluster) => cluster.id === 1)?.status, "dissolved")
    }))

  it.effect("an accepted review pair becomes a merge request (SAVED) into the survivor, and is not proposed again", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* stageCustomers(customers)
      yield* runDedupe({ autoMerge: 0.999999, review: 0.5 })
      const listed = (yield* readDedupeTables).review.find((pair) => pair.customerA === 1020 && pair.customerB === 9003)!
      const recorded = yield* decide([{ a: 9003, b: 1020, decision: "accept" }])
      assert.deepInclude(recorded, { accepted: 1, requestsCreated: 1 })
      const tables = yield* readDedupeTables
      const request = tables.requests.find((candidate) => candidate.fromCustomer === 9003)!
      assert.deepInclude(request, { toCustomer: 1020, processFlag: "SAVED", reason: "De-duplication", probability: listed.probability, clusterId: null })
      assert.strictEqual(request.survivorship?.length, 8)
      const run = yield* runDedupe({ full: true, autoMerge: 0.999999, review: 0.5 })
      assert.strictEqual(run.outcomes["accepted-already-requests"], 1)
      assert.strictEqual((yield* readDedupeTables).requests.filter((candidate) => candidate.fromCustomer === 9003).length, 1)
    }))

  it.effect("bad input: blank names, no address and a placeholder email on many customers neither crash, nor block together, nor merge; all counted", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const noisy = base.map((customer, i) => ({
        ...customer,
        ...(i % 3 === 0 ? { email: "none@none.com" } : {}),
        ...(i % 50 === 1 ? { street: "", city: "", postalCode: "", state: "" } : {})
      }))
      const blank = Array.from({ length: 5 }, (_, i) => person(7001 + i, { email: "none@none.com", street: "1 MAIN ST", postalCode: "01970" }))
      yield* stageCustomers([...noisy, ...blank, ...secondRegistrations])
      const run = yield* runDedupe()
      const tables = yield* readDedupeTables
      assert.deepStrictEqual(pairsOf(tables.requests).filter(([from]) => from! < 9000), [])
      assert.deepInclude(run.outcomes, { "skipped-blank-name": 5, "placeholder-email": 200, "no-address": 12, "capped-blocks": 0 })
      // All 200 sharing one email in one block would be 19,900 pairs alone.
      assert.isBelow(run.outcomes["candidate-pairs"]!, 10_000)
      const report = JSON.parse(readFileSync(join(testSettings().reportsDir, run.runId, "report.json"), "utf8"))
      assert.deepInclude(report.recordedCounts, { "dedupe.skipped-blank-name": 5, "dedupe.placeholder-email": 200, "dedupe.no-address": 12 })
    }))

  it.effect("REL-1 a run that failed before its commit, resumed, ends in the state of an uninterrupted run", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* stageCustomers(customers)
      yield* runDedupe({ review: 0.5 })
      yield* stageCustomers([again(base[40]!, 9005, { firstName: `${base[40]!.firstName}Y` })], "load-2")
      yield* runDedupe({ review: 0.5 })
      const uninterrupted = yield* endState

      yield* resetDatabase
      yield* stageCustomers(customers)
      yield* runDedupe({ review: 0.5 })
      yield* stageCustomers([again(base[40]!, 9005, { firstName: `${base[40]!.firstName}Y` })], "load-2")
      const failing = runDedupe({ review: 0.5 }).pipe(
        Effect.provideService(ChunkListeners, [{ beforeCommit: () => Effect.fail(new ListenerError({ message: "the machine went down" })) }])
      )
      yield* Effect.flip(failing)
      const { query } = yield* Database
      const run = yield* query("failed run", (db) => db.selectFrom("runs").select(["runId", "status"]).where("pipeline", "=", "dedupe").orderBy("startedAt", "desc").orderBy("runId", "desc").execute())
      const failed = run.find((candidate) => candidate.status === "failed")!
      // orce-sync resume finds the job by its name in the registry.
      assert.strictEqual(jobs.find((job) => job.name === failed.runId.split("-")[0]), dedupeJob)
      const resumed = yield* resumeRun(failed.runId, [dedupeJob]).pipe(Effect.provide(testSettingsLayer()))
      assert.strictEqual(resumed._tag, "Ran")
      assert.deepStrictEqual(yield* endState, uninterrupted)
    }))

  it.effect("REL-1 a run that went down after its commit, before the end of its step, has its report and review file once resumed, as an uninterrupted run writes them", () =>
    Effect.gen(function*() {
      const filesOf = (runId: string) =>
        ["duplicates.html", "duplicate-pairs.csv", "duplicate-clusters.csv"].map((file) =>
          readFileSync(join(testSettings().reportsDir, runId, file), "utf8").replaceAll(runId, "<run>"))
      yield* resetDatabase
      yield* stageCustomers(customers)
      const uninterrupted = yield* runDedupe({ review: 0.5 })

      yield* resetDatabase
      yield* stageCustomers(customers)
      // The progress bar hears the step's last stretch once its chunk has committed: the machine goes down there.
      const goingDown = { update: (progress: StepProgress) => {
        if (progress.step === "dedupe" && progress.fraction === 1) throw new Error("the machine went down")
      } }
      yield* Effect.exit(runDedupe({ review: 0.5 }).pipe(Effect.provideService(Progress, goingDown)))
      const { query } = yield* Database
      const runs = yield* query("runs", (db) => db.selectFrom("runs").select(["runId", "status"]).where("pipeline", "=", "dedupe").execute())
      assert.lengthOf(runs, 1)
      assert.notStrictEqual(runs[0]!.status, "completed")
      assert.lengthOf((yield* readDedupeTables).requests, 4)
      const resumed = yield* resumeRun(runs[0]!.runId, [dedupeJob]).pipe(Effect.provide(testSettingsLayer()))
      assert.strictEqual(resumed._tag, "Ran")
      assert.deepStrictEqual(filesOf(runs[0]!.runId), filesOf(uninterrupted.runId))
    }))
})
