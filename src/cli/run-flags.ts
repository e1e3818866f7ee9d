import { Console, Effect, Layer, type Option } from "effect"
import { Flag } from "effect/cli"
import type { ExportProgress } from "../../pipelines/initial-export.ts"
import type { Settings } from "../domain/settings.ts"
import { orceRunLayer } from "../orce/run-layer.ts"
import { appLayer } from "./app-layer.ts"
import { type Progress, progressBar } from "./progress.ts"
import { resolveSettings, type SettingsFlagValues } from "./settings-flags.ts"

/** Flags of the commands that talk to ORCE. */
export const orceFlags = {
  orceUrl: Flag.String("orce-url").pipe(
    Flag.withDescription("ORCE endpoint (default: the in-process mock ORCE); token from ORCE_SYNC_ORCE_TOKEN"),
    Flag.optional
  ),
  chunkSize: Flag.Int("chunk-size").pipe(Flag.withDescription("customers per committed chunk of the sync (default 1000)"), Flag.optional),
  concurrency: Flag.Int("concurrency").pipe(Flag.withDescription("customers sent to ORCE at once (default 8)"), Flag.optional)
} as const

/**
 * Staging database, logger and the ORCE of the run, which says on stderr when ORCE is the mock, so that
 * stdout holds only the run's summary.
 */
export const runLayer = (settings: Settings) =>
  orceRunLayer(settings).pipe(
    Layer.provideMerge(appLayer(settings)),
    Layer.tap(() =>
      settings.orceUrl === undefined
        ? Console.error(
          `No ORCE URL configured: using the in-process mock ORCE` +
            (settings.mockOrceState === "-" ? "." : `, its state kept in ${settings.mockOrceState}.`)
        )
        : Effect.void
    )
  )

/** The progress bar of export, sync and resume. */
export const exportProgress = () => {
  const loading = progressBar("loading", "records")
  let syncing: Progress | undefined
  return {
    update: (progress: ExportProgress) => {
      if (progress.phase === "load") return loading.update(progress.load?.counts.records ?? 0, progress.load?.fraction)
      if (syncing === undefined) {
        loading.finish()
        syncing = progressBar("synchronizing", "customers")
      }
      syncing.update(progress.customers, progress.total === 0 ? undefined : progress.customers / progress.total)
    },
    finish: () => (syncing ?? loading).finish()
  }
}

interface OrceFlagValues extends SettingsFlagValues {
  readonly orceUrl: Option.Option<string>
  readonly chunkSize: Option.Option<number>
  readonly concurrency: Option.Option<number>
}

/** The settings of a run that talks to ORCE: its flags are shortcuts for ORCE_URL, CHUNK_SIZE, SYNC_CONCURRENCY. */
export const resolveRunSettings = (flags: OrceFlagValues, extra: Record<string, Option.Option<string | number>> = {}) =>
  resolveSettings(flags, {
    ORCE_URL: flags.orceUrl,
    CHUNK_SIZE: flags.chunkSize,
    SYNC_CONCURRENCY: flags.concurrency,
    ...extra
  })

