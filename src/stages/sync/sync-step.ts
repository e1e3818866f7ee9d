import { Effect } from "effect"
import { AppSettings } from "../../config/app-settings.ts"
import { countFlaggedCustomers, readFlaggedCustomers, readProfiles } from "../../db/customers.ts"
import { Database } from "../../db/database.ts"
import { readLastDeferred } from "../../db/outcomes.ts"
import type { ProfileData } from "../../domain/customer.ts"
import type { Outcome } from "../../domain/outcome.ts"
import { MockOrceState } from "../../orce/mock-state.ts"
import { type ChunkCheckpoint, writeBack } from "../write-back/write-back.ts"
import { noOutcomes, type OutcomeCounts } from "./sync-counts.ts"
import { syncCustomer } from "./sync-customer.ts"

export interface SyncStepOptions {
  readonly runId: string
  /** Where to continue: after the last committed chunk of this run (resume), or from the start. */
  readonly from: ChunkCheckpoint
  /** SYNC-12: an earlier attempt may have reached ORCE — the chunk in flight at a crash, or an unfinished run. */
  readonly mayHaveReachedOrce: "first-chunk" | "every-chunk" | "no"
  /** After each committed chunk: the outcomes so far, the customers done and how many the run started with. */
  readonly onChunk?: (counts: OutcomeCounts, customers: number, total: number) => void
}


/**
 * The SYNCRDB step: flagged customers in chunks (read → match/map/sync concurrently → write back). Each
 * chunk commits with its checkpoint in one transaction; the in-process mock's state is saved just before.
 * An interruption rolls back the chunk in flight; a resumed run redoes it safely (SYNC-12).
 */
export const syncStep = Effect.fn("syncStep")(function*(options: SyncStepOptions) {
  const settings = yield* AppSettings
  const database = yield* Database
  const mockState = yield* MockOrceState
  const counts: Record<Outcome, number> = { ...noOutcomes }
  let customers = 0
  let requests = 0
  let checkpoint = options.from
  const total = options.onChunk === undefined ? 0 : yield* countFlaggedCustomers(database.query, checkpoint.lastCustomerNumber)

  for (let first = true;; first = false) {
    const chunk = yield* readFlaggedCustomers(database.query, checkpoint.lastCustomerNumber, settings.chunkSize)
    if (chunk.length === 0) break
    const profiles = new Map<number, Array<ProfileData>>()
    if (settings.sendProfileData === "Y") {
      for (const row of yield* readProfiles(database.query, chunk.map((customer) => customer.customerNumber))) {
        profiles.set(row.customerNumber, [...(profiles.get(row.customerNumber) ?? []), row])
      }
    }
    const wholeChunk = options.mayHaveReachedOrce === "every-chunk" ||
      (options.mayHaveReachedOrce === "first-chunk" && first)
    const deferredBefore = wholeChunk
      ? new Set<number>()
      : yield* readLastDeferred(database.query, chunk.map((customer) => customer.customerNumber))
    const results = yield* Effect.forEach(
      chunk,
      (customer) =>
        syncCustomer(customer, {
          settings,
          profile: profiles.get(customer.customerNumber) ?? [],
          mayHaveReachedOrce: wholeChunk || deferredBefore.has(customer.customerNumber)
        }),
      { concurrency: settings.syncConcurrency }
    )
    const next = { chunk: checkpoint.chunk + 1, lastCustomerNumber: chunk[chunk.length - 1]!.customerNumber }
    yield* mockState.save
    yield* database.transaction("commit chunk", (query) => writeBack(query, options.runId, results, next))
    checkpoint = next
    for (const result of results) {
      counts[result.outcome]++
      requests += result.requests
    }
    customers += chunk.length
    options.onChunk?.(counts, customers, total)
    yield* Effect.logDebug("chunk synchronized").pipe(
      Effect.annotateLogs({ runId: options.runId, chunk: next.chunk, customers: chunk.length })
    )
  }
  return { counts, customers, requests, checkpoint }
})
