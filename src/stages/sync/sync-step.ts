import { Effect, Option, Schema, Stream } from "effect"
import { type CheckpointError, chunksInFlight, chunkStep } from "../../batch/chunk-step.ts"
import type { ListenerError } from "../../batch/listeners.ts"
import type { Database, DatabaseError } from "../../db/database.ts"
import type { OrceClient } from "../../orce/client.ts"
import type { OrceUnauthorized } from "../../orce/errors.ts"
import { processItems } from "../../batch/items.ts"
import type { Step } from "../../batch/step.ts"
import { AppSettings } from "../../config/app-settings.ts"
import { countFlaggedCustomers, readFlaggedCustomers, readProfiles, refreshCustomerStatistics } from "../../db/customers.ts"
import type { Customer, ProfileData } from "../../domain/customer.ts"
import { outcomes } from "../../domain/outcome.ts"
import { getRun, lastSyncUnfinished } from "../../runs/run-ledger.ts"
import { writeBack } from "../write-back/write-back.ts"
import { dependentGroups } from "./dependent-customers.ts"
import { type SyncResult, syncCustomer } from "./sync-customer.ts"

/** Where the sync step is: after this customer number (keyset pagination over the flagged customers). */
export const SyncCheckpoint = Schema.Struct({ lastCustomerNumber: Schema.Int })

interface SyncChunk {
  readonly customers: ReadonlyArray<Customer>
  readonly profiles: ReadonlyMap<number, ReadonlyArray<ProfileData>>
  /** Customers whose latest outcome in an earlier run was `deferred` (SYNC-12 across runs). */
  readonly deferredBefore: ReadonlySet<number>
}

const readChunk = Effect.fnUntraced(function*(after: number, limit: number, sendProfileData: boolean) {
  const { customers, deferredBefore } = yield* readFlaggedCustomers(after, limit)
  const profiles = new Map<number, Array<ProfileData>>()
  if (sendProfileData && customers.length > 0) {
    for (const row of yield* readProfiles(customers.map((customer) => customer.customerNumber))) {
      profiles.set(row.customerNumber, [...(profiles.get(row.customerNumber) ?? []), row])
    }
  }
  return { customers, profiles, deferredBefore } satisfies SyncChunk
})

const wroteBack = new Set(["created", "updated", "relate-id-changed"])

export type SyncError = OrceUnauthorized | DatabaseError | ListenerError | CheckpointError
export type SyncRequirements = OrceClient | AppSettings | Database

/**
 * SYNCRDB as a chunk step: the flagged customers in customer-number order, a chunk at a time (CHUNK_SIZE) —
 * match, map and add-or-update SYNC_CONCURRENCY customers at once, then write back Relate IDs, flags and
 * outcomes with the checkpoint (SYNC-2..SYNC-13). An interrupted chunk is redone on restart, its customers
 * first looked up by their OROMS alt key, so none is created twice (SYNC-12).
 */
export const syncStep = (name = "sync"): Step<SyncError, SyncRequirements> => ({
  name,
  execute: (run) =>
    Effect.gen(function*() {
      const settings = yield* AppSettings
      yield* refreshCustomerStatistics
      // SYNC-12: a sync that ended unfinished may have reached ORCE with any chunk; a restarted step, with the
      // chunks that were in flight after its checkpoint.
      const afterUnfinishedSync = run.previous === undefined && (yield* lastSyncUnfinished(run.runId))
      const runStartedAt = new Date((yield* getRun(run.runId))?.startedAt ?? 0)
      const step = chunkStep<SyncChunk, ReadonlyArray<SyncResult>, typeof SyncCheckpoint.Type, OrceUnauthorized | DatabaseError, SyncRequirements>({
        name,
        unit: "customers",
        checkpoint: SyncCheckpoint,
        start: { lastCustomerNumber: 0 },
        total: (from) => countFlaggedCustomers(from.lastCustomerNumber),
        read: (from) =>
          Stream.paginate(from.lastCustomerNumber, (after: number) =>
            readChunk(after, settings.chunkSize, settings.sendProfileData === "Y").pipe(
              Effect.map((chunk) => {
                const last = chunk.customers.at(-1)?.customerNumber
                const items = last === undefined ? [] : [{ items: chunk, checkpoint: { lastCustomerNumber: last } }]
                return [items, chunk.customers.length < settings.chunkSize || last === undefined ? Option.none() : Option.some(last)] as const
              })
            )).pipe(
              // The next chunk is read while ORCE works on this one.
              Stream.buffer({ capacity: 1 })
            ),
        process: (chunk: SyncChunk, context) => {
          const wholeChunk = afterUnfinishedSync || (context.restarted && context.sinceStart < chunksInFlight)
          const results = new Array<SyncResult>(chunk.customers.length)
          const syncOne = (index: number) => {
            const customer = chunk.customers[index]!
            return syncCustomer(customer, {
              settings,
              profile: chunk.profiles.get(customer.customerNumber) ?? [],
              mayHaveReachedOrce: wholeChunk || chunk.deferredBefore.has(customer.customerNumber),
              runStartedAt
            }).pipe(Effect.map((result) => (results[index] = result)))
          }
          // Customers that can depend on each other go one at a time, in customer-number order; the rest at once.
          return processItems(dependentGroups(chunk.customers), settings.syncConcurrency, (group) =>
            Effect.forEach(group, syncOne, { discard: true })).pipe(Effect.as(results))
        },
        write: (results: ReadonlyArray<SyncResult>, context) =>
          Effect.gen(function*() {
            yield* writeBack(run.runId, results, {
              chunk: context.chunk,
              lastCustomerNumber: results.at(-1)?.customer.customerNumber ?? 0
            })
            const counted: Record<string, number> = Object.fromEntries(outcomes.map((outcome) => [outcome, 0]))
            // The ORCE round trips the chunk took: against a real ORCE they, not the load, set a run's time.
            counted["orce-requests"] = 0
            for (const result of results) {
              counted[result.outcome]!++
              counted["orce-requests"] += result.requests
            }
            return {
              read: results.length,
              written: results.filter((result) => wroteBack.has(result.outcome)).length,
              rejected: 0,
              failed: counted["failed"]!,
              outcomes: counted
            }
          })
      })
      return yield* step.execute(run)
    })
})
