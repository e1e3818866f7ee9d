import { Effect } from "effect"
import { sql } from "kysely"
import { type Customer, customerFields } from "../domain/customer.ts"
import { fingerprintFields } from "../stages/dedupe/fingerprint.ts"
import type { CustomerKeys, Term, TermCounts } from "../stages/dedupe/saved-keys.ts"
import { snake } from "./copy-rows.ts"
import { copyLine } from "./copy-text.ts"
import { Database } from "./database.ts"


/** dedupe/fingerprint.ts's digest, computed by the database over the row of `customers AS c`. */
const fingerprintOfRow = sql.raw(`md5(${fingerprintFields.map((field) => `coalesce(c.${snake(field)}::text, '') || chr(31)`).join(" || ")})`)
const jsonFields = sql.raw(customerFields.map((name) => `c.${snake(name)} AS "${name}"`).join(", "))

/** The next page of active customers new or changed since the last run saw them (keyset pagination). */
const readChangedPage = (afterCustomerNumber: number, limit: number) =>
  Effect.flatMap(Effect.service(Database), ({ query }) => query("read new and changed customers", (db) =>
    sql<{ customers: Array<Customer> }>`
      WITH page AS (
        SELECT ${jsonFields} FROM customers AS c
        LEFT JOIN dedupe_fingerprints AS f ON f.customer_number = c.customer_number
        WHERE c.status = 'A' AND c.customer_number > ${afterCustomerNumber}
          AND (f.fingerprint IS NULL OR f.fingerprint <> ${fingerprintOfRow})
        ORDER BY c.customer_number
        LIMIT ${limit}
      )
      SELECT coalesce((SELECT json_agg(p ORDER BY p."customerNumber") FROM page AS p), '[]') AS customers`
      .execute(db).then((result) => result.rows[0]!.customers)))

/**
 * The active customers whose fingerprint is new or differs from the saved one, in customer-number order: the
 * database compares the digests, so an unchanged customer is never read out.
 */
export const readChangedCustomers = Effect.fnUntraced(function*(pageSize: number) {
  const customers: Array<Customer> = []
  let after = 0
  for (;;) {
    const page = yield* readChangedPage(after, pageSize)
    for (const customer of page) customers.push(customer)
    if (page.length < pageSize) return customers
    after = page[page.length - 1]!.customerNumber
  }
})

const inSlices = <A>(items: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))

/** The saved terms of these customers (what they added to the term counts), by number. */
export const readSavedTerms = (numbers: ReadonlyArray<number>) =>
  Effect.flatMap(Effect.service(Database), ({ query }) =>
    Effect.forEach(inSlices(numbers, 10_000), (slice) =>
      query("read saved terms", (db) =>
        db.selectFrom("dedupeFingerprints").select(["customerNumber", "terms"])
          .where(sql<boolean>`customer_number = ANY(${[...slice]}::integer[])`).execute()))).pipe(
      Effect.map((pages) => new Map(pages.flat().map((row) => [row.customerNumber, row.terms])))
    )

/** Saved customers no longer active (merged away, made inactive, gone): their keys leave tonight. */
export const readGoneCustomers = Effect.flatMap(Effect.service(Database), ({ query }) =>
  query("read customers no longer active", (db) =>
    sql<{ customerNumber: number; terms: ReadonlyArray<Term> }>`
      SELECT f.customer_number AS "customerNumber", f.terms FROM dedupe_fingerprints AS f
      WHERE NOT EXISTS (SELECT 1 FROM customers AS c WHERE c.customer_number = f.customer_number AND c.status = 'A')
      ORDER BY f.customer_number`
      .execute(db).then((result) => result.rows)))

/** The customers filed under any of these block-key hashes: index lookups, a slice of keys at a time. */
export const readCustomersSharingKeys = (hashes: ReadonlyArray<number>) =>
  Effect.flatMap(Effect.service(Database), ({ query }) =>
    Effect.forEach(inSlices(hashes, 10_000), (slice) =>
      query("read customers sharing a block", (db) =>
        db.selectFrom("dedupeBlockKeys").select("customerNumber").distinct()
          .where(sql<boolean>`hash = ANY(${[...slice]}::integer[])`).execute()))).pipe(
      Effect.map((pages) => [...new Set(pages.flat().map((row) => row.customerNumber))].sort((a, b) => a - b))
    )

