import { Effect, Fiber } from "effect"
import { AppSettings } from "../../config/app-settings.ts"
import {
  countFlaggedCustomers,
  readFlaggedCustomers,
  readProfiles,
  refreshCustomerStatistics
} from "../../db/customers.ts"
import { Database, type DatabaseError } from "../../db/database.ts"
import type { ProfileData } from "../../domain/customer.ts"
import type { Outcome } from "../../domain/outcome.ts"
import { MockOrceState } from "../../orce/mock-state.ts"
import { type ChunkCheckpoint, writeBack } from "../write-back/write-back.ts"
import { noOutcomes, type OutcomeCounts } from "./sync-counts.ts"
import { type SyncResult, syncCustomer } from "./sync-customer.ts"

export interface SyncStepOptions {
  readonly runId: string
  /** Where to continue: after the last committed chunk of this run (resume), or from the start. */
  readonly from: ChunkCheckpoint
  /**
   * SYNC-12: an earlier attempt may have reached ORCE — the chunks in flight at a crash (`chunksInFlight`
   * after the checkpoint), or every chunk of an unfinished run.
   */
  readonly mayHaveReachedOrce: "chunks-in-flight" | "every-chunk" | "no"
  /** After each committed chunk: the outcomes so far, the customers done and how many the run started with. */
  readonly onChunk?: (counts: OutcomeCounts, customers: number, total: number) => void
}


/**
 * Chunks a run can have between its checkpoint and ORCE: the one whose write-back is committing and the one
 * ORCE is working on. A resumed run treats that many chunks after its checkpoint as possibly sent (SYNC-12).
 */
export const chunksInFlight = 2

/**
 * The SYNCRDB step: flagged customers in chunks (read → match/map/sync concurrently → write back). Each
 * chunk commits with its checkpoint in one transaction, in order; the in-process mock's state is saved just
 * before. While ORCE works on one chunk, the database reads the next and commits the one before, so the
 * database's work overlaps ORCE's. An interruption rolls back the chunk in flight; a resumed run redoes it
 * safely (SYNC-12).
 */
export const syncStep = Effect.fn("syncStep")(function*(options: SyncStepOptions) {
  const settings = yield* AppSettings
  const database = yield* Database
  const mockState = yield* MockOrceState
  const counts: Record<Outcome, number> = { ...noOutcomes }
  let customers = 0
  let requests = 0
  let checkpoint = options.from
  yield* refreshCustomerStatistics(database.query)
  const total = options.onChunk === undefined ? 0 : yield* countFlaggedCustomers(database.query, checkpoint.lastCustomerNumber)

  const readChunk = (after: number) =>
    Effect.gen(function*() {
      const { customers: chunk, deferredBefore } = yield* readFlaggedCustomers(database.query, after, settings.chunkSize)
      const profiles = new Map<number, Array<ProfileData>>()
      if (settings.sendProfileData === "Y" && chunk.length > 0) {
        for (const row of yield* readProfiles(database.query, chunk.map((customer) => customer.customerNumber))) {
          profiles.set(row.customerNumber, [...(profiles.get(row.customerNumber) ?? []), row])
        }
      }
      return { chunk, profiles, deferredBefore }
    })

  const commitChunk = (results: ReadonlyArray<SyncResult>, next: ChunkCheckpoint) =>
    database.transaction("commit chunk", (query, copy) => writeBack(query, copy, options.runId, results, next)).pipe(
      Effect.tap(() =>
        Effect.sync(() => {
          for (const result of results) {
            counts[result.outcome]++
            requests += result.requests
          }
          customers += results.length
          options.onChunk?.(counts, customers, total)
        })
      ),
      Effect.tap(() =>
        Effect.logDebug("chunk synchronized").pipe(
          Effect.annotateLogs({ runId: options.runId, chunk: next.chunk, customers: results.length })
        )
      )
    )

  let current = yield* readChunk(checkpoint.lastCustomerNumber)
  let committing: Fiber.Fiber<void, DatabaseError> | undefined
  for (let chunksDone = 0; current.chunk.length > 0; chunksDone++) {
    const { chunk, profiles, deferredBefore } = current
    const next = { chunk: checkpoint.chunk + 1, lastCustomerNumber: chunk[chunk.length - 1]!.customerNumber }
    // Started at once, so the query is on its way before ORCE's answers take the event loop.
    const reading = yield* Effect.forkChild(readChunk(next.lastCustomerNumber), { startImmediately: true })
    const wholeChunk = options.mayHaveReachedOrce === "every-chunk" ||
      (options.mayHaveReachedOrce === "chunks-in-flight" && chunksDone < chunksInFlight)
    // SYNC_CONCURRENCY workers take the chunk's customers in turn: a fiber per worker, not per customer.
    const results = new Array<SyncResult>(chunk.length)
    let taken = 0
    const worker = Effect.whileLoop({
      while: () => taken < chunk.length,
      body: () => {
        const index = taken++
        const customer = chunk[index]!
        return syncCustomer(customer, {
          settings,
          profile: profiles.get(customer.customerNumber) ?? [],
          mayHaveReachedOrce: wholeChunk || deferredBefore.has(customer.customerNumber)
        }).pipe(Effect.map((result) => (results[index] = result)))
      },
      step: () => {}
    })
    yield* Effect.all(Array.from({ length: Math.min(settings.syncConcurrency, chunk.length) }, () => worker), {
      concurrency: "unbounded",
      discard: true
    })
    if (committing !== undefined) yield* Fiber.join(committing)
    yield* mockState.save
    committing = yield* Effect.forkChild(commitChunk(results, next), { startImmediately: true })
    checkpoint = next
    current = yield* Fiber.join(reading)
  }
  if (committing !== undefined) yield* Fiber.join(committing)
  return { counts, customers, requests, checkpoint }
})
