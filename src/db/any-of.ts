import { sql } from "kysely"

/**
 * `column = ANY(values)`: one array parameter, where `IN (…)` would bind one parameter per value. A merge set
 * names thousands of customers, site uses and requests; a list that long costs more to parse and bind than
 * the statement takes to run, and a statement has at most 65,535 parameters.
 */
export const anyOf = (column: string, values: ReadonlyArray<number>, type: "integer" | "bigint" = "integer") =>
  sql<boolean>`${sql.ref(column)} = ANY(${values.map(String)}::${sql.raw(type)}[])`

/**
 * `column IN (SELECT unnest(values))`: the same test as `anyOf`, but the planner sees a list of about that many
 * values to look up one by one. With `= ANY` it prices each value's index lookup high and reads a big table
 * whole instead, testing every row against the list: the sites of a merge set's two thousand customers took
 * a scan of every site.
 */
export const inValues = (column: string, values: ReadonlyArray<number>, type: "integer" | "bigint" = "integer") =>
  sql<boolean>`${sql.ref(column)} IN (SELECT unnest(${values.map(String)}::${sql.raw(type)}[]))`
