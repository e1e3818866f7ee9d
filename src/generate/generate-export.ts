import { Schema } from "effect"
import type { CustomerRow, ProfileRow } from "./columns.ts"
import { composeCustomer, type Gender } from "./compose-customer.ts"
import { makeDuplicate, type VariationKind } from "./make-duplicate.ts"
import { customerNumberDirtKinds, type DirtKind, isRejectable, makeSoiler } from "./make-dirty.ts"
import { buildPools } from "./pools.ts"
import { makePrng, makeSelection, type Prng } from "./prng.ts"

export const defaultDirtyRate = 0.03

const Rate = Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 1 }))

export const GenerateOptions = Schema.Struct({
  /** How many customer rows to generate, duplicates and dirty rows included. */
  customers: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 100_000_000 })),
  seed: Schema.Int,
  /** Fraction of the customer rows that are duplicates of an earlier generated customer. */
  duplicateRate: Rate,
  /** Fraction of the customer rows with one deliberate fault; 0.03 when left out. */
  dirtyRate: Schema.optional(Rate)
})
export type GenerateOptions = typeof GenerateOptions.Type

export interface GeneratedCustomer {
  readonly _tag: "Customer"
  /** Shared with the generator's memory of originals: read it, do not change it. */
  readonly row: Readonly<CustomerRow>
  /** The customer number of the original this row duplicates; the ground truth for dedupe recall. */
  readonly duplicateOf: string | undefined
  /** How this duplicate differs from its original; empty when the row is no duplicate. */
  readonly variations: ReadonlyArray<VariationKind>
  /** The deliberate fault in this row, if any. */
  readonly dirt: DirtKind | undefined
}

export interface GeneratedProfile {
  readonly _tag: "Profile"
  readonly row: ProfileRow
}

/** Profiles follow the customer they belong to, so one pass writes both files. */
export type GeneratedRecord = GeneratedCustomer | GeneratedProfile

/**
 * Originals a duplicate may copy. A uniform sample over everything generated so far (reservoir sampling)
 * lets a late row duplicate an early one while memory stays fixed however many rows are generated.
 */
const reservoirSize = 4096
/** Earlier customer numbers that a "repeated customer number" fault may reuse. */
const recentNumbersSize = 256

const individualProfiles: ReadonlyArray<readonly [string, (gender: Gender, prng: Prng) => string]> = [
  ["MARITAL STATUS", (_, p) => p.pick(["MARRIED", "MARRIED", "SINGLE", "SINGLE", "DIVORCED", "WIDOWED"])],
  ["GENDER", (gender, p) => gender === "M" ? "MALE" : gender === "F" ? "FEMALE" : "UNKNOWN"],
  ["INCOME BAND", (_, p) => p.pick(["UNDER 25K", "25K-50K", "50K-75K", "75K-100K", "100K-150K", "OVER 150K"])],
  ["AGE RANGE", (_, p) => p.pick(["18-24", "25-34", "35-44", "45-54", "55-64", "65+"])],
  ["HOUSEHOLD SIZE", (_, p) => String(p.int(1, 6))],
  ["INTEREST", (_, p) => p.pick(["GARDENING", "OUTDOORS", "COOKING", "FASHION", "HOME DECOR", "FITNESS", "TRAVEL"])],
  ["PREFERRED CHANNEL", (_, p) => p.pick(["WEB", "CATALOG", "STORE", "PHONE"])]
]

const organizationProfiles: ReadonlyArray<readonly [string, (gender: Gender, prng: Prng) => string]> = [
  ["INDUSTRY", (_, p) => p.pick(["RETAIL", "HEALTHCARE", "EDUCATION", "HOSPITALITY", "CONSTRUCTION", "GOVERNMENT"])],
  ["EMPLOYEES", (_, p) => p.pick(["1-9", "10-49", "50-249", "250-999", "1000+"])],
  ["PREFERRED CHANNEL", (_, p) => p.pick(["WEB", "CATALOG", "PHONE", "EDI"])]
]

const profilesFor = (row: Readonly<CustomerRow>, gender: Gender, prng: Prng): Array<GeneratedProfile> => {
  const catalogue = row.party_type === "O" ? organizationProfiles : individualProfiles
  const count = prng.int(1, 3)
  const start = prng.int(0, catalogue.length - 1)
  const out: Array<GeneratedProfile> = []
  for (let i = 0; i < count && i < catalogue.length; i++) {
    const [description, value] = catalogue[(start + i) % catalogue.length] ?? catalogue[0]!
    out.push({
      _tag: "Profile",
      row: { customer_number: row.customer_number, profile_description: description, value: value(gender, prng) }
    })
  }
  return out
}

