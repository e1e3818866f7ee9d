import { Effect } from "effect"
import { sql } from "kysely"
import { anyOf } from "../../db/any-of.ts"
import { copyLine } from "../../db/copy-text.ts"
import { Database } from "../../db/database.ts"
import type { Site } from "../../domain/site.ts"
import type { SurvivorshipChoice } from "../../domain/merge-request.ts"
import { fieldGroups } from "../../domain/survivorship-rules.ts"
import type { MergeState } from "./merge-state.ts"
import type { MergePlan } from "./plan-merge.ts"

/** A planned merge with what the report and ORCE need of it. */
export interface PlannedMerge {
  readonly plan: MergePlan
  readonly survivorship: ReadonlyArray<SurvivorshipChoice> | null
}

const addressOf = (site: Site) => [site.street, site.city, site.state, site.postalCode, site.country].filter((part) => part !== "").join(", ")

const snake = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)

/** Customer fields survivorship may set, each with how its text becomes the column's value. */
const survivorshipFields = Object.values(fieldGroups).flat()
const numericFields = new Set<string>(["birthMonth", "birthDay"])

/** One UPDATE for every survivor of the set: each field the request's survivorship names takes its value. */
const survivorshipUpdate = (rows: ReadonlyArray<{ customer_number: number; vals: Record<string, unknown> }>) =>
  sql`
    UPDATE customers c SET ${sql.join(survivorshipFields.map((field) => {
      const column = sql.ref(snake(field))
      const value = numericFields.has(field)
        ? sql`(v.vals ->> ${field})::smallint`
        : sql`coalesce(v.vals ->> ${field}, '')`
      return sql`${column} = CASE WHEN v.vals ? ${field} THEN ${value} ELSE c.${column} END`
    }))}
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS v(customer_number integer, vals jsonb)
    WHERE c.customer_number = v.customer_number`

/**
 * Applies planned merges with set-based SQL: one statement per table for all of them, however many activity
 * rows they move (MRG-7). Copies first (MRG-3), then activity onto the mapped uses (its origins), then the from-uses,
 * from-sites and from-customers inactivated or deleted (MRG-5), the survivors flagged for ORCE (MRG-11) and
 * given their survivorship values, the report's lines written and the requests COMPLETED (MRG-8). The plans
 * must not share a customer (see mergeRounds), so no statement sees another's rows half-moved.
 */
