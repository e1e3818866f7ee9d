import { Effect } from "effect"
import { AppSettings } from "../../config/app-settings.ts"
import { emptyCounts, type LoadCounts } from "./load-counts.ts"
import { loadFile } from "./load-file.ts"
import type { LoadSources } from "./open-sources.ts"

export interface LoadProgress {
  readonly source: string
  readonly counts: LoadCounts
  /** Share of the source read, 0 to 1. */
  readonly fraction: number
}

export interface LoadStepCounts {
  readonly customers: LoadCounts
  readonly profiles: LoadCounts
}

export interface LoadStepOptions {
  readonly onProgress?: ((progress: LoadProgress) => void) | undefined
  /** The counts so far, kept current for a report written on interruption. */
  readonly current?: { counts: LoadStepCounts } | undefined
  /** SYNC-2: the initial bulk export flags every customer it loads for ORCE. */
  readonly flagForSync?: boolean | undefined
}

/** Loads customers, then their profile data, into the staging database under `runId`. */
export const loadStep = Effect.fnUntraced(function*(sources: LoadSources, runId: string, options: LoadStepOptions = {}) {
  const { onProgress, current } = options
  const settings = yield* AppSettings
  const state = current ?? { counts: { customers: emptyCounts, profiles: emptyCounts } }
  const { customers, profiles } = sources
  state.counts = {
    ...state.counts,
    customers: yield* loadFile(customers, { kind: "customers", runId, flagForSync: options.flagForSync ?? false }, {
      chunkSize: settings.loadChunkSize,
      maxRejects: settings.maxRejects,
      onProgress: (counts, fraction) => {
        state.counts = { ...state.counts, customers: counts }
        onProgress?.({ source: customers.name, counts, fraction })
      }
    })
  }
  if (profiles !== undefined) {
    state.counts = {
      ...state.counts,
      profiles: yield* loadFile(profiles, { kind: "profiles", runId }, {
        chunkSize: settings.loadChunkSize,
        maxRejects: settings.maxRejects === undefined ? undefined : settings.maxRejects - state.counts.customers.rejected,
        onProgress: (counts, fraction) => {
          state.counts = { ...state.counts, profiles: counts }
          onProgress?.({ source: profiles.name, counts, fraction })
        }
      })
    }
  }
  return state.counts
})
