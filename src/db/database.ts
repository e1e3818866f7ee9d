import type { PGlite } from "@electric-sql/pglite"
import { CamelCasePlugin, type ControlledTransaction, Kysely, PGliteDialect, PostgresDialect } from "kysely"
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

/** One open transaction on one connection: Kysely's controlled transaction over it, and COPY over it. */
interface Session {
  readonly trx: ControlledTransaction<Tables, Array<string>>
  readonly copy: (sql: string, rows: Iterable<string | Uint8Array>) => Promise<void>
  /** Gives the connection back once the transaction has ended, committed or not. */
  readonly release: (failed: boolean) => void
}

/** The transaction the current fiber works in, set by `Database.transaction` for the effect it runs. */
interface OpenTransaction {
  readonly session: Session
  /** Savepoints made so far in it, for their names. */
  savepoints: number
}

const CurrentTransaction = Context.Reference<OpenTransaction | undefined>("orce-sync/db/CurrentTransaction", {
  defaultValue: () => undefined
})

export class Database extends Context.Service<Database, {
  readonly dialect: Dialect
  /**
   * Runs one Kysely call: in the transaction of the surrounding `transaction` when there is one, so a stage
   * asks for the database and, inside a chunk, gets the chunk's transaction.
   */
  readonly query: Query
  /** COPY into a table, in the surrounding transaction; outside one, in a transaction of its own. */
  readonly copy: Copy
  /**
   * Runs `effect` in one transaction: committed when it succeeds, rolled back when it fails or is
   * interrupted; a failing commit is a DatabaseError. Inside another transaction it is a savepoint, rolled
   * back to on failure, so the outer transaction goes on.
   */
  readonly transaction: <A, E, R>(operation: string, effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | DatabaseError, R>
}>()("orce-sync/db/Database") {}

const promise = <A>(operation: string, f: () => Promise<A>) =>
  Effect.tryPromise({ try: f, catch: (cause) => databaseError(operation, cause) })

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
  const onPool = queryOn(kysely)
  yield* onPool("migrate", (db) => migrateToLatest(db, schema))

  const query: Query = (operation, f) =>
    Effect.flatMap(Effect.service(CurrentTransaction), (open) => open === undefined ? onPool(operation, f) : promise(operation, () => f(open.session.trx)))

  const topLevel = <A, E, R>(operation: string, effect: Effect.Effect<A, E, R>) =>
    Effect.uninterruptibleMask((restore) =>
      Effect.gen(function*() {
        const session: Session = yield* promise(`${operation} (begin)`, begin)
        const exit = yield* Effect.exit(restore(Effect.provideService(effect, CurrentTransaction, { session, savepoints: 0 })))
        if (Exit.isSuccess(exit)) {
          const committed = yield* Effect.exit(promise(`${operation} (commit)`, () => session.trx.commit().execute()))
          session.release(Exit.isFailure(committed))
          if (Exit.isFailure(committed)) return yield* Effect.failCause(committed.cause)
          return exit.value
        }
        // The failure of the work is the news: a failing ROLLBACK would only hide it.
        const rolledBack = yield* Effect.exit(Effect.promise(() => session.trx.rollback().execute()))
        session.release(Exit.isFailure(rolledBack))
        return yield* exit
      })
    )

  const savepoint = <A, E, R>(operation: string, open: OpenTransaction, effect: Effect.Effect<A, E, R>) =>
    Effect.uninterruptibleMask((restore) =>
      Effect.gen(function*() {
        const name = `sp_${++open.savepoints}`
        const { trx } = open.session
        yield* promise(`${operation} (savepoint)`, () => trx.savepoint(name).execute())
        const exit = yield* Effect.exit(restore(effect))
        if (Exit.isSuccess(exit)) {
          yield* promise(`${operation} (release savepoint)`, () => trx.releaseSavepoint(name).execute())
          return exit.value
        }
        yield* promise(`${operation} (rollback to savepoint)`, () => trx.rollbackToSavepoint(name).execute())
        return yield* exit
      })
    )

  const transaction = <A, E, R>(operation: string, effect: Effect.Effect<A, E, R>) =>
    Effect.flatMap(Effect.service(CurrentTransaction), (open): Effect.Effect<A, E | DatabaseError, R> =>
      open === undefined ? topLevel(operation, effect) : savepoint(operation, open, effect))

  const copyIn = (open: OpenTransaction): Copy => (operation, table, columns, rows) =>
    promise(operation, () => open.session.copy(`COPY ${table} (${columns.join(", ")}) FROM `, rows))

  const copy: Copy = (operation, table, columns, rows) =>
    Effect.flatMap(Effect.service(CurrentTransaction), (open) =>
      open === undefined
        ? transaction(operation, Effect.flatMap(Effect.service(CurrentTransaction), (inner) => copyIn(inner!)(operation, table, columns, rows)))
        : copyIn(open)(operation, table, columns, rows))

  return Database.of({ dialect, query, copy, transaction })
})

/**
 * A PGlite transaction as Kysely's controlled transaction: Kysely's PGlite dialect opens it through PGlite's own
 * `transaction`, which keeps every other query waiting, and hands us that transaction too, for COPY, which
 * reads its rows from the `/dev/blob` PGlite offers in place of STDIN.
 */
const beginPglite = async (pglite: PGliteThread): Promise<Session> => {
  let open: ThreadTransaction | undefined
  const withCopy = {
    query: pglite.query.bind(pglite),
    transaction: <T>(callback: (tx: ThreadTransaction) => Promise<T>) =>
      pglite.transaction((tx) => {
        open = tx
        return callback(tx)
      }),
    get ready() {
      return pglite.ready
    },
    get closed() {
      return pglite.closed
    },
    waitReady: pglite.waitReady,
    close: async () => {}
  }
  const db = new Kysely<Tables>({ dialect: new PGliteDialect({ pglite: withCopy as unknown as PGlite }), plugins })
  const trx = await db.startTransaction().execute()
  return {
    trx,
    copy: async (sql, rows) => {
      const pieces = [...rows]
      const blob = pieces.every((piece) => typeof piece === "string") ? pieces.join("") : new Blob(pieces as Array<BlobPart>)
      await open!.query(`${sql}'/dev/blob'`, [], { blob })
    },
    release: () => {}
  }
}

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
  // Kysely over this one connection: its queries belong to the transaction, and releasing is ours to do.
  const pinned = { connect: async () => ({ query: client.query.bind(client), release: () => {} }), end: async () => {} }
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: pinned as unknown as pg.Pool }), plugins })
  try {
    return {
      trx: await db.startTransaction().execute(),
      copy: (sql, rows) => pipeline(Readable.from(rows), client.query(copyFromStdin(`${sql}STDIN`))),
      // A connection whose transaction could not end cleanly is not given to anyone else.
      release: (failed) => client.release(failed)
    }
  } catch (error) {
    client.release(true)
    throw error
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