/** The saved counts of these [comparison, value] terms and of each comparison's total (value ''). */
export const readTermCounts = (terms: ReadonlyArray<Term>) =>
  Effect.flatMap(Effect.service(Database), ({ query }) =>
    Effect.forEach(inSlices(terms, 10_000), (slice) =>
      query("read term counts", (db) =>
        sql<{ comparison: string; value: string; count: number }>`
          SELECT t.comparison, t.value, t.count FROM dedupe_term_counts AS t
          JOIN unnest(${slice.map((term) => term[0])}::text[], ${slice.map((term) => term[1])}::text[]) AS w (comparison, value)
            ON w.comparison = t.comparison AND w.value = t.value`
          .execute(db).then((result) => result.rows)))).pipe(
      Effect.map((pages) => {
        const counts = new Map<string, Map<string, number>>()
        for (const row of pages.flat()) {
          let table = counts.get(row.comparison)
          if (table === undefined) counts.set(row.comparison, (table = new Map()))
          table.set(row.value, row.count)
        }
        return counts
      })
    )

const keysLine = (keys: CustomerKeys, runId: string) =>
  copyLine([keys.customerNumber, keys.fingerprint, runId, `{${keys.blockKeys.join(",")}}`, JSON.stringify(keys.terms)])

const copyKeys = Effect.fnUntraced(function*(rows: ReadonlyArray<CustomerKeys>, runId: string) {
  const { copy } = yield* Database
  yield* copy("save dedupe keys", "dedupe_fingerprints", ["customer_number", "fingerprint", "run_id", "block_keys", "terms"], rows.map((row) => keysLine(row, runId)))
  yield* copy("save block keys", "dedupe_block_keys", ["hash", "customer_number"], blockKeyLines(rows))
})

function* blockKeyLines(rows: ReadonlyArray<CustomerKeys>) {
  for (const row of rows) for (const hash of row.blockKeys) yield `${hash}\t${row.customerNumber}\n`
}

/** Statistics for the planner after a full rewrite: without them it scans everyone for a lookup by key. */
const analyze = Effect.flatMap(Effect.service(Database), ({ query }) =>
  query("analyze the dedupe keys", (db) => sql`ANALYZE dedupe_fingerprints, dedupe_block_keys, dedupe_term_counts`.execute(db)))

/** A full run: every active customer's keys and all term counts, replacing what was saved. */
export const replaceDedupeKeys = Effect.fnUntraced(function*(
  rows: ReadonlyArray<CustomerKeys>,
  counts: TermCounts,
  runId: string
) {
  const { query, copy } = yield* Database
  yield* query("drop all dedupe keys", (db) => sql`TRUNCATE dedupe_fingerprints, dedupe_block_keys, dedupe_term_counts`.execute(db))
  yield* copyKeys(rows, runId)
  const lines: Array<string> = []
  for (const [comparison, values] of counts) for (const [value, count] of values) if (count > 0) lines.push(copyLine([comparison, value, count]))
  yield* copy("save term counts", "dedupe_term_counts", ["comparison", "value", "count"], lines)
  yield* analyze
})

/**
 * An incremental run: the keys of the changed customers replace theirs, those of customers no longer active
 * go, and each term count moves by what they changed (`deltas`: comparison → value → change).
 */
export const updateDedupeKeys = Effect.fnUntraced(function*(
  rows: ReadonlyArray<CustomerKeys>,
  gone: ReadonlyArray<number>,
  deltas: TermCounts,
  runId: string
) {
  const { query } = yield* Database
  const dropped = [...rows.map((row) => row.customerNumber), ...gone]
  for (const slice of inSlices(dropped, 10_000)) {
    yield* query("drop the block keys of changed and gone customers", (db) =>
      sql`
        DELETE FROM dedupe_block_keys AS b
        USING (SELECT unnest(block_keys) AS hash, customer_number FROM dedupe_fingerprints
               WHERE customer_number = ANY(${[...slice]}::integer[])) AS old
        WHERE b.hash = old.hash AND b.customer_number = old.customer_number`.execute(db))
    yield* query("drop changed and gone dedupe keys", (db) =>
      db.deleteFrom("dedupeFingerprints").where(sql<boolean>`customer_number = ANY(${[...slice]}::integer[])`).execute())
  }
  if (rows.length > 0) yield* copyKeys(rows, runId)
  const changes: Array<readonly [string, string, number]> = []
  for (const [comparison, values] of deltas) for (const [value, delta] of values) if (delta !== 0) changes.push([comparison, value, delta])
  for (const slice of inSlices(changes, 1_000)) {
    yield* query("adjust term counts", (db) =>
      db.insertInto("dedupeTermCounts")
        .values(slice.map(([comparison, value, count]) => ({ comparison, value, count })))
        .onConflict((oc) => oc.columns(["comparison", "value"]).doUpdateSet({ count: sql`dedupe_term_counts.count + excluded.count` }))
        .execute())
  }
  if (changes.length > 0) yield* query("drop term counts down to none", (db) => db.deleteFrom("dedupeTermCounts").where("count", "<=", 0).execute())
})
