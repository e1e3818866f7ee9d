import { sql } from "kysely"

/**
 * `column = ANY(values)`: one array parameter, where `IN (…)` would bind one parameter per value. A merge set
 * names thousands of customers, site uses and requests; a list that long costs more to parse and bind than
 * the statement takes to run, and a statement has at most 65,535 parameters.
 */
export const anyOf = (column: string, values: ReadonlyArray<number>, type: "integer" | "bigint" = "integer") =>
  sql<boolean>`${sql.ref(column)} = ANY(${values.map(String)}::${sql.raw(type)}[])`
