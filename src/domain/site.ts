import { Schema } from "effect"

/** MRG-3: the business purposes a site is used for; a use merges only into a use of the same type. */
export const SiteUseType = Schema.Literals(["BILL_TO", "SHIP_TO", "STATEMENTS", "MARKETING", "LEGAL", "DUNNING"])
export type SiteUseType = typeof SiteUseType.Type

/** A/I as on customers: Active, Inactive. */
export const RecordStatus = Schema.Literals(["A", "I"])
export type RecordStatus = typeof RecordStatus.Type

/** An account site of a customer: an address in one operating unit. */
export const Site = Schema.Struct({
  siteId: Schema.Int,
  customerNumber: Schema.Int,
  operatingUnit: Schema.String,
  street: Schema.String,
  city: Schema.String,
  /** MRG-6: country and state make the tax jurisdiction. */
  state: Schema.String,
  postalCode: Schema.String,
  country: Schema.String,
  status: RecordStatus
})
export type Site = typeof Site.Type

/** A business purpose of a site; its location is unique per customer, type and operating unit (MRG-4). */
export const SiteUse = Schema.Struct({
  siteUseId: Schema.Int,
  siteId: Schema.Int,
  /** The site's customer, kept on the use so MRG-4's uniqueness is one index. */
  customerNumber: Schema.Int,
  operatingUnit: Schema.String,
  useType: SiteUseType,
  location: Schema.String,
  isPrimary: Schema.Boolean,
  status: RecordStatus
})
export type SiteUse = typeof SiteUse.Type

/** MRG-7: the activity a merge moves. */
export const ActivityKind = Schema.Literals(["order", "invoice", "receipt", "credit", "adjustment"])
export type ActivityKind = typeof ActivityKind.Type

export const Activity = Schema.Struct({
  activityId: Schema.Int,
  kind: ActivityKind,
  customerNumber: Schema.Int,
  siteUseId: Schema.Int,
  document: Schema.String,
  amount: Schema.String
})
export type Activity = typeof Activity.Type

/**
 * Sites and site uses a merge copies to the to-customer (MRG-3 create same site) get IDs from their request:
 * loaded IDs have at most 9 digits, so these never collide with them, and a merge redone after a crash
 * makes the same IDs.
 */
export const copiedId = (requestId: number, ordinal: number) => 1_000_000_000_000 + requestId * 1000 + ordinal
