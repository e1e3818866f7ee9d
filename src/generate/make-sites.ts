import type { Prng } from "./prng.ts"

/** The columns `orce-sync load --sites/--site-uses/--activity` reads, and `merge submit` for requests. */
export const siteCsvColumns = ["site_id", "customer_number", "operating_unit", "street", "city", "state", "postal_code", "country"] as const
export const siteUseCsvColumns = ["site_use_id", "site_id", "use_type", "location", "primary"] as const
export const activityCsvColumns = ["activity_id", "kind", "site_use_id", "document", "amount"] as const
export const requestCsvColumns = ["from_customer", "to_customer", "reason", "priority", "create_same_site"] as const

export type SiteCsvRow = { [K in (typeof siteCsvColumns)[number]]: string }
export type SiteUseCsvRow = { [K in (typeof siteUseCsvColumns)[number]]: string }
export type ActivityCsvRow = { [K in (typeof activityCsvColumns)[number]]: string }
export type RequestCsvRow = { [K in (typeof requestCsvColumns)[number]]: string }

export interface GeneratedSites {
  readonly sites: ReadonlyArray<SiteCsvRow>
  readonly uses: ReadonlyArray<SiteUseCsvRow>
  readonly activity: ReadonlyArray<ActivityCsvRow>
}

/** What a customer's sites are made from: its number and HOME address. */
export interface SiteOwner {
  readonly customer_number: string
  readonly street: string
  readonly city: string
  readonly state: string
  readonly postal_code: string
  readonly country: string
}

const kinds = ["order", "invoice", "receipt", "credit", "adjustment"] as const
const extraUses = ["SHIP_TO", "STATEMENTS", "MARKETING", "LEGAL", "DUNNING"] as const

/**
 * 2 to 4 sites of a customer in one operating unit and its state (one tax jurisdiction, MRG-6): the first
 * at its own address, bill-to and ship-to, both primary; the others further ship-to or other uses. Then
 * `activity` rows spread over the uses. IDs follow from the customer number, so they are unique in an export
 * and the same for the same seed: site = number × 10 + n, use = site × 10 + n, activity = number × 100 + n.
 */
export const makeSites = (owner: SiteOwner, prng: Prng, activity: number): GeneratedSites => {
  const number = Number(owner.customer_number)
  const sites: Array<SiteCsvRow> = []
  const uses: Array<SiteUseCsvRow> = []
  const count = prng.int(2, 4)
  for (let n = 0; n < count; n++) {
    const siteId = number * 10 + n
    sites.push({
      site_id: String(siteId),
      customer_number: owner.customer_number,
      operating_unit: "OU1",
      street: n === 0 ? owner.street : `${prng.int(1, 9999)} ${prng.pick(["MARKET", "MISSION", "TELEGRAPH", "CALIFORNIA", "HARBOR"])} ST`,
      city: owner.city,
      state: owner.state,
      postal_code: owner.postal_code,
      country: owner.country
    })
    const types = n === 0 ? ["BILL_TO", "SHIP_TO"] : [prng.pick(extraUses)]
    types.forEach((type, index) => {
      uses.push({
        site_use_id: String(siteId * 10 + index),
        site_id: String(siteId),
        use_type: type,
        location: `${type.slice(0, 1)}${siteId}`,
        primary: n === 0 ? "Y" : "N"
      })
    })
  }
  const rows: Array<ActivityCsvRow> = []
  for (let n = 0; n < activity; n++) {
    rows.push({
      activity_id: String(number * 100 + n),
      kind: kinds[n % kinds.length]!,
      site_use_id: prng.pick(uses).site_use_id,
      document: `${kinds[n % kinds.length]!.slice(0, 3).toUpperCase()}-${number}-${n}`,
      amount: `${prng.int(1, 5000)}.${String(prng.int(0, 99)).padStart(2, "0")}`
    })
  }
  return { sites, uses, activity: rows }
}
