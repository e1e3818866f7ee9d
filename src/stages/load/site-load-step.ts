import { createHash } from "node:crypto"
import { Effect, Stream } from "effect"
import { sql } from "kysely"
import { chunkStep } from "../../batch/chunk-step.ts"
import type { Step } from "../../batch/step.ts"
import { Database } from "../../db/database.ts"
import type { Reject } from "../../domain/reject.ts"
import { writeRejects } from "../../runs/run-ledger.ts"
import type { RecordSource, SourceError, SourceRecord } from "../../sources/record-source.ts"
import { LoadCheckpoint, type LoadError, type LoadRequirements } from "./load-step.ts"
import { existing, type SiteTable } from "./site-tables.ts"

export interface SiteLoadOptions<A> {
  readonly name: string
  readonly source: Effect.Effect<RecordSource, SourceError, LoadRequirements>
  readonly table: SiteTable<A>
  readonly chunkSize: number
  /** The nightly run's load: rows an earlier load took unchanged are left alone (counted `unchanged`). */
  readonly onlyChanged: boolean
}

const rowFingerprint = (row: unknown) => createHash("md5").update(JSON.stringify(row)).digest("hex")

/** The rows whose export row is the one an earlier load took (see export_fingerprints). */
const unchangedRows = (table: string, fingerprints: ReadonlyMap<number, string>, runId: string) =>
  Effect.flatMap(Effect.service(Database), ({ query }) =>
    fingerprints.size === 0 ? Effect.succeed(new Set<number>()) : query(`read the ${table} an earlier load took`, (db) =>
      sql<{ key: string }>`
        SELECT f.key FROM export_fingerprints AS f
        JOIN json_to_recordset(${JSON.stringify([...fingerprints].map(([key, fingerprint]) => ({ key, fingerprint })))}::json)
          AS r(key bigint, fingerprint text) ON r.key = f.key AND r.fingerprint = f.fingerprint
        WHERE f.export = ${table} AND f.load_run_id <> ${runId}`.execute(db)).pipe(
      Effect.map((result) => new Set(result.rows.map((row) => Number(row.key))))
    ))

/** Which of `keys` this load already wrote: a later duplicate of the export, refused (VAL-3), not an update. */
const writtenByThisLoad = (table: string, keys: ReadonlyArray<number>, runId: string) =>
  Effect.flatMap(Effect.service(Database), ({ query }) =>
    keys.length === 0 ? Effect.succeed(new Set<number>()) : query(`read the ${table} this load wrote`, (db) =>
      sql<{ key: string }>`
        SELECT key FROM export_fingerprints
        WHERE export = ${table} AND load_run_id = ${runId} AND key = ANY(${keys.map(String)}::bigint[])`.execute(db)).pipe(
      Effect.map((result) => new Set(result.rows.map((row) => Number(row.key))))
    ))

/** Remembers the export rows this load wrote, so a later night leaves them alone while they are unchanged. */
const rememberRows = (table: string, rows: ReadonlyArray<readonly [number, string]>, runId: string) =>
  Effect.flatMap(Effect.service(Database), ({ query }) =>
    rows.length === 0 ? Effect.void : query(`remember the ${table} loaded`, (db) =>
      sql`
        INSERT INTO export_fingerprints (export, key, fingerprint, load_run_id)
        SELECT ${table}, r.key, r.fingerprint, ${runId}
        FROM json_to_recordset(${JSON.stringify(rows.map(([key, fingerprint]) => ({ key, fingerprint })))}::json) AS r(key bigint, fingerprint text)
        ON CONFLICT (export, key) DO UPDATE SET fingerprint = excluded.fingerprint, load_run_id = excluded.load_run_id`.execute(db)).pipe(Effect.asVoid))

/**
 * Loads one of the customers' tables (sites, site uses, activity) in committed chunks: each row validated,
 * then written unless its parent is missing or its key already loaded — the nightly load (`onlyChanged`)
 * updates a changed row of a key staging holds instead; every row ends loaded or rejected with its line,
 * field and reason (VAL-1). A restart skips the chunks that committed.
 */
