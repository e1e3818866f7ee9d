import type { PGlite } from "@electric-sql/pglite"
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect } from "kysely"
import { mkdirSync } from "node:fs"
import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import pg from "pg"
import { from as copyFromStdin } from "pg-copy-streams"
import { Context, Effect, Exit, Layer, Redacted, Schema } from "effect"
import { migrateToLatest } from "./migrate.ts"
import { PGliteThread, type ThreadTransaction } from "./pglite-thread.ts"
import type { Tables } from "./tables.ts"

export class DatabaseError extends Schema.TaggedError<DatabaseError>()("DatabaseError", {
  operation: Schema.String,
  message: Schema.String,
  /** PostgreSQL's SQLSTATE, when the server refused the statement (23505: unique violation). */
  code: Schema.optional(Schema.String),
  cause: Schema.Defect()
}) {}

const sqlState = (cause: unknown): string | undefined => {
  const code = (cause as { code?: unknown } | undefined)?.code
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined
}

const databaseError = (operation: string, cause: unknown) => {
  const code = sqlState(cause)
  return new DatabaseError({
    operation,
    message: `${operation} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    ...(code === undefined ? {} : { code }),
    cause
  })
}

export type Dialect = "pglite" | "postgres"

/** Runs one Kysely call as an Effect; `operation` names it in the error. */
export type Query = <A>(operation: string, f: (db: Kysely<Tables>) => Promise<A>) => Effect.Effect<A, DatabaseError>

const queryOn = (db: Kysely<Tables>): Query => (operation, f) =>
  Effect.tryPromise({ try: () => f(db), catch: (cause) => databaseError(operation, cause) })

/**
 * Writes rows into `table` with COPY … FROM, in the caller's transaction: `rows` yields pieces of COPY's
 * text format (see copy-text.ts), as text or UTF-8. Many times faster than an INSERT for a chunk of new
 * rows. PostgreSQL takes each piece as it arrives, so the server stores one piece while the next is sent.
 */
export type Copy = (
  operation: string,
  table: string,
  columns: ReadonlyArray<string>,
  rows: Iterable<string | Uint8Array>
) => Effect.Effect<void, DatabaseError>

/** One open transaction on one connection: Kysely over it, COPY over it, and its end. */
interface Session {
  readonly db: Kysely<Tables>
  readonly copy: (sql: string, rows: Iterable<string | Uint8Array>) => Promise<void>
  readonly end: (commit: boolean) => Promise<void>
}

export class Database extends Context.Service<Database, {
  readonly dialect: Dialect
  readonly query: Query
  /** Runs `f` in one transaction: committed when it succeeds, rolled back when it fails or is interrupted. */
  readonly transaction: <A, E, R>(
    operation: string,
    f: (query: Query, copy: Copy) => Effect.Effect<A, E, R>
  ) => Effect.Effect<A, E | DatabaseError, R>
}>()("orce-sync/db/Database") {}

const make = Effect.fnUntraced(function*(
  dialect: Dialect,
  open: () => Kysely<Tables>,
  begin: () => Promise<Session>,
  schema?: string
) {
  const kysely = yield* Effect.acquireRelease(
    Effect.sync(open),
    (db) => Effect.promise(() => db.destroy())
  )
  const query = queryOn(kysely)
  yield* query("migrate", (db) => migrateToLatest(db, schema))

  const transaction = <A, E, R>(operation: string, f: (query: Query, copy: Copy) => Effect.Effect<A, E, R>) =>
    Effect.acquireUseRelease(
      Effect.tryPromise({ try: begin, catch: (cause) => databaseError(`${operation} (begin)`, cause) }),
      (session) =>
        f(queryOn(session.db), (copyOperation, table, columns, rows) =>
          Effect.tryPromise({
            try: () => session.copy(`COPY ${table} (${columns.join(", ")}) FROM `, rows),
            catch: (cause) => databaseError(copyOperation, cause)
          })),
      (session, exit) =>
        Exit.isSuccess(exit)
          ? Effect.tryPromise({ try: () => session.end(true), catch: (cause) => databaseError(`${operation} (commit)`, cause) })
            .pipe(Effect.orDie)
          : Effect.promise(() => session.end(false).catch(() => undefined))
    )

  return Database.of({ dialect, query, transaction })
})

/**
 * A PGlite transaction held open until `end`: PGlite's own transaction keeps every other query waiting, and
 * COPY reads its rows from the `/dev/blob` PGlite offers in place of STDIN.
 */
const beginPglite = (pglite: PGliteThread) =>
  new Promise<Session>((resolve, reject) => {
    let finish: (commit: boolean) => void = () => {}
    const ended = new Promise<boolean>((resolveEnd) => (finish = resolveEnd))
    const done = pglite.transaction(async (tx) => {
      resolve({
        db: new Kysely<Tables>({ dialect: new PGliteDialect({ pglite: asPglite(tx) }), plugins }),
        copy: async (sql, rows) => {
          const pieces = [...rows]
          const blob = pieces.every((piece) => typeof piece === "string") ? pieces.join("") : new Blob(pieces as Array<BlobPart>)
          await tx.query(`${sql}'/dev/blob'`, [], { blob })
        },
        end: async (commit) => {
          finish(commit)
          await done
        }
      })
      if (!(await ended)) await tx.rollback()
    })
    done.catch(reject)
  })

/** Kysely's PGlite dialect over one transaction: it only ever queries it. */
const asPglite = (tx: ThreadTransaction) =>
  ({ query: tx.query.bind(tx), ready: true, closed: false, waitReady: Promise.resolve(), close: async () => {} }) as
    unknown as PGlite

/**
 * The embedded default: PGlite in `dataDir`, or in memory when no directory is given (tests). PGlite runs in
 * a worker thread, so the database's work takes the second core while this thread talks to ORCE.
 */
export const layerPglite = (dataDir?: string) =>
  Layer.effect(
    Database,
    Effect.gen(function*() {
      const pglite = yield* Effect.tryPromise({
        try: async () => {
          if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true })
          return PGliteThread.create(dataDir)
        },
        catch: (cause) =>
          new DatabaseError({
            operation: "open",
            message: `Cannot open the embedded database in ${dataDir ?? "memory"}: ${
              cause instanceof Error ? cause.message : String(cause)
            }`,
            cause
          })
      })
      return yield* make(
        "pglite",
        () => new Kysely<Tables>({ dialect: new PGliteDialect({ pglite }), plugins }),
        () => beginPglite(pglite)
      )
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
        () => beginPostgres(pool),
        options.schema
      )
    })
  )

/** A transaction on a connection of its own from the pool, released when it ends. */
const beginPostgres = async (pool: pg.Pool): Promise<Session> => {
  const client = await pool.connect()
  try {
    await client.query("BEGIN")
  } catch (error) {
    client.release(true)
    throw error
  }
  // Kysely over this one connection: its queries belong to the transaction, and releasing is ours to do.
  const pinned = { connect: async () => ({ query: client.query.bind(client), release: () => {} }), end: async () => {} }
  return {
    db: new Kysely<Tables>({ dialect: new PostgresDialect({ pool: pinned as unknown as pg.Pool }), plugins }),
    copy: (sql, rows) => pipeline(Readable.from(rows), client.query(copyFromStdin(`${sql}STDIN`))),
    end: async (commit) => {
      try {
        const result = await client.query(commit ? "COMMIT" : "ROLLBACK")
        // PostgreSQL answers COMMIT with ROLLBACK when an earlier statement left the transaction aborted.
        if (commit && result.command === "ROLLBACK") throw new Error("the transaction was aborted and rolled back")
        client.release()
      } catch (error) {
        client.release(true)
        throw error
      }
    }
  }
}

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
