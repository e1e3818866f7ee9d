import type { AlternateKey, OrceCustomerMessage } from "../src/domain/orce-customer.ts"
import { compareText } from "./compare-text.ts"

/**
 * MOCK-2: what a new customer's ID is derived from, read from the create request alone, never from when it
 * arrived. An alternate key before the rest of the content, so a customer keeps its ID across replays whose
 * other fields differ: the OROMS alt key, else the WEB alt key, else the first alt key of the message (types
 * configured under other names). A message without alt keys is identified by its whole content.
 */
export interface IdSource {
  /** Names the customer; hashed into its candidate IDs. */
  readonly text: string
  /** An OROMS customer number, which has an ID of its own that no other source can take (customer-ids.ts). */
  readonly customerNumber?: number
}

const oromsKeyType = "OROMS_ID"
const keyTypesByPreference = [oromsKeyType, "WEB_ID"]
/** Up to 11 digits with no leading zero: "42" and "042" are two alt keys, so they must not share a number. */
const customerNumberPattern = /^(?:0|[1-9][0-9]{0,10})$/

const identifyingKey = (keys: ReadonlyArray<AlternateKey>): AlternateKey | undefined => {
  for (const type of keyTypesByPreference) {
    const key = keys.find((candidate) => candidate.type === type)
    if (key !== undefined) return key
  }
  return keys[0]
}

/** JSON with sorted object keys, so the same content reads the same whichever order its fields came in. */
const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`
  if (value === null || typeof value !== "object") return JSON.stringify(value)
  const fields = Object.entries(value)
    .filter(([, field]) => field !== undefined)
    .sort(([a], [b]) => compareText(a, b))
  return `{${fields.map(([name, field]) => `${JSON.stringify(name)}:${canonicalJson(field)}`).join(",")}}`
}

export const idSourceOf = (message: OrceCustomerMessage): IdSource => {
  const key = identifyingKey(message.alternateKeys ?? [])
  if (key === undefined) return { text: `content\u0000${canonicalJson(message)}` }
  const text = `alt-key\u0000${key.type}\u0000${key.value}`
  return key.type === oromsKeyType && customerNumberPattern.test(key.value) ? { text, customerNumber: Number(key.value) } : { text }
}