export const siteLoadStep = <A>(options: SiteLoadOptions<A>): Step<LoadError, LoadRequirements> => {
  const { table } = options
  let sourceName = ""
  return chunkStep<ReadonlyArray<SourceRecord>, ReadonlyArray<SourceRecord>, typeof LoadCheckpoint.Type, SourceError, LoadRequirements>({
    name: options.name,
    unit: "records",
    checkpoint: LoadCheckpoint,
    start: { chunkSize: options.chunkSize, chunks: 0 },
    read: (from) =>
      Stream.unwrap(Effect.map(options.source, (source) => {
        sourceName = source.name
        return source.records.pipe(
          Stream.grouped(from.chunkSize),
          Stream.drop(from.chunks),
          Stream.zipWithIndex,
          Stream.map(([records, index]) => ({
            items: records,
            checkpoint: { chunkSize: from.chunkSize, chunks: from.chunks + index + 1 },
            fraction: source.progress()
          }))
        )
      })),
    process: (records) => Effect.succeed(records),
    write: (records, { runId }) =>
      Effect.gen(function*() {
        const { query } = yield* Database
        const rejects: Array<Reject> = []
        const valid: Array<{ line: number; row: A }> = []
        const firstLine = new Map<number, number>()
        for (const record of records) {
          if (record._tag === "Malformed") {
            rejects.push({ source: sourceName, line: record.line, customerNumber: "", field: "", reason: record.reason, rule: "VAL-8" })
            continue
          }
          const validated = table.validate(record.values, { source: sourceName, line: record.line })
          if (!validated.ok) {
            rejects.push(...validated.rejects)
            continue
          }
          const key = table.key(validated.value)
          const first = firstLine.get(key)
          if (first !== undefined) {
            rejects.push({
              source: sourceName,
              line: record.line,
              customerNumber: "",
              field: table.keyColumn,
              reason: `${table.record} ${key} already appears on line ${first}; a later duplicate is rejected`,
              rule: "VAL-3"
            })
            continue
          }
          firstLine.set(key, record.line)
          valid.push({ line: record.line, row: validated.value })
        }
        const fingerprints = new Map(valid.map(({ row }) => [table.key(row), rowFingerprint(row)]))
        const unchanged = options.onlyChanged ? yield* unchangedRows(table.table, fingerprints, runId) : new Set<number>()
        const rows = valid.flatMap((item) => unchanged.has(table.key(item.row)) ? [] : [item.row])
        const before = yield* query(`read the ${table.table} already loaded`, (db) => existing(db, table.storedIn ?? table.table, table.keyColumn, rows.map(table.key)))
        const parents = yield* query(`read the parents of the ${table.table}`, (db) =>
          existing(db, table.parentTable, table.parentColumn, [...new Set(rows.map(table.parent))]))
        const inserted = new Set(rows.length === 0 ? [] : yield* query(`write ${table.table}`, (db) => table.insert(db, rows)))
        // The nightly load updates a changed row staging holds; a plain load refuses its key (VAL-3).
        const again = options.onlyChanged ? yield* writtenByThisLoad(table.table, [...before], runId) : new Set<number>()
        const changed = options.onlyChanged ? rows.filter((row) => before.has(table.key(row)) && !again.has(table.key(row))) : []
        const updated = new Set(changed.length === 0 ? [] : yield* query(`update ${table.table}`, (db) => table.update(db, changed)))
        const written = new Set([...inserted, ...updated])
        if (options.onlyChanged) yield* rememberRows(table.table, [...written].map((key) => [key, fingerprints.get(key)!] as const), runId)
        for (const { line, row } of valid) {
          const key = table.key(row)
          if (written.has(key) || unchanged.has(key)) continue
          const reason = before.has(key) && (!options.onlyChanged || again.has(key))
            ? { field: table.keyColumn, rule: "VAL-3", reason: `${table.record} ${key} is already in the staging database` }
            : !parents.has(table.parent(row))
            ? { field: table.parentColumn, rule: "VAL-1", reason: `${table.parentRecord} ${table.parent(row)} is not in the staging database` }
            : before.has(key)
            ? { field: table.refusedUpdate.field, rule: table.refusedUpdate.rule, reason: table.refusedUpdate.reason(row) }
            : { field: "location", rule: "MRG-4", reason: `the location is already taken for this use type and operating unit of the customer` }
          rejects.push({ source: sourceName, line, customerNumber: "", ...reason })
        }
        rejects.sort((a, b) => a.line - b.line)
        yield* writeRejects(runId, JSON.stringify(rejects))
        const rejectedLines = new Set(rejects.map((reject) => reject.line))
        return {
          read: records.length,
          written: written.size,
          rejected: rejectedLines.size,
          failed: 0,
          outcomes: (unchanged.size === 0 ? {} : { unchanged: unchanged.size }) as Record<string, number>
        }
      })
  })
}
