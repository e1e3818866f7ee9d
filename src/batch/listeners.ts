import { Context, type Effect, Schema } from "effect"

/** Where a chunk is: its run and step, its number in the step (from 1), and whether the step was restarted. */
export interface ChunkContext {
  readonly runId: string
  readonly step: string
  readonly chunk: number
  /** The step continues from a checkpoint an earlier attempt committed. */
  readonly restarted: boolean
  /** Chunks this attempt of the step had before this one (0 for its first). */
  readonly sinceStart: number
}

export class ListenerError extends Schema.TaggedError<ListenerError>()("ListenerError", {
  message: Schema.String
}) {}

/** Told of every chunk of every chunk step. */
export interface ChunkListener {
  /** Just before the chunk's transaction commits, after its items were processed. */
  readonly beforeCommit: (chunk: ChunkContext) => Effect.Effect<void, ListenerError>
}

/** The chunk listeners of this process: none unless a layer adds some (the in-process mock ORCE does). */
export const ChunkListeners = Context.Reference<ReadonlyArray<ChunkListener>>("orce-sync/batch/ChunkListeners", {
  defaultValue: () => []
})

/** How a job ended, for its listeners. */
export interface JobEnd {
  readonly runId: string
  readonly job: string
  readonly status: "completed" | "failed" | "interrupted"
}

/** Told once a job has ended, however it ended, after the ledger recorded it: e.g. the run report. */
export interface JobListener<R = never> {
  readonly afterJob: (end: JobEnd) => Effect.Effect<void, never, R>
}
