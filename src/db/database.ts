import { PGlite } from "@electric-sql/pglite"
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect, type Transaction } from "kysely"
import { mkdirSync } from "node:fs"
import pg from "pg"
import { Context, Effect, Exit, Layer, Redacted, Schema } from "effect"
import { migrateToLatest } from "./migrate.ts"
import type { Tables } from "./tables.ts"

export class DatabaseError extends Schema.TaggedError<DatabaseError>()("DatabaseError", {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.Defect()
}) {}

export type Dialect = "pglite" | "postgres"

/** Runs one Kysely call as an Effect; `operation` names it in the error. */
export type Query = <A>(operation: string, f: (db: Kysely<Tables>) => Promise<A>) => Effect.Effect<A, DatabaseError>

const queryOn = (db: Kysely<Tables>): Query => (operation, f) =>
  Effect.tryPromise({
    try: () => f(db),
    catch: (cause) =>
      new DatabaseError({
        operation,
        message: `${operation} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
        cause
      })
  })

export class Database extends Context.Service<Database, {
  readonly dialect: Dialect
  readonly query: Query
  /** Runs `f` in one transaction: committed when it succeeds, rolled back when it fails or is interrupted. */
  readonly transaction: <A, E, R>(
    operation: string,
    f: (query: Query) => Effect.Effect<A, E, R>
  ) => Effect.Effect<A, E | DatabaseError, R>
}>()("orce-sync/db/Database") {}

const make = Effect.fnUntraced(function*(dialect: Dialect, open: () => Kysely<Tables>, schema?: string) {
  const kysely = yield* Effect.acquireRelease(
    Effect.sync(open),
    (db) => Effect.promise(() => db.destroy())
  )
  const query = queryOn(kysely)
  yield* query("migrate", (db) => migrateToLatest(db, schema))

  const transaction = <A, E, R>(operation: string, f: (query: Query) => Effect.Effect<A, E, R>) =>
    Effect.acquireUseRelease(
      query(`${operation} (begin)`, (db) => db.startTransaction().execute()),
      (trx) => f(queryOn(trx as Transaction<Tables>)),
      (trx, exit) =>
        Exit.isSuccess(exit)
          ? query(`${operation} (commit)`, () => trx.commit().execute()).pipe(Effect.orDie)
          : query(`${operation} (rollback)`, () => trx.rollback().execute()).pipe(Effect.ignore)
    )

  return Database.of({ dialect, query, transaction })
})

/** The embedded default: PGlite in `dataDir`, or in memory when no directory is given (tests). */
export const layerPglite = (dataDir?: string) =>
  Layer.effect(
    Database,
    Effect.gen(function*() {
      const pglite = yield* Effect.tryPromise({
        try: async () => {
          if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true })
          return PGlite.create(dataDir === undefined ? undefined : dataDir)
        },
        catch: (cause) =>
          new DatabaseError({
            operation: "open",
            message: `Cannot open the embedded database in ${dataDir ?? "memory"}: ${String(cause)}`,
            cause
          })
      })
      return yield* make("pglite", () => new Kysely<Tables>({ dialect: new PGliteDialect({ pglite }), plugins }))
    })
  )

/**
 * PostgreSQL through pg. `schema` (tests) puts every table in that schema, created when missing, so one
 * server can hold many isolated staging databases.
 */
export const layerPostgres = (url: Redacted.Redacted<string>, options: { readonly schema?: string } = {}) =>
  Layer.effect(
    Database,
    Effect.gen(function*() {
      if (options.schema !== undefined) {
        const admin = new pg.Client({ connectionString: Redacted.value(url) })
        yield* Effect.tryPromise({
          try: async () => {
            await admin.connect()
            try {
              await admin.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`)
            } finally {
              await admin.end()
            }
          },
          catch: (cause) =>
            new DatabaseError({
              operation: "connect",
              // The URL can hold a password: never put it in a message (REL-4).
              message: `Cannot connect to PostgreSQL: ${cause instanceof Error ? cause.message : String(cause)}`,
              cause
            })
        })
      }
      const pool = new pg.Pool({
        connectionString: Redacted.value(url),
        max: 8,
        ...(options.schema === undefined ? {} : { options: `-c search_path="${options.schema}"` })
      })
      return yield* make(
        "postgres",
        () => new Kysely<Tables>({ dialect: new PostgresDialect({ pool }), plugins }),
        options.schema
      )
    })
  )

// Keys inside jsonb values (settings by key, counts) are data, not column names: they stay as written.
const plugins = [new CamelCasePlugin({ maintainNestedObjectKeys: true })]

/**
 * A read connection to another PostgreSQL database (an OACS export), closed with the scope. No migrations:
 * orce-sync only reads there.
 */
export const openSourceDatabase = (url: Redacted.Redacted<string>) =>
  Effect.acquireRelease(
    Effect.sync(() =>
      new Kysely<Tables>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: Redacted.value(url), max: 2 }) }), plugins })
    ),
    (db) => Effect.promise(() => db.destroy())
  ).pipe(Effect.map(queryOn))