/**
 * Synthetic OACS customer export rows, deterministic from `seed`, produced lazily so that millions of
 * rows stream in fixed memory. Each customer is followed by its profile rows, if any.
 */
export function* generateExport(options: GenerateOptions): Generator<GeneratedRecord, void, undefined> {
  const { customers, seed, duplicateRate, dirtyRate = defaultDirtyRate } = Schema.decodeUnknownSync(GenerateOptions)(options)
  const pools = buildPools(seed)
  // Separate streams, so that e.g. a different dirty rate does not reshuffle every other choice.
  const composing = makePrng(seed)
  const duplicating = makePrng(seed + 0x1000_0001)
  const soiling = makePrng(seed + 0x2000_0002)
  const profiling = makePrng(seed + 0x3000_0003)
  const numbering = makePrng(seed + 0x4000_0004)

  // The first row has nothing earlier to duplicate, so duplicates are chosen among the others.
  const isDuplicate = makeSelection(duplicating, Math.round(customers * duplicateRate), Math.max(0, customers - 1))
  const isDirty = makeSelection(soiling, Math.round(customers * dirtyRate), customers)

  const soil = makeSoiler(soiling)

  const reservoir: Array<{ readonly row: CustomerRow; readonly gender: Gender }> = []
  let originals = 0
  const recentNumbers: Array<string> = []
  let nextNumber = 100_000 + numbering.int(1, 900)

  for (let index = 0; index < customers; index++) {
    const customerNumber = String(nextNumber)
    nextNumber += numbering.chance(0.85) ? 1 : numbering.int(2, 9)

    const duplicate = index > 0 && isDuplicate() && reservoir.length > 0
    let clean: CustomerRow
    let gender: Gender = ""
    let duplicateOf: string | undefined
    let variations: ReadonlyArray<VariationKind> = []
    if (duplicate) {
      const original = duplicating.pick(reservoir)
      const copy = makeDuplicate(original.row, customerNumber, pools, duplicating)
      clean = copy.row
      gender = original.gender
      duplicateOf = original.row.customer_number
      variations = copy.variations
    } else {
      const composed = composeCustomer(pools, composing, customerNumber)
      clean = composed.row
      gender = composed.gender
    }

    let row = clean
    let dirt: DirtKind | undefined
    if (isDirty()) {
      row = { ...clean }
      dirt = soil(row, {
        loadableOnly: duplicate,
        earlierNumber: () => recentNumbers.length === 0 ? undefined : soiling.pick(recentNumbers)
      })
    }

    if (!duplicate && (dirt === undefined || !isRejectable(dirt))) {
      originals++
      if (reservoir.length < reservoirSize) reservoir.push({ row: clean, gender })
      else {
        const slot = duplicating.int(0, originals - 1)
        if (slot < reservoirSize) reservoir[slot] = { row: clean, gender }
      }
    }
    if (dirt === undefined || !customerNumberDirtKinds.has(dirt)) {
      if (recentNumbers.length < recentNumbersSize) recentNumbers.push(customerNumber)
      else recentNumbers[index % recentNumbersSize] = customerNumber
    }

    yield { _tag: "Customer", row, duplicateOf, variations, dirt }

    if (profiling.chance(0.3) && (dirt === undefined || !customerNumberDirtKinds.has(dirt))) {
      yield* profilesFor(row, gender, profiling)
    }
  }
}

/** Only the customer rows of an export. */
export function* generateCustomerRows(options: GenerateOptions): Generator<Readonly<CustomerRow>, void, undefined> {
  for (const record of generateExport(options)) if (record._tag === "Customer") yield record.row
}

/** The ground truth of an export: each duplicate's customer number with its original's. */
export function* generateDuplicateTruth(
  options: GenerateOptions
): Generator<{ readonly duplicate: string; readonly original: string; readonly variations: ReadonlyArray<VariationKind> }> {
  for (const record of generateExport(options)) {
    if (record._tag === "Customer" && record.duplicateOf !== undefined) {
      yield { duplicate: record.row.customer_number, original: record.duplicateOf, variations: record.variations }
    }
  }
}
