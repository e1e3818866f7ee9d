import { maskText } from "../../log/mask.ts"
import type { PartyType } from "../../domain/customer.ts"
import type { MatchRecord } from "./normalise.ts"

/** A blocking rule: records sharing a key are candidate pairs (DUP-1). */
export interface BlockingRule {
  readonly name: string
  /** The keys a record is filed under; none when it lacks what the rule needs. */
  readonly keys: (record: MatchRecord) => ReadonlyArray<string>
}

const none: ReadonlyArray<string> = []
/** One key of two or three parts, none when a part is missing ("" or 0). */
const key = (a: string | number, b: string | number, c: string | number = -1): ReadonlyArray<string> =>
  a === "" || a === 0 || b === "" || b === 0 || c === "" || c === 0 ? none : [c === -1 ? `${a}:${b}` : `${a}:${b}:${c}`]

/** The production rules. Each needs two independent facts, so no one common value makes a huge block. */
export const defaultBlockingRules: ReadonlyArray<BlockingRule> = [
  { name: "postal code + last name initial", keys: (r) => key(r.postalCode, r.lastName.slice(0, 1)) },
  { name: "postal code + birth date", keys: (r) => key(r.postalCode, r.birthMonth, r.birthDay) },
  // Either order, so that a first and last name given the wrong way round still meet.
  {
    name: "first and last name sounds",
    keys: (r) => (r.firstNameSound < r.lastNameSound ? key(r.firstNameSound, r.lastNameSound) : key(r.lastNameSound, r.firstNameSound))
  },
  { name: "last name sound + birth date", keys: (r) => key(r.lastNameSound, r.birthMonth, r.birthDay) },
  { name: "first name sound + birth date", keys: (r) => key(r.firstNameSound, r.birthMonth, r.birthDay) },
  { name: "last name sound + city", keys: (r) => key(r.lastNameSound, r.city) },
  { name: "street number + street", keys: (r) => key(r.streetNumber, r.streetName.slice(0, 5)) },
  { name: "city + birth date", keys: (r) => key(r.city, r.birthMonth, r.birthDay) },
  { name: "email", keys: (r) => (r.email === "" ? none : [r.email]) },
  { name: "phone", keys: (r) => r.phones }
]

export interface BlockingOptions {
  /** A block up to this size is compared all pairs with all; a larger one only within a sliding window. */
  readonly maxBlockSize: number
  /** In a capped block, each record is compared with this many neighbours on either side (by name). */
  readonly window: number
  /**
   * Incremental runs: only pairs with at least one record for which this is true (new or changed records)
   * are produced, against every record (the blocks are built over all of them).
   */
  readonly probe?: (index: number) => boolean
}

export interface CappedBlock {
  readonly rule: string
  /** The block key, masked: it is personal data (an email, a phone number). */
  readonly key: string
  readonly size: number
  /** Pairs compared in the block instead of size × (size − 1) / 2. */
  readonly pairs: number
}

/** What one rule did; in an incremental run, counted over the blocks that hold a new or changed record. */
export interface RuleStatistics {
  readonly rule: string
  readonly blocks: number
  readonly largestBlock: number
  /** Pairs this rule produced, whether or not an earlier rule had produced them too. */
  readonly pairs: number
  /** Pairs no earlier rule had produced: what this rule adds. */
  readonly newPairs: number
  readonly cappedBlocks: number
}

export interface CandidatePairs {
  /** Record indexes of each pair, left < right; each pair once. */
  readonly left: Int32Array
  readonly right: Int32Array
  /** Index of the first rule that produced the pair. */
  readonly rule: Uint8Array
  readonly rules: ReadonlyArray<RuleStatistics>
  /** The largest capped blocks, largest first (at most 20). */
  readonly capped: ReadonlyArray<CappedBlock>
}

const ruleBits = 16

/** Growable list of pair codes (pair × 16 + rule): one flat typed array, however many millions of pairs. */
class PairCodes {
  codes = new Float64Array(1024)
  length = 0
  push(code: number) {
    if (this.length === this.codes.length) {
      const grown = new Float64Array(this.codes.length * 2)
      grown.set(this.codes)
      this.codes = grown
    }
    this.codes[this.length++] = code
  }
}

const nameOrder = (r: MatchRecord) => `${r.lastName} ${r.firstName} ${r.company} ${r.customerNumber}`

