import { sql } from "kysely"

/**
 * A reject's customer number is the raw text read, so it may be no number at all. Rejects sort by it as a
 * number when it is one (next to the synchronized customer of that number), after all numbered records
 * when it is not; then by source and line. "C" collation: PGlite and a PostgreSQL server sort text alike.
 */
const isNumber = sql`customer_number ~ '^[0-9]{1,9}$'`

/** 0 for a customer number that is a number, 1 for one that is not. */
export const rejectNotNumbered = sql<number>`(case when ${isNumber} then 0 else 1 end)`

/** The customer number as a number, 0 when it is not one. */
export const rejectNumber = sql<number>`(case when ${isNumber} then customer_number::integer else 0 end)`

export const sourceInOrder = sql<string>`source collate "C"`

export const fieldInOrder = sql<string>`field collate "C"`
