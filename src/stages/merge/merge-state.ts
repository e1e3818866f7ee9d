import { Effect } from "effect"
import { sql } from "kysely"
import { anyOf } from "../../db/any-of.ts"
import { Database } from "../../db/database.ts"
import type { Site, SiteUse } from "../../domain/site.ts"
import { customerName } from "../../domain/customer-name.ts"

/** What a merge needs to know of a customer. */
export interface CustomerState {
  readonly customerNumber: number
  readonly partyType: string
  readonly status: string
  readonly relateId: string
  /** As the execution report names it (MRG-12): company, else last and first name. */
  readonly name: string
}

/** A customer merged away by an earlier request: where it went. */
export interface MergedAway {
  readonly into: number
  readonly requestId: number
}

/** The customers, sites and site uses the requests of a set touch, as the database holds them now. */
export interface MergeState {
  readonly customers: ReadonlyMap<number, CustomerState>
  readonly sites: ReadonlyMap<number, Site>
  readonly sitesOf: ReadonlyMap<number, ReadonlyArray<Site>>
  readonly usesOf: ReadonlyMap<number, ReadonlyArray<SiteUse>>
  /** Every use of each customer, whatever its status: the locations a copy must not take (MRG-4). */
  readonly customerUses: ReadonlyMap<number, ReadonlyArray<SiteUse>>
  readonly mergedAway: ReadonlyMap<number, MergedAway>
}

const group = <A>(rows: ReadonlyArray<A>, key: (row: A) => number) => {
  const groups = new Map<number, Array<A>>()
  for (const row of rows) {
    const k = key(row)
    const list = groups.get(k)
    if (list === undefined) groups.set(k, [row])
    else list.push(row)
  }
  return groups
}

// bigint and numeric columns come back as text from pg: the IDs fit a double, so they are read as numbers.
const siteOf = (row: Record<string, unknown>): Site => ({
  siteId: Number(row.siteId),
  customerNumber: Number(row.customerNumber),
  operatingUnit: String(row.operatingUnit),
  street: String(row.street),
  city: String(row.city),
  state: String(row.state),
  postalCode: String(row.postalCode),
  country: String(row.country),
  status: row.status as Site["status"]
})

const useOf = (row: Record<string, unknown>): SiteUse => ({
  siteUseId: Number(row.siteUseId),
  siteId: Number(row.siteId),
  customerNumber: Number(row.customerNumber),
  operatingUnit: String(row.operatingUnit),
  useType: row.useType as SiteUse["useType"],
  location: String(row.location),
  isPrimary: Boolean(row.isPrimary),
  status: row.status as SiteUse["status"]
})

/** Reads the state of `customers` in four set queries, whatever their number. */
export const readMergeState = Effect.fnUntraced(function*(customers: ReadonlyArray<number>) {
  const { query } = yield* Database
  const numbers = [...new Set(customers)]
  if (numbers.length === 0) {
    return { customers: new Map(), sites: new Map(), sitesOf: new Map(), usesOf: new Map(), customerUses: new Map(), mergedAway: new Map() } satisfies MergeState
  }
  const customerRows = yield* query("read the customers of the merges", (db) =>
    db.selectFrom("customers")
      .select(["customerNumber", "partyType", "status", "relateId", "company", "prefix", "firstName", "middleInitial", "lastName", "suffix"])
      .where(anyOf("customer_number", numbers)).execute())
  // Each read comes back as one JSON array: a driver decodes one value per row and column, many times slower.
  const siteRows = yield* query("read the sites of the merges", (db) =>
    sql<{ page: Array<Record<string, unknown>> }>`
      SELECT coalesce(json_agg(s ORDER BY s."siteId"), '[]') AS page FROM (
        SELECT site_id AS "siteId", customer_number AS "customerNumber", operating_unit AS "operatingUnit", street, city, state,
          postal_code AS "postalCode", country, status
        FROM sites WHERE ${anyOf("customer_number", numbers)}) s`.execute(db).then((result) => result.rows[0]!.page))
  const useRows = yield* query("read the site uses of the merges", (db) =>
    sql<{ page: Array<Record<string, unknown>> }>`
      SELECT coalesce(json_agg(u ORDER BY u."siteUseId"), '[]') AS page FROM (
        SELECT site_use_id AS "siteUseId", site_id AS "siteId", customer_number AS "customerNumber", operating_unit AS "operatingUnit",
          use_type AS "useType", location, is_primary AS "isPrimary", status
        FROM site_uses WHERE ${anyOf("customer_number", numbers)}) u`.execute(db).then((result) => result.rows[0]!.page))
  // A customer the batch merged into another (not a merge of two sites of one customer) is gone for good.
  const mergedRows = yield* query("read earlier merges of the customers", (db) =>
    db.selectFrom("mergeRequests").select(["id", "fromCustomer", "toCustomer"])
      .where("processFlag", "=", "COMPLETED").where(anyOf("from_customer", numbers))
      .where(sql<boolean>`from_customer <> to_customer`).orderBy("processedAt").orderBy("id").execute())
  const sites = siteRows.map(siteOf)
  const uses = useRows.map(useOf)
  const active = uses.filter((use) => use.status === "A")
  return {
    customers: new Map(customerRows.map((row) => [row.customerNumber, {
      customerNumber: row.customerNumber,
      partyType: row.partyType,
      status: row.status,
      relateId: row.relateId,
      name: customerName(row)
    }])),
    sites: new Map(sites.map((site) => [site.siteId, site])),
    sitesOf: group(sites, (site) => site.customerNumber),
    usesOf: group(active, (use) => use.siteId),
    customerUses: group(uses, (use) => use.customerNumber),
    mergedAway: new Map(mergedRows.map((row) => [row.fromCustomer, { into: row.toCustomer, requestId: row.id }]))
  } satisfies MergeState
})