export const applyMerges = Effect.fnUntraced(function*(
  runId: string,
  merges: ReadonlyArray<PlannedMerge>,
  state: MergeState,
  now: Date
) {
  if (merges.length === 0) return
  const { query } = yield* Database
  const plans = merges.map((merge) => merge.plan)
  const copiedSites = plans.flatMap((plan) => plan.copiedSites)
  const copiedUses = plans.flatMap((plan) => plan.copiedUses)
  if (copiedSites.length > 0) {
    yield* query("copy sites to the to-customers", (db) =>
      sql`
        INSERT INTO sites (site_id, customer_number, operating_unit, street, city, state, postal_code, country, status)
        SELECT s.site_id, s.customer_number, s.operating_unit, s.street, s.city, s.state, s.postal_code, s.country, s.status
        FROM json_to_recordset(${JSON.stringify(copiedSites.map((site) => ({
        site_id: site.siteId,
        customer_number: site.customerNumber,
        operating_unit: site.operatingUnit,
        street: site.street,
        city: site.city,
        state: site.state,
        postal_code: site.postalCode,
        country: site.country,
        status: site.status
      })))}::json) AS s(site_id bigint, customer_number integer, operating_unit text, street text, city text, state text,
          postal_code text, country text, status char(1))`.execute(db))
    yield* query("copy site uses to the to-customers", (db) =>
      sql`
        INSERT INTO site_uses (site_use_id, site_id, customer_number, operating_unit, use_type, location, is_primary, status)
        SELECT u.site_use_id, u.site_id, u.customer_number, u.operating_unit, u.use_type, u.location, u.is_primary, u.status
        FROM json_to_recordset(${JSON.stringify(copiedUses.map((use) => ({
        site_use_id: use.siteUseId,
        site_id: use.siteId,
        customer_number: use.customerNumber,
        operating_unit: use.operatingUnit,
        use_type: use.useType,
        location: use.location,
        is_primary: use.isPrimary,
        status: use.status
      })))}::json) AS u(site_use_id bigint, site_id bigint, customer_number integer, operating_unit text, use_type text,
          location text, is_primary boolean, status char(1))`.execute(db))
  }

  const moves = plans.flatMap((plan) => [...plan.moves, ...plan.dormantMoves].map((move) => ({ from_use: move.from.siteUseId, to_use: move.to.siteUseId })))
  if (moves.length > 0) {
    // The activity on a from-use is that of the origins activity_origins puts there: they move, its rows stay as
    // they are, and the activity view shows them on the mapped use, with its customer (migration 0015).
    yield* query("move activity to the mapped site uses", (db) =>
      sql`
        UPDATE activity_origins o SET site_use_id = m.to_use
        FROM json_to_recordset(${JSON.stringify(moves)}::json) AS m(from_use bigint, to_use bigint)
        WHERE o.site_use_id = m.from_use`.execute(db))
  }

  const byAfterMerge = (mode: "inactivate" | "delete") => plans.filter((plan) => plan.request.afterMerge === mode)
  const usesOf = (list: ReadonlyArray<MergePlan>) => list.flatMap((plan) => plan.moves.map((move) => move.from.siteUseId))
  const sitesOf = (list: ReadonlyArray<MergePlan>) => list.flatMap((plan) => plan.closedSites)
  const customersOf = (list: ReadonlyArray<MergePlan>) => list.filter((plan) => plan.closesCustomer).map((plan) => plan.request.fromCustomer)
  const inactivate = byAfterMerge("inactivate")
  const remove = byAfterMerge("delete")
  if (usesOf(inactivate).length > 0) {
    yield* query("inactivate the from-site uses", (db) =>
      db.updateTable("siteUses").set({ status: "I" }).where(anyOf("site_use_id", usesOf(inactivate), "bigint")).execute())
  }
  if (sitesOf(inactivate).length > 0) {
    yield* query("inactivate the from-sites", (db) =>
      db.updateTable("sites").set({ status: "I" }).where(anyOf("site_id", sitesOf(inactivate), "bigint")).execute())
  }
  if (customersOf(inactivate).length > 0) {
    // A merged-away customer is no longer sent to ORCE: its ORCE record is merged into the survivor's (MRG-11), and
    // sending it again would match it to the survivor's record by email and take the survivor's Relate ID.
    yield* query("inactivate the from-customers", (db) =>
      db.updateTable("customers").set({ status: "I", syncFlag: "N" }).where(anyOf("customer_number", customersOf(inactivate))).execute())
  }
  // Deleted from the customer down: the sites and their uses go with it (ON DELETE CASCADE).
  if (customersOf(remove).length > 0) {
    yield* query("delete the from-customers", (db) =>
      db.deleteFrom("customers").where(anyOf("customer_number", customersOf(remove))).execute())
  }
  if (sitesOf(remove).length > 0) {
    yield* query("delete the from-sites", (db) => db.deleteFrom("sites").where(anyOf("site_id", sitesOf(remove), "bigint")).execute())
  }

  const survivors = [...new Set(plans.filter((plan) => plan.request.fromCustomer !== plan.request.toCustomer).map((plan) => plan.request.toCustomer))]
  if (survivors.length > 0) {
    yield* query("flag the survivors for ORCE", (db) =>
      db.updateTable("customers").set({ syncFlag: "Y" }).where(anyOf("customer_number", survivors)).execute())
  }
  // A later request into the same survivor wins, as it would have run later.
  const golden = new Map<number, Record<string, unknown>>()
  for (const merge of merges) {
    if (merge.survivorship === null || merge.survivorship.length === 0) continue
    const values: Record<string, unknown> = { ...golden.get(merge.plan.request.toCustomer) }
    for (const choice of merge.survivorship) {
      for (const [field, value] of Object.entries(choice.values)) if (survivorshipFields.includes(field as never)) values[field] = value
    }
    golden.set(merge.plan.request.toCustomer, values)
  }
  if (golden.size > 0) {
    const rows = [...golden].map(([customer_number, vals]) => ({ customer_number, vals }))
    yield* query("apply survivorship to the survivors", (db) => survivorshipUpdate(rows).execute(db))
  }

  yield* writeResults(runId, plans.flatMap((plan) => resultLines(plan, state)))
  yield* query("complete the requests", (db) =>
    db.updateTable("mergeRequests").set({ processFlag: "COMPLETED", errorMessage: null, processedAt: now, updatedAt: now })
      .where(anyOf("id", plans.map((plan) => plan.request.id))).execute())
})

