import { createHash } from "node:crypto"
import type { Customer } from "../../domain/customer.ts"

/** Every field dedupe reads when it normalises a customer (normalise.ts), and the status that puts it in or out. */
export const fingerprintFields = [
  "partyType", "prefix", "firstName", "middleInitial", "lastName", "suffix", "company",
  "street", "apartment", "address2", "address3", "address4", "city", "state", "postalCode", "country",
  "email", "dayPhone", "eveningPhone", "thirdPhone", "birthMonth", "birthDay"
] as const satisfies ReadonlyArray<keyof Customer>

/**
 * A digest of what dedupe compares of a customer: an incremental run compares only the customers whose
 * digest is new or differs from the one saved by the run before. Taken from the values as loaded, not from
 * load_run_id, which every load rewrites, changed or not. An md5 of the fields each followed by U+001F, so
 * that the database computes the same digest (db/dedupe-keys.ts) and finds the changed customers itself.
 */
export const fingerprint = (customer: Customer): string => {
  const hash = createHash("md5")
  for (const field of fingerprintFields) hash.update(`${customer[field] ?? ""}\u001f`)
  return hash.digest("hex")
}
