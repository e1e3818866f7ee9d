import type { AfterMerge } from "../../domain/merge-request.ts"
import { copiedId, type Site, type SiteUse } from "../../domain/site.ts"
import type { MergeState } from "./merge-state.ts"

/** A from-site and where it goes; no to-site: copy it to the to-customer (MRG-3 create same site). */
export interface SiteMapping {
  readonly fromSite: number
  readonly toSite: number | null
  /** MRG-4: the location a copied use takes when its own is taken. */
  readonly location: string | null
}

/** What planning needs of a merge request (MRG-1). */
export interface RequestToPlan {
  readonly id: number
  readonly fromCustomer: number
  readonly toCustomer: number
  readonly operatingUnit: string | null
  readonly afterMerge: AfterMerge
  readonly createSameSite: boolean
  readonly mappings: ReadonlyArray<SiteMapping>
}

/** One from-site use and the use its activity goes to. */
export interface UseMove {
  readonly from: SiteUse
  readonly fromSite: Site
  readonly to: SiteUse
  readonly toSite: Site
  /** The to-use is a copy this merge makes (MRG-3). */
  readonly copied: boolean
}

/** An inactive from-use whose activity still moves (MRG-7): already inactive, it only hands its activity over. */
export interface DormantMove {
  readonly from: SiteUse
  readonly to: SiteUse
}

export interface MergePlan {
  readonly _tag: "Plan"
  readonly request: RequestToPlan
  readonly moves: ReadonlyArray<UseMove>
  readonly dormantMoves: ReadonlyArray<DormantMove>
  readonly copiedSites: ReadonlyArray<Site>
  readonly copiedUses: ReadonlyArray<SiteUse>
  /** From-sites all of whose uses move: inactivated or deleted with them. */
  readonly closedSites: ReadonlyArray<number>
  /** The from-customer has no active use left once this merge is done: inactivated or deleted (MRG-7). */
  readonly closesCustomer: boolean
}

/** Why a request cannot be merged: the rule and a sentence naming the record. */
export interface Refusal {
  readonly _tag: "Refused"
  readonly rule: string
  readonly reason: string
}

export const refuse = (rule: string, reason: string): Refusal => ({ _tag: "Refused", rule, reason })

export type Planned = MergePlan | Refusal

/** Settings the rules read. */
export interface PlanSettings {
  /** L37: MRG-10 refuses delete after merge when it is INTERACT. */
  readonly integration: string
}

const jurisdiction = (site: Site) => `${site.country}/${site.state}`
const describeSite = (site: Site) => `site ${site.siteId} (${site.street}, ${site.city} ${site.state} ${site.country})`
const useLabel = (use: SiteUse) => use.useType.replace("_", "-").toLowerCase()
const locationKey = (use: Pick<SiteUse, "useType" | "operatingUnit" | "location">) => `${use.useType}\u0000${use.operatingUnit}\u0000${use.location}`

/** The best same-type use: primary first, then the oldest. */
const byPreference = (a: SiteUse, b: SiteUse) => Number(b.isPrimary) - Number(a.isPrimary) || a.siteUseId - b.siteUseId

/**
 * Checks a request against the state it would merge (MRG-2..MRG-6, MRG-10, unknown records, merged-away
 * customers) and works out which from-use goes to which to-use, the copies it makes and what it closes.
 * Pure: the same request and state always plan the same, at submission and at run time.
 */
