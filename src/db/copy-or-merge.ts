import { Effect } from "effect"
import { type RawBuilder, sql } from "kysely"
import { Database, type DatabaseError } from "./database.ts"

/** The keys of a chunk's rows that the table did not take: none when COPY took the chunk whole. */
export type Refused = ReadonlyArray<string>

/** Where `copyOrMerge` writes a chunk. */
export interface CopyTarget {
  readonly table: string
  readonly columns: ReadonlyArray<string>
  /** The columns of the table's unique key. */
  readonly keyColumns: ReadonlyArray<string>
  /** A staged row's key as text, spelled as the caller keys its records, over the staged row `i`. */
  readonly key: RawBuilder<string>
  /** One INSERT … SELECT of the chunk staged in `incoming` into the table, without its RETURNING. */
  readonly insert: (incoming: RawBuilder<unknown>) => RawBuilder<unknown>
}

/** Bytes per piece of COPY text: PostgreSQL stores one piece while the next is sent. */
const copyPieceBytes = 256 * 1024

export function* copyPieces(rows: Uint8Array) {
  for (let start = 0; start < rows.length; start += copyPieceBytes) yield rows.subarray(start, start + copyPieceBytes)
}

/** PostgreSQL's codes for a row whose key the table already holds, or that names a row it does not hold. */
const stopsCopy: ReadonlySet<string | undefined> = new Set(["23505", "23503"])

/**
 * Writes a chunk of rows in COPY's text format (see copy-text.ts), as UTF-8, in the chunk's transaction.
 *
 * A chunk of new rows goes in with COPY, several times faster than any INSERT. COPY stops at the first
 * row whose key the table holds or that names a row it does not hold; then the chunk is copied into a
 * temporary table and merged from there with one statement, which decides row by row and returns the
 * keys of the rows it refused.
 */
export const copyOrMerge = (target: CopyTarget, rows: Uint8Array) =>
  Effect.gen(function*(): Effect.fn.Return<Refused, DatabaseError, Database> {
    const { copy, query, transaction } = yield* Database
    const operation = `write ${target.table}`
    // A savepoint: a COPY that stops leaves the chunk's transaction as it was before it.
    const copied = yield* transaction(operation, copy(operation, target.table, target.columns, copyPieces(rows))).pipe(
      Effect.as(true),
      Effect.catchIf((error) => stopsCopy.has(error.code), () => Effect.succeed(false))
    )
    if (copied) return []
    // Emptied when the transaction ends: a chunk is one transaction and merges once.
    const incoming = sql.raw(`incoming_${target.table}`)
    yield* query(operation, (db) =>
      sql`CREATE TEMPORARY TABLE IF NOT EXISTS ${incoming} (LIKE ${sql.raw(target.table)} INCLUDING DEFAULTS)
        ON COMMIT DELETE ROWS`.execute(db))
    yield* copy(operation, `incoming_${target.table}`, target.columns, copyPieces(rows))
    // Only the keys of the staged rows the insert did not write come back: few, where the rows written are
    // most of a chunk.
    const keys = sql.raw(target.keyColumns.join(", "))
    const sameKey = sql.raw(target.keyColumns.map((column) => `w.${column} = i.${column}`).join(" AND "))
    const refused = yield* query(operation, (db) =>
      sql<{ key: string }>`
        WITH written AS (${target.insert(incoming)} RETURNING ${keys})
        SELECT ${target.key} AS key FROM ${incoming} AS i
        WHERE NOT EXISTS (SELECT 1 FROM written AS w WHERE ${sameKey})`.execute(db))
    return refused.rows.map((row) => row.key)
  })
