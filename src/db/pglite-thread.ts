import type { QueryOptions, Results } from "@electric-sql/pglite"
import { Worker } from "node:worker_threads"
import type { Reply, Request, WireError, WireOptions, WorkerData } from "./pglite-thread-worker.ts"

/**
 * PGlite's query options that can cross to the worker: its parsers, serializers and onNotice are functions
 * and cannot.
 */
export type ThreadQueryOptions = Pick<QueryOptions, "rowMode" | "paramTypes"> & {
  /** Input of `COPY … FROM '/dev/blob'`. A string is cheapest: it crosses as it is and becomes a Blob in the worker. */
  readonly blob?: Blob | string | undefined
}

/** PGlite's Transaction, as far as kysely and this project use it. */
export interface ThreadTransaction {
  query<T = Record<string, any>>(sql: string, params?: unknown[], options?: ThreadQueryOptions): Promise<Results<T>>
  exec(sql: string, options?: ThreadQueryOptions): Promise<Results[]>
  rollback(): Promise<void>
  readonly closed: boolean
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
type ReplyValue = Extract<Reply, { type: "ok" }>["value"]
type QueryContext = { readonly params?: unknown[]; readonly queryOptions?: ThreadQueryOptions }
type Pending = {
  readonly resolve: (value: ReplyValue) => void
  readonly reject: (error: unknown) => void
  readonly context?: QueryContext
}

const wireOptions = (options: ThreadQueryOptions | undefined): WireOptions => {
  if (options === undefined) return {}
  for (const name of ["parsers", "serializers", "onNotice"]) {
    if (name in options) throw new Error(`PGliteThread: the query option ${name} holds functions, which cannot cross to the worker`)
  }
  return { rowMode: options.rowMode, paramTypes: options.paramTypes, blob: options.blob }
}

/** Rebuilds the worker's error with all its fields, so callers can test `code` ('23505', '25P02', …) as before. */
const toError = ({ message, ...fields }: WireError, context: QueryContext | undefined): Error =>
  // PGlite adds the query's params and options to its database errors (those carry `query`).
  Object.assign(new Error(message), fields, "query" in fields ? context : undefined)

/** A fresh Error each time: callers such as kysely append to the stack of the error they receive. */
const again = (failure: Error) => new Error(failure.message, { cause: failure })

/**
 * PGlite running in a worker thread: the main thread only posts queries and receives their results, while the
 * database work runs on another core. A drop-in for PGlite as kysely's `PGliteDialect` and Migrator use it.
 */
export class PGliteThread {
  /** Resolves once the database is open; rejects when it cannot be. */
  readonly waitReady: Promise<void>
  readonly #worker: Worker
  readonly #pending = new Map<number, Pending>()
  #nextId = 1
  #nextTransaction = 1
  #ready = false
  #closed = false
  #closing: Promise<void> | undefined
  /** Why the worker cannot answer any more (crashed, failed to start, closed): later requests fail with it. */
  #failure: Error | undefined

  /** `dataDir` undefined: in memory. */
  static async create(dataDir?: string): Promise<PGliteThread> {
    const db = new PGliteThread(dataDir)
    await db.waitReady
    return db
  }

