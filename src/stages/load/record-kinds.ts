import { Effect } from "effect"
import { encodeCustomers, type EncodedCustomers, upsertProfiles, writeCustomers } from "../../db/customers.ts"
import type { Customer, ProfileData } from "../../domain/customer.ts"
import { type ReferenceData, validateCustomerRow, validateProfileRow } from "../validate/index.ts"
import type { RecordKind } from "./load-file.ts"

/** `flagForSync`: the initial export's load flags every customer it writes (SYNC-2). */
export const customerRecords = (
  reference: ReferenceData,
  flagForSync: boolean
): RecordKind<Customer, EncodedCustomers> => ({
  validate: (values, at) => validateCustomerRow(values, at, reference),
  key: (customer) => String(customer.customerNumber),
  duplicate: (customer, firstLine) => ({
    customerNumber: String(customer.customerNumber),
    field: "customer_number",
    rule: "VAL-3",
    reason: `customer number ${customer.customerNumber} already appears on line ${firstLine}; a later duplicate is rejected`
  }),
  encode: (runId, customers) => encodeCustomers({ runId, flagForSync }, customers),
  write: (query, copy, chunk) => writeCustomers(query, copy, chunk).pipe(Effect.map((numbers) => numbers.map(String))),
  notWritten: (customer) => ({
    customerNumber: String(customer.customerNumber),
    field: "customer_number",
    rule: "VAL-3",
    reason: `customer number ${customer.customerNumber} already appears earlier in this load; a later duplicate is rejected`
  })
})

const profileKey = (row: Pick<ProfileData, "customerNumber" | "profileDescription">) =>
  `${row.customerNumber}\u0000${row.profileDescription}`

export const profileRecords: RecordKind<ProfileData, { runId: string; rows: ReadonlyArray<ProfileData> }> = {
  validate: validateProfileRow,
  key: profileKey,
  duplicate: (row, firstLine) => ({
    customerNumber: String(row.customerNumber),
    field: "profile_description",
    rule: "VAL-3",
    reason: `profile ${row.profileDescription} of customer ${row.customerNumber} already appears on line ${firstLine}`
  }),
  encode: (runId, rows) => ({ runId, rows }),
  write: (query, _copy, { runId, rows }) =>
    upsertProfiles(query, runId, rows).pipe(Effect.map((written) => written.map(profileKey))),
  notWritten: (row) => ({
    customerNumber: String(row.customerNumber),
    field: "customer_number",
    rule: "VAL-1",
    reason: `customer ${row.customerNumber} is not in the staging database, or its profile ` +
      `${row.profileDescription} already appears earlier in this load`
  })
}
