import { Console, Effect, Layer, type Option } from "effect"
import { Flag } from "effect/cli"
import { mockRunLayer } from "../../mock-orce/run-layer.ts"
import { Progress } from "../batch/progress.ts"
import { mockOrceStatePath, type Settings } from "../domain/settings.ts"
import { layerFromSettings } from "../orce/layers.ts"
import type { OrceClient } from "../orce/client.ts"
import type { OrceUnauthorized } from "../orce/errors.ts"
import type { OrceTarget } from "../orce/target.ts"
import type { MockStateError } from "../../mock-orce/saved-state.ts"
import { appLayer } from "./app-layer.ts"
import { stepProgress } from "./progress.ts"
import { resolveSettings, type SettingsFlagValues } from "./settings-flags.ts"

/** Flags of the commands that talk to ORCE. */
export const orceFlags = {
  orceUrl: Flag.String("orce-url").pipe(
    Flag.withDescription("ORCE's base URL (default: the in-process mock ORCE); credentials from the environment (ORCE_SYNC_ORCE_CLIENT_ID/_SECRET, _USER/_PASSWORD or _TOKEN)"),
    Flag.optional
  ),
  chunkSize: Flag.Int("chunk-size").pipe(Flag.withDescription("customers per committed chunk of the sync (default 1000)"), Flag.optional),
  concurrency: Flag.Int("concurrency").pipe(Flag.withDescription("customers sent to ORCE at once (default 8)"), Flag.optional)
} as const

/**
 * The ORCE of a run: the one at ORCE_URL, or else the in-process mock ORCE, which the run says on stderr (so
 * that stdout holds only the run's summary). This composition root is where the CLI picks the mock; the
 * stages, the client and the batch core know nothing of it.
 */
export const orceLayer = (settings: Settings): Layer.Layer<OrceClient | OrceTarget, OrceUnauthorized | MockStateError> =>
  settings.orceUrl !== undefined
    ? layerFromSettings({ ...settings, orceUrl: settings.orceUrl })
    : mockRunLayer(settings).pipe(
      Layer.tap(() =>
        Console.error(
          `No ORCE URL configured: using the in-process mock ORCE` +
            (mockOrceStatePath(settings) === undefined ? "." : `, its state kept in ${mockOrceStatePath(settings)}.`)
        )
      )
    )

/** Staging database, logger and the ORCE of the run. */
export const runLayer = (settings: Settings) => orceLayer(settings).pipe(Layer.provideMerge(appLayer(settings)))

/** Runs a job's effect with a progress bar per step on a terminal, cleared when the job ends. */
export const withStepProgress = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.suspend(() => {
    const progress = stepProgress()
    return effect.pipe(Effect.provideService(Progress, progress), Effect.ensuring(Effect.sync(progress.finish)))
  })

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
