import { createWriteStream, type WriteStream } from "node:fs"

/**
 * MOCK-5: every request and its answer. Kept in memory as a journal (for the admin API and tests) and, when a
 * path is given, appended to an NDJSON file one line per exchange so a run can be inspected and replayed.
 */

export interface TrafficEntry {
  /** Request number, from 1, in arrival order; also the fault plan's draw number. */
  readonly sequence: number
  readonly method: string
  readonly path: string
  readonly status: number
  readonly requestBody: unknown
  readonly responseBody: unknown
  /** ISO timestamp of arrival. */
  readonly started: string
  readonly durationMs: number
  readonly fault?: string
  /** The Customer Services operation; requestBody and responseBody then hold what the store took and answered. */
  readonly operation?: string
  /** The SOAP messages as they went over the wire, for a replay. */
  readonly requestXml?: string
  readonly responseXml?: string
  /** Every customer ID the exchange was about: in the path, the request body or the answer. */
  readonly customerIds: ReadonlyArray<string>
}

export interface TrafficLogOptions {
  /** NDJSON file to append to; none keeps the journal in memory only. */
  readonly path?: string
  /** Journal entries kept in memory; the oldest are dropped beyond this, call counts are kept regardless. */
  readonly journalLimit?: number
}

export class TrafficLog {
  readonly #journal: Array<TrafficEntry> = []
  readonly #journalLimit: number
  readonly #counts = new Map<string, number>()
  readonly #file: WriteStream | undefined
  #sequence = 0
  #closing: Promise<void> | undefined
  /** Why the NDJSON file stopped being written, if it did. */
  writeError: Error | undefined

  constructor(options: TrafficLogOptions = {}) {
    this.#journalLimit = options.journalLimit ?? 10_000
    this.#file = options.path === undefined ? undefined : createWriteStream(options.path, { flags: "a" })
    // A failing disk must not take the mock down with an unhandled 'error' event: writing stops, `writeError` says why.
    this.#file?.on("error", (error) => {
      this.writeError ??= error
      this.#closing ??= Promise.resolve()
    })
  }

  nextSequence(): number {
    return ++this.#sequence
  }

  record(entry: TrafficEntry): void {
    this.#journal.push(entry)
    // Trimmed in batches: a splice per request would cost a shift of the whole journal each time.
    if (this.#journal.length >= this.#journalLimit * 2) this.#journal.splice(0, this.#journal.length - this.#journalLimit)
    for (const customerId of new Set(entry.customerIds)) {
      const key = `${entry.operation ?? entry.method} ${customerId}`
      this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1)
    }
    // An exchange that ends after the log was closed (a held request released by the stop) is kept in memory only.
    if (this.#closing === undefined) this.#file?.write(JSON.stringify(entry) + "\n")
  }

  journal(): ReadonlyArray<TrafficEntry> {
    const excess = this.#journal.length - this.#journalLimit
    return excess > 0 ? this.#journal.slice(excess) : this.#journal
  }

  /** Requests of this operation (e.g. addOrUpdateCustomer) about this customer ID, e.g. to prove no customer was sent twice. */
  countCalls(operation: string, customerId: string): number {
    return this.#counts.get(`${operation} ${customerId}`) ?? 0
  }

  /** Also restarts the numbering, so a reset mock draws the same faults again. */
  clear(): void {
    this.#journal.length = 0
    this.#counts.clear()
    this.#sequence = 0
  }

  /** Flushes the NDJSON file; the journal stays readable. Safe to call more than once; never rejects. */
  close(): Promise<void> {
    const file = this.#file
    if (file === undefined) return Promise.resolve()
    this.#closing ??= new Promise((resolve) =>
      file.end((error?: Error | null) => {
        if (error) this.writeError ??= error
        resolve()
      })
    )
    return this.#closing
  }
}
