import { Effect, Option, Schema } from "effect"
import { sql } from "kysely"
import { type Customer, customerFields } from "../domain/customer.ts"
import { ModelParameters } from "../stages/dedupe/model.ts"
import { type DedupeState, pairKey, type StoredDedupeCluster } from "../stages/dedupe/reconcile-clusters.ts"
import { snake } from "./copy-rows.ts"
import { Database } from "./database.ts"

const jsonFields = sql.raw(customerFields.map((name) => `${snake(name)} AS "${name}"`).join(", "))

/**
 * The next page of active customers after `afterCustomerNumber` (keyset pagination), as one JSON array: a
 * driver decodes one value per row and column, which costs more than the query itself.
 */
export const readActiveCustomers = (afterCustomerNumber: number, limit: number) =>
  Effect.flatMap(Effect.service(Database), ({ query }) => query("read active customers", (db) =>
    sql<{ customers: Array<Customer> }>`
      WITH page AS (
        SELECT ${jsonFields} FROM customers
        WHERE status = 'A' AND customer_number > ${afterCustomerNumber}
        ORDER BY customer_number
        LIMIT ${limit}
      )
      SELECT coalesce((SELECT json_agg(p ORDER BY p."customerNumber") FROM page AS p), '[]') AS customers`
      .execute(db).then((result) => result.rows[0]!.customers)))

export const countActiveCustomers = Effect.flatMap(Effect.service(Database), ({ query }) =>
  query("count active customers", (db) =>
    db.selectFrom("customers").select((eb) => eb.fn.countAll<string>().as("count")).where("status", "=", "A")
      .executeTakeFirstOrThrow().then((row) => Number(row.count))))

/** Every active customer in customer-number order, a page at a time; `onPage` hears how many so far. */
export const readAllActiveCustomers = Effect.fnUntraced(function*(pageSize: number, onPage: (read: number) => void) {
  const customers: Array<Customer> = []
  let after = 0
  for (;;) {
    const page = yield* readActiveCustomers(after, pageSize)
    for (const customer of page) customers.push(customer)
    onPage(customers.length)
    if (page.length < pageSize) return customers
    after = page[page.length - 1]!.customerNumber
  }
})

const decodeModel = Schema.decodeUnknownOption(ModelParameters)

/** The model the newest run saved, when there is one this version can read. */
export const readLatestModel = Effect.flatMap(Effect.service(Database), ({ query }) =>
  query("read the last dedupe model", (db) =>
    db.selectFrom("dedupeModels").select("model").orderBy("id", "desc").limit(1)
      .executeTakeFirst()).pipe(
      Effect.map((row) => row === undefined ? undefined : Option.getOrUndefined(decodeModel(row.model)))
    ))

/** Each customer's fingerprint as the last run that saw it saved it. */
export const readFingerprints = Effect.flatMap(Effect.service(Database), ({ query }) =>
  query("read fingerprints", (db) =>
    db.selectFrom("dedupeFingerprints").select(["customerNumber", "fingerprint"]).execute()).pipe(
      Effect.map((rows) => new Map(rows.map((row) => [row.customerNumber, row.fingerprint])))
    ))

const openFlags = ["SAVED", "PROCESSING", "IN_PROGRESS"] as const

/**
 * What earlier runs and people left for tonight's run: the active clusters (members restricted to active
 * customers), decisions, the pairs already listed for review, and the merge requests.
 */
export const readDedupeState = Effect.fnUntraced(function*() {
  const { query } = yield* Database
  const clusterRows = yield* query("read clusters", (db) =>
    db.selectFrom("dedupeClusters").select(["id", "survivor", "survivorReason"]).where("status", "=", "active").orderBy("id").execute())
  const memberRows = yield* query("read cluster members", (db) =>
    db.selectFrom("dedupeClusterMembers").innerJoin("dedupeClusters", "dedupeClusters.id", "dedupeClusterMembers.clusterId")
      .leftJoin("customers", "customers.customerNumber", "dedupeClusterMembers.customerNumber")
      .select(["clusterId", "dedupeClusterMembers.customerNumber", (eb) => eb("customers.status", "=", "A").as("active")])
      .where("dedupeClusters.status", "=", "active")
      .orderBy("clusterId").orderBy("dedupeClusterMembers.customerNumber").execute())
  const top = yield* query("read the last cluster ID", (db) =>
    db.selectFrom("dedupeClusters").select((eb) => eb.fn.max("id").as("id")).executeTakeFirst())
  const decisions = yield* query("read review decisions", (db) =>
    db.selectFrom("dedupeDecisions").select(["customerA", "customerB", "decision"]).execute())
  const listed = yield* query("read listed review pairs", (db) =>
    db.selectFrom("dedupeReviewPairs").select(["customerA", "customerB"]).distinct().execute())
  const requests = yield* query("read merge requests", (db) =>
    db.selectFrom("mergeRequests").select(["fromCustomer", "toCustomer", "processFlag"]).execute())

  const members = new Map<number, Array<number>>()
  const membersGone = new Map<number, Array<number>>()
  for (const row of memberRows) {
    if (row.active !== true) {
      const gone = membersGone.get(row.clusterId)
      if (gone === undefined) membersGone.set(row.clusterId, [row.customerNumber])
      else gone.push(row.customerNumber)
      continue
    }
    const list = members.get(row.clusterId)
    if (list === undefined) members.set(row.clusterId, [row.customerNumber])
    else list.push(row.customerNumber)
  }
  const clusters: Array<StoredDedupeCluster> = clusterRows.map((row) => ({
    id: row.id,
    survivor: row.survivor,
    survivorReason: row.survivorReason,
    members: members.get(row.id) ?? []
  }))
  const open = requests.filter((request) => (openFlags as ReadonlyArray<string>).includes(request.processFlag))
  return {
    clusters,
    membersGone,
    nextId: Number(top?.id ?? 0) + 1,
    rejected: new Set(decisions.filter((row) => row.decision === "reject").map((row) => pairKey(row.customerA, row.customerB))),
    accepted: new Set(decisions.filter((row) => row.decision === "accept").map((row) => pairKey(row.customerA, row.customerB))),
    listed: new Set(listed.map((row) => pairKey(row.customerA, row.customerB))),
    proposed: new Set(requests.map((request) => `${request.fromCustomer}:${request.toCustomer}`)),
    inOpenRequest: new Set(open.flatMap((request) => [request.fromCustomer, request.toCustomer])),
    openFrom: new Set(open.map((request) => request.fromCustomer)),
    mergedInto: new Map(requests.filter((request) => request.processFlag === "COMPLETED").map((request) => [request.fromCustomer, request.toCustomer]))
  } satisfies DedupeState
})

/** The customers of these numbers, in any state, by number. */
export const readCustomersByNumber = (numbers: ReadonlyArray<number>) =>
  Effect.flatMap(Effect.service(Database), ({ query }) => query("read customers by number", (db) =>
    numbers.length === 0 ? Promise.resolve(new Map<number, Customer>()) : sql<{ customers: Array<Customer> }>`
      SELECT coalesce((SELECT json_agg(c) FROM (
        SELECT ${jsonFields} FROM customers WHERE customer_number = ANY(${[...numbers]})
      ) AS c), '[]') AS customers`
      .execute(db).then((result) => new Map(result.rows[0]!.customers.map((customer) => [customer.customerNumber, customer])))))