  private constructor(dataDir: string | undefined) {
    this.#worker = new Worker(new URL("./pglite-thread-worker.ts", import.meta.url), {
      name: "pglite",
      workerData: { dataDir } satisfies WorkerData
    })
    this.#worker.on("message", (reply: Reply) => this.#settle(reply))
    // Emscripten sometimes throws strings, not Errors.
    this.#worker.on("error", (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error)
      this.#fail(new Error(`The PGlite worker crashed: ${message}`, { cause: error }))
    })
    this.#worker.on("exit", (code) => this.#fail(new Error(`The PGlite worker exited unexpectedly (exit code ${code})`)))
    // Request 0 is the startup; while it is pending the worker is referenced like for any request.
    const started = new Promise<ReplyValue>((resolve, reject) => this.#pending.set(0, { resolve, reject }))
    this.waitReady = started.then(
      () => {
        this.#ready = true
      },
      async (cause: unknown) => {
        const message = cause instanceof Error ? cause.message : String(cause)
        const failure = new Error(`Cannot open the PGlite database in ${dataDir ?? "memory"}: ${message}`, { cause })
        this.#fail(failure)
        await this.#worker.terminate()
        throw failure
      }
    )
    // Whoever constructs awaits waitReady; this only keeps an unobserved failure from crashing the process.
    this.waitReady.catch(() => {})
  }

  get ready(): boolean {
    return this.#ready && this.#failure === undefined
  }

  get closed(): boolean {
    return this.#closed
  }

  async query<T = Record<string, any>>(sql: string, params: unknown[] = [], options?: ThreadQueryOptions): Promise<Results<T>> {
    return this.#query(undefined, sql, params, options)
  }

  /** Runs one or more statements without parameters (the simple query protocol). */
  async exec(sql: string, options?: ThreadQueryOptions): Promise<Results[]> {
    return this.#exec(undefined, sql, options)
  }

  /**
   * Runs `callback` in one transaction: committed when it resolves (unless `tx.rollback()` was called), rolled
   * back when it rejects. Queries from outside it wait until it ends, as with PGlite itself.
   */
  async transaction<T>(callback: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    const id = this.#nextTransaction++
    // Not awaited: the worker holds the transaction's requests until it is open, which spares a round trip.
    const begun = this.#request({ type: "begin", tx: id })
    begun.catch(() => {})
    let closed = false
    const open = () => {
      if (closed) throw new Error("Transaction is closed")
    }
    const tx: ThreadTransaction = {
      query: async (sql, params = [], options) => {
        open()
        return this.#query(id, sql, params, options)
      },
      exec: async (sql, options) => {
        open()
        return this.#exec(id, sql, options)
      },
      rollback: async () => {
        open()
        await this.#request({ type: "rollback", tx: id })
        closed = true
      },
      get closed() {
        return closed
      }
    }
    let value: T
    try {
      value = await callback(tx)
      await begun
    } catch (error) {
      // A transaction that never opened is the news, whatever its queries then said.
      await begun
      closed = true
      // The callback's failure is the news: a failed ROLLBACK or a dead worker would only hide it.
      await this.#request({ type: "end", tx: id, commit: false }).catch(() => {})
      throw error
    }
    closed = true
    await this.#request({ type: "end", tx: id, commit: true })
    return value
  }

  /**
   * Closes PGlite inside the worker (after the queries already sent), leaving the data directory consistent,
   * then ends the worker. Resolves at once when the worker has already died.
   */
  close(): Promise<void> {
    this.#closing ??= this.#shutDown()
    return this.#closing
  }

  async #shutDown(): Promise<void> {
    const closing = this.#failure === undefined ? this.#request({ type: "close" }) : undefined
    this.#failure ??= new Error("PGlite is closed")
    try {
      await closing
    } finally {
      this.#closed = true
      await this.#worker.terminate()
    }
  }

  #query<T>(tx: number | undefined, sql: string, params: unknown[], queryOptions: ThreadQueryOptions | undefined) {
    const options = wireOptions(queryOptions)
    return this.#request({ type: "query", tx, sql, params, options }, { params, queryOptions }) as Promise<Results<T>>
  }

  #exec(tx: number | undefined, sql: string, queryOptions: ThreadQueryOptions | undefined) {
    const options = wireOptions(queryOptions)
    return this.#request({ type: "exec", tx, sql, options }, { queryOptions }) as Promise<Results[]>
  }

  // Posting is synchronous, so requests reach the worker in the order they were made.
  #request(body: DistributiveOmit<Request, "id">, context?: QueryContext): Promise<ReplyValue> {
    if (this.#failure !== undefined) return Promise.reject(again(this.#failure))
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      // Throws when a parameter cannot be cloned (a function, say): then nothing was sent.
      this.#worker.postMessage({ ...body, id } satisfies Request)
      if (this.#pending.size === 0) this.#worker.ref()
      this.#pending.set(id, { resolve, reject, ...(context === undefined ? {} : { context }) })
    })
  }

  #settle(reply: Reply): void {
    const pending = this.#pending.get(reply.id)
    if (pending === undefined) return
    this.#pending.delete(reply.id)
    // An idle worker must not keep the process alive, as an idle PGlite would not.
    if (this.#pending.size === 0) this.#worker.unref()
    if (reply.type === "ok") pending.resolve(reply.value)
    else pending.reject(toError(reply.error, pending.context))
  }

  #fail(failure: Error): void {
    this.#failure ??= failure
    for (const pending of this.#pending.values()) pending.reject(again(failure))
    this.#pending.clear()
  }
}
