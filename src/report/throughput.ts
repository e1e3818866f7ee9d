import { sql } from "kysely"
import { Effect } from "effect"
import { Database } from "../db/database.ts"

export interface ThroughputPoint {
  readonly chunk: number
  /** Seconds from the start of the run to the commit of this chunk. */
  readonly seconds: number
  /** Customers committed up to and including this chunk. */
  readonly customers: number
  /** Customers per second since the point before (the start, for the first point). */
  readonly customersPerSecond: number | null
}

export interface Throughput {
  readonly chunks: number
  readonly customers: number
  /** Over the whole run: customers ÷ duration. */
  readonly customersPerSecond: number | null
  readonly points: ReadonlyArray<ThroughputPoint>
}

/**
 * The most points the series holds. A run with more chunks is sampled (every k-th chunk and the last),
 * so a run of a million customers in tiny chunks still gives a report of bounded size.
 */
export const maxThroughputPoints = 500

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits

const rate = (customers: number, seconds: number) => seconds > 0 ? round(customers / seconds, 2) : null

/** The run's committed chunks as a series over time, read sampled from the database. */
export const readThroughput = Effect.fnUntraced(function*(
  runId: string,
  startedAt: Date,
  durationSeconds: number | null
) {
  const { query } = yield* Database
  // Window functions keep the sampling in the database: only the sampled rows travel.
  const rows = yield* query("read throughput", (db) =>
    db.selectFrom((eb) =>
      eb.selectFrom("runChunks")
        .select([
          "chunk",
          "committedAt",
          sql<number>`sum(customers) over (order by chunk)::integer`.as("cumulative"),
          sql<number>`(row_number() over (order by chunk))::integer`.as("ordinal"),
          sql<number>`(count(*) over ())::integer`.as("chunks")
        ])
        .where("runId", "=", runId)
        .as("series")
    )
      .selectAll()
      .where(sql<boolean>`ordinal % ceil(chunks / ${maxThroughputPoints}::numeric)::integer = 0 or ordinal = chunks`)
      .orderBy("chunk")
      .execute())

  const points: Array<ThroughputPoint> = []
  let before = { seconds: 0, customers: 0 }
  for (const row of rows) {
    const seconds = round((new Date(row.committedAt).getTime() - startedAt.getTime()) / 1000, 3)
    const customers = Number(row.cumulative)
    points.push({ chunk: row.chunk, seconds, customers, customersPerSecond: rate(customers - before.customers, seconds - before.seconds) })
    before = { seconds, customers }
  }
  const last = rows[rows.length - 1]
  const customers = last === undefined ? 0 : Number(last.cumulative)
  return {
    chunks: last === undefined ? 0 : Number(last.chunks),
    customers,
    customersPerSecond: durationSeconds === null ? null : rate(customers, durationSeconds),
    points
  } satisfies Throughput
})
