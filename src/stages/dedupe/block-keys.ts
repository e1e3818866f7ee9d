import type { BlockingRule } from "./blocking.ts"
import type { MatchRecord } from "./normalise.ts"

/** FNV-1a over the UTF-16 code units, as a signed 32-bit integer (PostgreSQL's integer). */
const hash32 = (text: string): number => {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash | 0
}

/**
 * The blocks a record is filed under, each as a hash of rule, party type (DUP-6) and key: what a run saves
 * per customer so that a later one finds the customers sharing a block with a changed one by an indexed
 * lookup. Two keys with one hash only bring an extra customer into the lookup; blocking itself compares keys.
 */
export const blockKeyHashes = (record: MatchRecord, rules: ReadonlyArray<BlockingRule>): Array<number> => {
  const hashes = new Set<number>()
  rules.forEach((rule, r) => {
    for (const key of rule.keys(record)) hashes.add(hash32(`${r}\u001f${record.partyType}\u001f${key}`))
  })
  return [...hashes].sort((a, b) => a - b)
}
