import type { OrcePhone } from "../../domain/orce-customer.ts"

// An extension written into the number itself ("555-1234 x12", "ext. 12", "#12"); its digits must not
// become part of the number (MAP-7: extensions are never sent).
const extension = /\s*(?:x|ext\.?|extension|#)\s*\d*\s*$/i
const nonDigit = /\D/g

/** MAP-7: the number without formatting or extension; "" when nothing dialable is left. */
export const phoneDigits = (raw: string): string => raw.replace(extension, "").replace(nonDigit, "")

/**
 * The ORCE phone of one type that OACS reads: the primary one of that type, else the first (ORCE allows
 * several numbers per type; OACS has one slot per type).
 */
export const phoneOfType = (
  phones: ReadonlyArray<OrcePhone> | undefined,
  type: string
): OrcePhone | undefined => {
  if (phones === undefined) return undefined
  let first: OrcePhone | undefined
  for (const phone of phones) {
    if (phone.type !== type) continue
    if (phone.primary) return phone
    first ??= phone
  }
  return first
}
