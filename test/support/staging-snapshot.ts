import { Effect, Redacted } from "effect"
import { Database, layerPglite, layerPostgres } from "../../src/db/database.ts"

/** What a run left in the staging database, read after its process has ended. */
export interface StagingSnapshot {
  readonly customers: ReadonlyArray<{
    readonly customerNumber: number
    readonly relateId: string
    readonly syncFlag: string
    readonly ecommerceId: string
  }>
  readonly runs: ReadonlyArray<{
    readonly runId: string
    readonly pipeline: string
    readonly status: string
    /** Where the run's last started step is: its name, committed chunks and checkpoint. */
    readonly checkpoint: unknown
  }>
  readonly outcomes: ReadonlyArray<{
    readonly runId: string
    readonly customerNumber: number
    readonly chunk: number
    readonly outcome: string
    readonly match: string
    readonly relateIdAfter: string
    readonly requests: number
  }>
  readonly chunks: ReadonlyArray<{ readonly runId: string; readonly chunk: number; readonly lastCustomerNumber: number }>
  readonly mergeRequests: ReadonlyArray<{
    readonly fromCustomer: number
    readonly toCustomer: number
    readonly processFlag: string
    readonly clusterId: number | null
  }>
}

const parse = (value: unknown) => (typeof value === "string" ? JSON.parse(value) : value)

/**
 * Opens the staging database of a CLI run — the embedded PGlite in its DATA_DIR, or a PostgreSQL URL — in
 * this process and reads what the runs wrote; the database is closed again before this returns, so the next
 * CLI process can open it.
 */
export const readStaging = (database: string | { readonly url: string }): Promise<StagingSnapshot> =>
  Effect.runPromise(
    Effect.gen(function*() {
      const { query } = yield* Database
      const customers = yield* query("read customers", (db) =>
        db.selectFrom("customers").select(["customerNumber", "relateId", "syncFlag", "ecommerceId"])
          .orderBy("customerNumber").execute())
      const runs = yield* query("read runs", (db) =>
        db.selectFrom("runs").select(["runId", "pipeline", "status"]).orderBy("startedAt").execute())
      const steps = yield* query("read step executions", (db) =>
        db.selectFrom("stepExecutions").select(["runId", "step", "chunks", "checkpoint"]).orderBy("runId").orderBy("position").execute())
      const lastStep = (runId: string) => {
        const step = steps.filter((execution) => execution.runId === runId).at(-1)
        return step === undefined ? null : { step: step.step, chunk: step.chunks, ...(parse(step.checkpoint) ?? {}) }
      }
      const outcomes = yield* query("read outcomes", (db) =>
        db.selectFrom("syncOutcomes")
          .select(["runId", "customerNumber", "chunk", "outcome", "match", "relateIdAfter", "requests"])
          .orderBy("runId").orderBy("customerNumber").execute())
      const chunks = yield* query("read chunks", (db) =>
        db.selectFrom("runChunks").select(["runId", "chunk", "lastCustomerNumber"]).orderBy("runId").orderBy("chunk").execute())
      const mergeRequests = yield* query("read merge requests", (db) =>
        db.selectFrom("mergeRequests").select(["fromCustomer", "toCustomer", "processFlag", "clusterId"]).orderBy("id").execute())
      return {
        customers,
        runs: runs.map((run) => ({ ...run, checkpoint: lastStep(run.runId) })),
        outcomes,
        chunks,
        mergeRequests
      }
    }).pipe(
      Effect.provide(typeof database === "string" ? layerPglite(database) : layerPostgres(Redacted.make(database.url))),
      Effect.scoped
    )
  )
