import { Effect } from "effect"
import { sql } from "kysely"
import { anyOf, inValues } from "../../db/any-of.ts"
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
  /** The inactive uses that still hold activity, which a merge must move too (MRG-7). */
  readonly usesWithActivity: ReadonlySet<number>
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

type SiteRow = [number, number, string, string, string, string, string, string, Site["status"]]
type UseRow = [number, number, number, string, SiteUse["useType"], string, boolean, SiteUse["status"]]

// In JSON, bigint IDs come as numbers: they fit a double.
const siteOf = ([siteId, customerNumber, operatingUnit, street, city, state, postalCode, country, status]: SiteRow): Site => ({
  siteId,
  customerNumber,
  operatingUnit,
  street,
  city,
  state,
  postalCode,
  country,
  status
})

const useOf = ([siteUseId, siteId, customerNumber, operatingUnit, useType, location, isPrimary, status]: UseRow): SiteUse => ({
  siteUseId,
  siteId,
  customerNumber,
  operatingUnit,
  useType,
  location,
  isPrimary,
  status
})

const customerColumns = ["customerNumber", "partyType", "status", "relateId", "company", "prefix", "firstName", "middleInitial", "lastName", "suffix"] as const

/**
 * Locks the customers a merge set touches, in one statement and in customer order, so two batches that share a
 * customer take turns, never deadlock, and each plans on what the other committed (MRG-9). The set's moves rely
 * on it: the site uses it reads stay there until it commits, which is what a foreign key would have checked
 * row by row. Answers the customers as it locked them (the newest committed version, once a batch that held
 * one has committed), for the set's first round to plan on without reading them again.
 */
export const lockCustomers = Effect.fnUntraced(function*(customers: ReadonlyArray<number>) {
  const numbers = [...new Set(customers)]
  if (numbers.length === 0) return []
  const { query } = yield* Database
  return yield* query("lock the customers of the merge set", (db) =>
    db.selectFrom("customers").select(customerColumns).where(anyOf("customer_number", numbers)).orderBy("customerNumber").forUpdate().execute())
})

export type LockedCustomer = Effect.Success<ReturnType<typeof lockCustomers>>[number]

/**
 * Reads the state of `customers` in four set queries, whatever their number; in three when `locked` holds them
 * as this transaction has just locked them (lockCustomers), and nothing has changed them since.
 */
export const readMergeState = Effect.fnUntraced(function*(customers: ReadonlyArray<number>, locked?: ReadonlyArray<LockedCustomer>) {
  const { query } = yield* Database
  const numbers = [...new Set(customers)]
  if (numbers.length === 0) {
    return {
      customers: new Map(),
      sites: new Map(),
      sitesOf: new Map(),
      usesOf: new Map(),
      customerUses: new Map(),
      usesWithActivity: new Set(),
      mergedAway: new Map()
    } satisfies MergeState
  }
  const wanted = new Set(numbers)
  const customerRows = locked !== undefined
    ? locked.filter((row) => wanted.has(row.customerNumber))
    : yield* query("read the customers of the merges", (db) =>
      db.selectFrom("customers").select(customerColumns).where(anyOf("customer_number", numbers)).execute())
  // Each read comes back as one JSON array of arrays: a driver decodes one value per row and column, many times
  // slower, and arrays cost the server and JSON.parse half what objects with their keys do.
  const siteRows = yield* query("read the sites of the merges", (db) =>
    sql<{ page: Array<SiteRow> }>`
      SELECT coalesce(json_agg(json_build_array(site_id, customer_number, operating_unit, street, city, state, postal_code, country, status)
        ORDER BY site_id), '[]') AS page
      FROM sites WHERE ${inValues("customer_number", numbers)}`.execute(db).then((result) => result.rows[0]!.page))
  const useRows = yield* query("read the site uses of the merges", (db) =>
    sql<{ page: Array<UseRow> }>`
      SELECT coalesce(json_agg(json_build_array(site_use_id, site_id, customer_number, operating_unit, use_type, location, is_primary, status)
        ORDER BY site_use_id), '[]') AS page
      FROM site_uses WHERE ${inValues("customer_number", numbers)}`.execute(db).then((result) => result.rows[0]!.page))
  // A customer the batch merged into another (not a merge of two sites of one customer) is gone for good.
  const mergedRows = yield* query("read earlier merges of the customers", (db) =>
    db.selectFrom("mergeRequests").select(["id", "fromCustomer", "toCustomer"])
      .where("processFlag", "=", "COMPLETED").where(anyOf("from_customer", numbers))
      .where(sql<boolean>`from_customer <> to_customer`).orderBy("processedAt").orderBy("id").execute())
  const sites = siteRows.map(siteOf)
  const uses = useRows.map(useOf)
  const sitesById = new Map(sites.map((site) => [site.siteId, site]))
  const active = uses.filter((use) => use.status === "A")
  // Uses that are inactive, or on an inactive site: those rarely hold activity, and when none is, no query at all.
  const dormant = uses.filter((use) => use.status !== "A" || sitesById.get(use.siteId)?.status !== "A").map((use) => use.siteUseId)
  const usesWithActivity = dormant.length === 0 ? [] : yield* query("find the inactive uses that hold activity", (db) =>
    sql<{ id: string }>`
      SELECT DISTINCT o.site_use_id AS id FROM activity_origins o
      WHERE ${anyOf("o.site_use_id", dormant, "bigint")} AND EXISTS (SELECT 1 FROM activity_rows a WHERE a.origin_use_id = o.origin_use_id)`.execute(db)
      .then((result) => result.rows.map((row) => Number(row.id))))
  return {
    customers: new Map(customerRows.map((row) => [row.customerNumber, {
      customerNumber: row.customerNumber,
      partyType: row.partyType,
      status: row.status,
      relateId: row.relateId,
      name: customerName(row)
    }])),
    sites: sitesById,
    sitesOf: group(sites, (site) => site.customerNumber),
    usesOf: group(active, (use) => use.siteId),
    customerUses: group(uses, (use) => use.customerNumber),
    usesWithActivity: new Set(usesWithActivity),
    mergedAway: new Map(mergedRows.map((row) => [row.fromCustomer, { into: row.toCustomer, requestId: row.id }]))
  } satisfies MergeState
})
