import { layer, type Vitest } from "@effect/vitest"
import { describe } from "vitest"
import { Effect, Layer, Redacted } from "effect"
import { sql } from "kysely"
import pg from "pg"
import { Database, layerPglite, layerPostgres } from "../../src/db/database.ts"
import { type ChunkPreparer, chunkPreparerLayer } from "../../src/stages/load/chunk-preparer.ts"

/** Where the PostgreSQL tests find their server; without it they are skipped (and .ci/run fails). */
export const postgresUrl = process.env.ORCE_SYNC_TEST_DATABASE_URL

let schemas = 0
const schemaName = () => `test_${process.pid}_${Date.now().toString(36)}_${schemas++}`

export interface TestDialect {
  readonly name: "pglite" | "postgres"
  readonly layer: () => Layer.Layer<Database, unknown>
}

export const testDialects: ReadonlyArray<TestDialect> = [
  { name: "pglite", layer: () => layerPglite() },
  { name: "postgres", layer: () => postgresTestLayer(Redacted.make(postgresUrl ?? "")) }
]

/** A schema of its own for one block of tests, dropped when the block ends. */
const postgresTestLayer = (url: Redacted.Redacted<string>) => {
  const schema = schemaName()
  const dropSchema = Effect.promise(async () => {
    const client = new pg.Client({ connectionString: Redacted.value(url) })
    await client.connect()
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => client.end())
  }).pipe(Effect.ignore)
  return Layer.merge(layerPostgres(url, { schema }), Layer.effectDiscard(Effect.addFinalizer(() => dropSchema)))
}

/**
 * Runs a block of database tests once per dialect. Each block shares one database (a PGlite instance
 * takes seconds to start; a PostgreSQL block gets a schema of its own) and the threads loads read their
 * files on; tests call `resetDatabase` first.
 */
export const forEachDialect = (
  title: string,
  body: (it: Vitest.MethodsNonLive<Database | ChunkPreparer>, dialect: TestDialect) => void
) => {
  for (const dialect of testDialects) {
    const skip = dialect.name === "postgres" && postgresUrl === undefined
    const why = skip ? " (skipped: set ORCE_SYNC_TEST_DATABASE_URL to a PostgreSQL server, or run bash .ci/with-postgres npm test)" : ""
    describe.skipIf(skip)(`${title} [${dialect.name}]${why}`, () => {
      layer(Layer.merge(dialect.layer(), chunkPreparerLayer), { timeout: 60_000 })((it) => body(it, dialect))
    })
  }
}

/** Empties every staging table, so each test starts from a clean database. */
export const resetDatabase = Effect.gen(function*() {
  const { query } = yield* Database
  yield* query("reset", (db) => sql`TRUNCATE export_fingerprints, order_decisions, dedupe_decisions, dedupe_review_pairs, dedupe_fingerprints, dedupe_term_counts, dedupe_block_keys, dedupe_cluster_members, dedupe_clusters, dedupe_models, merge_results, merge_sets, merge_batches, merge_request_sites, activity_origins, activity_rows, site_uses, sites, merge_requests, customer_profiles, customers, rejects, sync_outcomes, run_chunks, truncations, step_executions, orce_binding, runs RESTART IDENTITY`.execute(db))
})