export const planMerge = (
  request: RequestToPlan,
  state: MergeState,
  settings: PlanSettings,
  /** Locations other plans of the same round copy to each customer: taken too. */
  reserved: Map<number, Set<string>> = new Map()
): Planned => {
  const { fromCustomer, toCustomer } = request
  const sameCustomer = fromCustomer === toCustomer
  for (const number of sameCustomer ? [fromCustomer] : [fromCustomer, toCustomer]) {
    const customer = state.customers.get(number)
    const away = state.mergedAway.get(number)
    if (away !== undefined && (customer === undefined || customer.status === "I")) {
      return refuse(
        "MRG-8",
        `customer ${number} was already merged into customer ${away.into} by request ${away.requestId}; ` +
          (number === fromCustomer ? "there is nothing left to merge" : `merge into customer ${away.into} instead`)
      )
    }
    if (customer === undefined) return refuse("MRG-1", `customer ${number} is not in the staging database`)
  }
  const from = state.customers.get(fromCustomer)!
  const to = state.customers.get(toCustomer)!
  if (sameCustomer && request.mappings.length === 0) {
    return refuse("MRG-1", `the from-customer and the to-customer are both ${fromCustomer}; to merge two sites of one customer, name them (from_site, to_site)`)
  }
  if (from.partyType !== to.partyType) {
    return refuse("MRG-2", `customer ${fromCustomer} (party type ${from.partyType}) and customer ${toCustomer} (party type ${to.partyType}) are not of the same party type`)
  }
  if (request.afterMerge === "delete" && sameCustomer) {
    return refuse("MRG-5", `sites of one customer (${fromCustomer}) cannot be merged with delete after merge; inactivate them instead`)
  }
  if (request.afterMerge === "delete" && settings.integration === "INTERACT") {
    return refuse("MRG-10", `delete after merge is refused while L37 is INTERACT (customers are never deleted under the ORCE integration); submit it to inactivate`)
  }

  // No site both source and target, none named twice.
  const named = new Map<number, SiteMapping>()
  const targets = new Set<number>()
  for (const mapping of request.mappings) {
    if (named.has(mapping.fromSite)) return refuse("MRG-5", `site ${mapping.fromSite} is named twice as a from-site`)
    named.set(mapping.fromSite, mapping)
    if (mapping.toSite !== null) targets.add(mapping.toSite)
  }
  for (const site of named.keys()) {
    if (targets.has(site)) return refuse("MRG-5", `site ${site} is both a from-site and a to-site`)
  }
  for (const mapping of request.mappings) {
    if (sameCustomer && mapping.toSite === null) {
      return refuse("MRG-3", `site ${mapping.fromSite} of customer ${fromCustomer} merges into another of its sites: name the to-site`)
    }
    const fromSite = state.sites.get(mapping.fromSite)
    if (fromSite === undefined || fromSite.customerNumber !== fromCustomer) {
      return refuse("MRG-1", `site ${mapping.fromSite} is not a site of customer ${fromCustomer}`)
    }
    if (fromSite.status !== "A") return refuse("MRG-1", `site ${mapping.fromSite} of customer ${fromCustomer} is inactive`)
    if (mapping.toSite !== null) {
      const toSite = state.sites.get(mapping.toSite)
      if (toSite === undefined || toSite.customerNumber !== toCustomer) {
        return refuse("MRG-1", `site ${mapping.toSite} is not a site of customer ${toCustomer}`)
      }
      if (toSite.status !== "A") return refuse("MRG-1", `site ${mapping.toSite} of customer ${toCustomer} is inactive`)
    }
  }

  const inScope = (site: Site) => site.status === "A" && (request.operatingUnit === null || site.operatingUnit === request.operatingUnit)
  const fromSites = sameCustomer
    ? request.mappings.map((mapping) => state.sites.get(mapping.fromSite)!)
    : (state.sitesOf.get(fromCustomer) ?? []).filter(inScope)
  if (!sameCustomer && request.mappings.length > 0) {
    // MRG-5: a merge of two customers moves every site use of the from-customer.
    const unmapped = fromSites.find((site) => !named.has(site.siteId))
    if (unmapped !== undefined) {
      return refuse("MRG-5", `${describeSite(unmapped)} of customer ${fromCustomer} is not mapped; a merge of two customers moves every site use, so map it or leave the mappings out`)
    }
  }
  if (request.operatingUnit !== null && !sameCustomer && fromSites.length === 0) {
    return refuse("MRG-1", `customer ${fromCustomer} has no active site in operating unit ${request.operatingUnit}`)
  }

  const toUses = (state.sitesOf.get(toCustomer) ?? []).filter((site) => site.status === "A")
    .flatMap((site) => state.usesOf.get(site.siteId) ?? [])
  const taken = new Set([...(state.customerUses.get(toCustomer) ?? []).map(locationKey), ...(reserved.get(toCustomer) ?? [])])
  const moves: Array<UseMove> = []
  const copiedSites: Array<Site> = []
  const copiedUses: Array<SiteUse> = []
  let ordinal = 0

  for (const fromSite of fromSites) {
    const mapping = named.get(fromSite.siteId)
    const explicitTo = mapping?.toSite === undefined || mapping.toSite === null ? undefined : state.sites.get(mapping.toSite)!
    if (explicitTo !== undefined && explicitTo.operatingUnit !== fromSite.operatingUnit) {
      return refuse("MRG-3", `${describeSite(fromSite)} is in operating unit ${fromSite.operatingUnit} and site ${explicitTo.siteId} in ${explicitTo.operatingUnit}; sites do not merge across operating units`)
    }
    if (explicitTo !== undefined && jurisdiction(explicitTo) !== jurisdiction(fromSite)) {
      return refuse("MRG-6", `${describeSite(fromSite)} and ${describeSite(explicitTo)} are not in the same tax jurisdiction (${jurisdiction(fromSite)} and ${jurisdiction(explicitTo)})`)
    }
    let copy: Site | undefined
    const copyUse = (use: SiteUse): SiteUse | Refusal => {
      if (copy === undefined) {
        copy = { ...fromSite, siteId: copiedId(request.id, ++ordinal), customerNumber: toCustomer, status: "A" }
        copiedSites.push(copy)
      }
      const wanted = { useType: use.useType, operatingUnit: use.operatingUnit }
      const candidates = [use.location, mapping?.location ?? `${use.location}-C`]
      const location = candidates.find((candidate) => !taken.has(locationKey({ ...wanted, location: candidate })))
      if (location === undefined) {
        return refuse("MRG-4", `location ${use.location} of the ${useLabel(use)} use of ${describeSite(fromSite)} is taken on customer ${toCustomer}, and so is ${candidates[1]}; give the request another location`)
      }
      taken.add(locationKey({ ...wanted, location }))
      const copied: SiteUse = { ...use, siteUseId: copiedId(request.id, ++ordinal), siteId: copy.siteId, customerNumber: toCustomer, location, status: "A" }
      copiedUses.push(copied)
      return copied
    }
    for (const use of state.usesOf.get(fromSite.siteId) ?? []) {
      let target: SiteUse | undefined
      let copied = false
      if (mapping !== undefined && mapping.toSite === null) {
        copied = true
      } else if (explicitTo !== undefined) {
        target = (state.usesOf.get(explicitTo.siteId) ?? []).filter((candidate) => candidate.useType === use.useType).sort(byPreference)[0]
        if (target === undefined && (!request.createSameSite || sameCustomer)) {
          return refuse("MRG-3", `the ${useLabel(use)} use of ${describeSite(fromSite)} has no ${useLabel(use)} use on site ${explicitTo.siteId} to merge into`)
        }
        copied = target === undefined
      } else {
        const sameType = toUses.filter((candidate) => candidate.useType === use.useType && candidate.operatingUnit === use.operatingUnit)
        const fromSiteOf = (candidate: SiteUse) => state.sites.get(candidate.siteId)!
        target = sameType.filter((candidate) => jurisdiction(fromSiteOf(candidate)) === jurisdiction(fromSite)).sort(byPreference)[0]
        if (target === undefined && !request.createSameSite) {
          return sameType.length === 0
            ? refuse("MRG-3", `the ${useLabel(use)} use of ${describeSite(fromSite)} has no ${useLabel(use)} use on customer ${toCustomer} in operating unit ${use.operatingUnit}; set create same site to copy it`)
            : refuse("MRG-6", `the ${useLabel(use)} uses of customer ${toCustomer} in operating unit ${use.operatingUnit} are not in the tax jurisdiction ${jurisdiction(fromSite)} of ${describeSite(fromSite)}; set create same site to copy it`)
        }
        copied = target === undefined
      }
      if (copied) {
        const made = copyUse(use)
        if ("_tag" in made) return made
        target = made
      }
      moves.push({ from: use, fromSite, to: target!, toSite: copied ? copy! : state.sites.get(target!.siteId)!, copied })
    }
  }

  // MRG-7: "all activity that was previously associated with the old customer or site is now associated with the
  // new customer or site" — the activity of the from-sites' inactive uses too, and, when two customers merge,
  // of the from-customer's inactive sites. Each goes where the same type of use goes: the move of the same site
  // first, then any move of the request, then the to-customer's own use of that type (MRG-3, like to like).
  const dormantMoves: Array<DormantMove> = []
  const movedUses = new Set(moves.map((move) => move.from.siteUseId))
  const dormantSites = sameCustomer ? [] : (state.sitesOf.get(fromCustomer) ?? []).filter((site) =>
    site.status !== "A" && (request.operatingUnit === null || site.operatingUnit === request.operatingUnit))
  const scanned = new Set([...fromSites, ...dormantSites].map((site) => site.siteId))
  const dormant = (state.customerUses.get(fromCustomer) ?? [])
    .filter((use) => scanned.has(use.siteId) && !movedUses.has(use.siteUseId) && state.usesWithActivity.has(use.siteUseId))
  for (const use of dormant) {
    const sameType = (move: UseMove) => move.from.useType === use.useType && move.from.operatingUnit === use.operatingUnit
    const fromSite = state.sites.get(use.siteId)!
    const target = moves.find((move) => move.fromSite.siteId === use.siteId && sameType(move))?.to ??
      moves.find(sameType)?.to ??
      toUses.filter((candidate) => candidate.useType === use.useType && candidate.operatingUnit === use.operatingUnit && !scanned.has(candidate.siteId))
        .sort((a, b) =>
          Number(jurisdiction(state.sites.get(b.siteId)!) === jurisdiction(fromSite)) - Number(jurisdiction(state.sites.get(a.siteId)!) === jurisdiction(fromSite)) ||
          byPreference(a, b)
        )[0]
    if (target === undefined) {
      return refuse("MRG-7", `the inactive ${useLabel(use)} use ${use.siteUseId} of ${describeSite(fromSite)} holds activity, and customer ${toCustomer} has no active ${useLabel(use)} use in operating unit ${use.operatingUnit} to take it (MRG-3: like to like); add one, or map the site`)
    }
    dormantMoves.push({ from: use, to: target })
  }

  const reserving = reserved.get(toCustomer) ?? new Set<string>()
  for (const use of copiedUses) reserving.add(locationKey(use))
  reserved.set(toCustomer, reserving)
  const closedSites = fromSites.map((site) => site.siteId)
  const leftActive = sameCustomer
    ? true
    : (state.sitesOf.get(fromCustomer) ?? []).some((site) => site.status === "A" && !closedSites.includes(site.siteId))
  return { _tag: "Plan", request, moves, dormantMoves, copiedSites, copiedUses, closedSites, closesCustomer: !sameCustomer && !leftActive }
}