/** A line of the Customer Merge Execution Report (MRG-12), as merge_results keeps it. */
export interface ResultLine {
  readonly request_id: number
  readonly line: number
  readonly old_customer: number
  readonly old_name: string
  readonly new_customer: number
  readonly new_name: string
  readonly old_address: string | null
  readonly new_address: string | null
  readonly old_location: string | null
  readonly new_location: string | null
  readonly site_use: string | null
  readonly is_primary: boolean | null
  readonly status: "Inactive" | "Delete" | null
  readonly error_message: string | null
  /** MRG-11: pending while ORCE has still to merge the two records; null when it has none to merge. */
  readonly orce_merge: string | null
  readonly old_relate_id: string | null
  readonly new_relate_id: string | null
}

const resultLines = (plan: MergePlan, state: MergeState): Array<ResultLine> => {
  const { request } = plan
  const from = state.customers.get(request.fromCustomer)!
  const to = state.customers.get(request.toCustomer)!
  const status = request.afterMerge === "delete" ? "Delete" as const : "Inactive" as const
  const orce = request.fromCustomer !== request.toCustomer && from.relateId !== "" && to.relateId !== "" ? "pending" : null
  const base = {
    request_id: request.id,
    old_customer: from.customerNumber,
    old_name: from.name,
    new_customer: to.customerNumber,
    new_name: to.name,
    status,
    error_message: null,
    orce_merge: orce,
    old_relate_id: orce === null ? null : from.relateId,
    new_relate_id: orce === null ? null : to.relateId
  }
  if (plan.moves.length === 0) {
    return [{ ...base, line: 1, old_address: null, new_address: null, old_location: null, new_location: null, site_use: null, is_primary: null }]
  }
  return plan.moves.map((move, index) => ({
    ...base,
    line: index + 1,
    old_address: addressOf(move.fromSite),
    new_address: addressOf(move.toSite),
    old_location: move.from.location,
    new_location: move.to.location,
    site_use: move.from.useType,
    is_primary: move.from.isPrimary,
    // Only the first line of a request carries the ORCE merge, which is one per request.
    orce_merge: index === 0 ? orce : null
  }))
}

const resultColumns = [
  "run_id", "request_id", "line", "old_customer", "old_name", "new_customer", "new_name", "old_address", "new_address", "old_location",
  "new_location", "site_use", "is_primary", "status", "error_message", "orce_merge", "old_relate_id", "new_relate_id"
] as const

/** Writes report lines with COPY: a set writes a line per moved site use, and COPY stores them several times faster than an INSERT. */
export const writeResults = (runId: string, lines: ReadonlyArray<ResultLine>) =>
  lines.length === 0 ? Effect.void : Effect.flatMap(Effect.service(Database), ({ copy }) => {
    let text = ""
    for (const line of lines) {
      text += copyLine([
        runId, line.request_id, line.line, line.old_customer, line.old_name, line.new_customer, line.new_name, line.old_address,
        line.new_address, line.old_location, line.new_location, line.site_use, line.is_primary === null ? null : line.is_primary ? "t" : "f",
        line.status, line.error_message, line.orce_merge, line.old_relate_id, line.new_relate_id
      ])
    }
    return copy("write the merge results", "merge_results", resultColumns, [text])
  })