/**
 * Candidate pairs of records of the same party type (DUP-6) that share a key of any rule (DUP-1), each pair
 * once. A block larger than `maxBlockSize` is sorted by name and each record is compared only with its
 * `window` nearest neighbours, so the pair count stays near-linear in the number of records whatever the
 * data holds (thousands of customers in one postal code, one placeholder value for many).
 */
export const candidatePairs = (
  records: ReadonlyArray<MatchRecord>,
  rules: ReadonlyArray<BlockingRule>,
  options: BlockingOptions
): CandidatePairs => {
  if (rules.length >= ruleBits) throw new RangeError(`at most ${ruleBits - 1} blocking rules`)
  const n = records.length
  const { probe, maxBlockSize, window } = options
  const out = new PairCodes()
  const capped: Array<CappedBlock> = []
  const statistics: Array<{ rule: string; blocks: number; largestBlock: number; pairs: number; cappedBlocks: number }> = []
  const order = new Map<number, string>()
  const orderOf = (index: number) => {
    let value = order.get(index)
    if (value === undefined) order.set(index, (value = nameOrder(records[index]!)))
    return value
  }

  const probes = probe === undefined ? undefined : records.filter((record) => probe(record.index))
  rules.forEach((rule, ruleIndex) => {
    // Blocks per party type (DUP-6), so a key needs no party prefix built for each of a million records.
    const blocksByParty = new Map<PartyType, Map<string, Array<number>>>()
    const blocksOf = (party: PartyType) => {
      let blocks = blocksByParty.get(party)
      if (blocks === undefined) blocksByParty.set(party, (blocks = new Map()))
      return blocks
    }
    // An incremental run needs only the blocks a new or changed record is in: the others are never built.
    if (probes !== undefined) for (const record of probes) for (const k of rule.keys(record)) blocksOf(record.partyType).set(k, [])
    for (const record of records) {
      const blocks = blocksOf(record.partyType)
      for (const k of rule.keys(record)) {
        const members = blocks.get(k)
        if (members === undefined) {
          if (probes === undefined) blocks.set(k, [record.index])
        } else if (members[members.length - 1] !== record.index) members.push(record.index)
      }
    }
    const stats = { rule: rule.name, blocks: 0, largestBlock: 0, pairs: 0, cappedBlocks: 0 }
    const add = (a: number, b: number) => {
      if (probe !== undefined && !probe(a) && !probe(b)) return false
      out.push((a < b ? a * n + b : b * n + a) * ruleBits + ruleIndex)
      stats.pairs++
      return true
    }
    for (const blocks of blocksByParty.values()) for (const [blockKey, members] of blocks) {
      const size = members.length
      if (size < 2) continue
      stats.blocks++
      if (size > stats.largestBlock) stats.largestBlock = size
      if (probe !== undefined && !members.some(probe)) continue
      if (size <= maxBlockSize) {
        for (let p = 0; p < size; p++) for (let q = p + 1; q < size; q++) add(members[p]!, members[q]!)
        continue
      }
      members.sort((a, b) => (orderOf(a) < orderOf(b) ? -1 : orderOf(a) > orderOf(b) ? 1 : a - b))
      let pairs = 0
      for (let p = 0; p < size; p++) {
        const end = Math.min(size, p + window + 1)
        for (let q = p + 1; q < end; q++) if (add(members[p]!, members[q]!)) pairs++
      }
      stats.cappedBlocks++
      capped.push({ rule: rule.name, key: maskText(blockKey), size, pairs })
    }
    statistics.push(stats)
    order.clear()
  })

  const codes = out.codes.subarray(0, out.length).sort()
  let unique = 0
  let previous = -1
  for (const code of codes) {
    const pair = Math.floor(code / ruleBits)
    if (pair !== previous) (codes[unique++] = code), (previous = pair)
  }
  const left = new Int32Array(unique)
  const right = new Int32Array(unique)
  const rule = new Uint8Array(unique)
  const newPairs = new Array<number>(rules.length).fill(0)
  for (let p = 0; p < unique; p++) {
    const code = codes[p]!
    const ruleIndex = code % ruleBits
    const pair = (code - ruleIndex) / ruleBits
    const i = Math.floor(pair / n)
    left[p] = i
    right[p] = pair - i * n
    rule[p] = ruleIndex
    newPairs[ruleIndex]!++
  }
  return {
    left,
    right,
    rule,
    rules: statistics.map((stats, index) => ({ ...stats, newPairs: newPairs[index]! })),
    capped: capped.sort((a, b) => b.size - a.size).slice(0, 20)
  }
}
