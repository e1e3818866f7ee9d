// What a load writes, as COPY's text: the columns of the staging tables and each record's line. No SQL
// here, so the thread that reads an export can encode its records without loading the query builder.
import { type Customer, customerFields, type ProfileData } from "../domain/customer.ts"
import { copyLine, copyValue } from "./copy-text.ts"

export const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)

const columns = [...customerFields, "loadRunId" as const]

/** The customers columns a load writes, in the order of its COPY lines. */
export const customerColumns = columns.map(snake)

/** The profile data columns a load writes, in the order of its COPY lines. */
export const profileColumns = ["customer_number", "profile_description", "value", "load_run_id"]

/** What a load writes besides the export's values: its run, and for the initial export the sync flag. */
export interface LoadStamp {
  readonly runId: string
  /** SYNC-2: the initial bulk export flags every customer it loads. */
  readonly flagForSync: boolean
}

/**
 * Turns customers into their COPY lines, stamped with the load. The function is generated once per load
 * from the Customer schema's fields: one expression reading each field by name, where a loop over the
 * field names would look every field up by a key that changes at each step, which costs twice as much.
 * The values are joined as one array: adding them up would make some eighty string pieces per customer
 * for the collector, and flattening them costs more than the join. Profiles name it by its sourceURL.
 */
export const customerCopyLines = (stamp: LoadStamp): (customer: Customer) => string => {
  const terms = columns.map((name) => {
    if (!/^[A-Za-z]\w*$/.test(name)) throw new Error(`Customer field ${name} is not a plain identifier`)
    if (name === "loadRunId") return JSON.stringify(copyValue(stamp.runId))
    if (name === "syncFlag" && stamp.flagForSync) return JSON.stringify("Y")
    return `value(customer.${name})`
  })
  const line = new Function(
    "value",
    "customer",
    `return [${terms.join(", ")}].join("\\t") + "\\n"\n//# sourceURL=generated/customer-copy-line`
  )
  return (customer) => line(copyValue, customer)
}

/** The key of a customer's profile row: customer numbers hold no space. */
export const profileKey = (customerNumber: number | string, profileDescription: string) =>
  `${customerNumber} ${profileDescription}`

/** A profile row's COPY line, stamped with the load's run. */
export const profileCopyLine = (runId: string, row: ProfileData) =>
  copyLine([row.customerNumber, row.profileDescription, row.value, runId])

