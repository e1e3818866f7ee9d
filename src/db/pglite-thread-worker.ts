/**
 * The worker half of PGliteThread: owns the PGlite instance and answers the main thread's requests.
 * Node loads it natively, even under vitest. pglite-thread.ts imports only its types: importing a value would
 * run this module on the main thread.
 */
import { PGlite, type QueryOptions, type Results, type RowMode, type Transaction } from "@electric-sql/pglite"
import { inspect } from "node:util"
import { parentPort, workerData } from "node:worker_threads"

/** Query options that can cross the thread boundary (PGlite's parsers, serializers and onNotice are functions). */
export type WireOptions = {
  readonly rowMode?: RowMode | undefined
  readonly paramTypes?: number[] | undefined
  /** COPY … FROM '/dev/blob' input: a string is wrapped in a Blob here, a Blob is cloned across as it is. */
  readonly blob?: string | Blob | undefined
}

/** `tx`: the transaction to run in, numbered by the main thread at `begin`; absent outside transactions. */
export type Request =
  | { readonly type: "query"; readonly id: number; readonly tx?: number; readonly sql: string; readonly params: unknown[]; readonly options: WireOptions }
  | { readonly type: "exec"; readonly id: number; readonly tx?: number; readonly sql: string; readonly options: WireOptions }
  | { readonly type: "begin"; readonly id: number; readonly tx: number }
  | { readonly type: "rollback"; readonly id: number; readonly tx: number }
  | { readonly type: "end"; readonly id: number; readonly tx: number; readonly commit: boolean }
  | { readonly type: "close"; readonly id: number }

/** Every primitive field of the thrown value (a DatabaseError's code, detail, constraint, …). */
export type WireError = { readonly message: string; readonly [field: string]: string | number | undefined }

/** Request 0 is the startup: answered once PGlite is open, or with the reason it could not be opened. */
export type Reply =
  | { readonly type: "ok"; readonly id: number; readonly value: Results | Results[] | undefined }
  | { readonly type: "error"; readonly id: number; readonly error: WireError }

export type WorkerData = { readonly dataDir: string | undefined }

const port = parentPort
if (port === null) throw new Error("pglite-thread-worker.ts must be started as a worker thread")

const toWire = (error: unknown): WireError => {
  if (typeof error !== "object" || error === null) return { message: String(error) }
  const fields: Record<string, string | number | undefined> = {}
  for (const [key, value] of Object.entries(error)) {
    if (value === undefined || typeof value === "string" || typeof value === "number") fields[key] = value
  }
  if (error instanceof Error) return { ...fields, name: error.name, message: error.message }
  // Emscripten's ErrnoError (e.g. a data directory that is a file) is no Error and has no message.
  return { ...fields, message: inspect(error, { breakLength: Infinity }) }
}

const fail = (id: number, error: unknown) => port.postMessage({ type: "error", id, error: toWire(error) } satisfies Reply)

const reply = (id: number, settled: Promise<Results | Results[] | undefined>) =>
  settled.then((value) => {
    try {
      port.postMessage({ type: "ok", id, value } satisfies Reply)
    } catch (error) {
      fail(id, error)
    }
  }, (error: unknown) => fail(id, error))

type OpenTransaction = { readonly tx: Transaction; readonly end: (commit: boolean) => void; readonly done: Promise<void> }
/** By number, from the moment `begin` arrives: requests for a transaction still opening wait for it. */
const transactions = new Map<number, Promise<OpenTransaction>>()
const rollbackSignal = Symbol("rollback")

/**
 * Opens PGlite's own transaction and holds it until `end`: while it is open PGlite's mutex keeps every query
 * from outside it waiting, exactly as for a caller on the main thread.
 */
const begin = (pglite: PGlite, id: number): Promise<undefined> => {
  const opened = Promise.withResolvers<OpenTransaction>()
  const ended = Promise.withResolvers<boolean>()
  transactions.set(id, opened.promise)
  const done: Promise<void> = pglite
    .transaction(async (tx) => {
      opened.resolve({ tx, end: ended.resolve, done })
      if (!(await ended.promise)) throw rollbackSignal
    })
    .catch((error: unknown) => {
      if (error !== rollbackSignal) throw error
    })
    .finally(() => transactions.delete(id))
  // A transaction that could not open fails the requests already waiting for it with the reason.
  done.catch((error: unknown) => opened.reject(error))
  return opened.promise.then(() => undefined)
}

const transaction = (id: number): Promise<OpenTransaction> =>
  transactions.get(id) ?? Promise.reject(new Error("Transaction is closed"))

const queryOptions = ({ rowMode, paramTypes, blob }: WireOptions): QueryOptions => ({
  rowMode,
  paramTypes,
  blob: typeof blob === "string" ? new Blob([blob]) : blob
})

// Each request reaches PGlite in arrival order (those of a transaction still opening wait for it together, in
// order); PGlite's mutexes then run them in that order.
const handle = async (pglite: PGlite, request: Request): Promise<Results | Results[] | undefined> => {
  switch (request.type) {
    case "query":
      return (request.tx === undefined ? pglite : (await transaction(request.tx)).tx)
        .query(request.sql, request.params, queryOptions(request.options))
    case "exec":
      return (request.tx === undefined ? pglite : (await transaction(request.tx)).tx)
        .exec(request.sql, queryOptions(request.options))
    case "begin":
      return begin(pglite, request.tx)
    case "rollback":
      return (await transaction(request.tx)).tx.rollback().then(() => undefined)
    case "end": {
      const open = await transaction(request.tx)
      open.end(request.commit)
      return open.done.then(() => undefined)
    }
    case "close":
      return pglite.close().then(() => undefined)
  }
}

const { dataDir } = workerData as WorkerData
try {
  const pglite = await PGlite.create(dataDir)
  port.on("message", (request: Request) => void reply(request.id, handle(pglite, request)))
  void reply(0, Promise.resolve(undefined))
} catch (error) {
  // No listener was added: once this reply is out the worker has nothing left to do and ends.
  fail(0, error)
}
