import { Effect, Layer, Redacted } from "effect"
import type { Settings } from "../domain/settings.ts"
import { type OrceClient, policyFromSettings } from "./client.ts"
import type { OrceUnauthorized } from "./errors.ts"
import { layerFromSettings } from "./layers.ts"
import { layerInProcessMock } from "./mock-layer.ts"
import { MockOrceState, type MockStateError, readMockState } from "./mock-state.ts"

/**
 * The ORCE a run talks to: the configured ORCE_URL, or the in-process mock ORCE, started from the state
 * an earlier run left in MOCK_ORCE_STATE and saved back with each checkpoint.
 */
export const orceRunLayer = (
  settings: Settings
): Layer.Layer<OrceClient | MockOrceState, OrceUnauthorized | MockStateError> => {
  if (settings.orceUrl !== undefined) return Layer.merge(layerFromSettings(settings), MockOrceState.none)
  const path = settings.mockOrceState === "-" ? undefined : settings.mockOrceState
  return Layer.unwrap(
    Effect.gen(function*() {
      const snapshot = path === undefined ? undefined : yield* readMockState(path)
      const mock = layerInProcessMock({
        policy: policyFromSettings(settings),
        securityUserId: settings.securityUserId,
        ...(settings.orceToken === undefined ? {} : { token: Redacted.value(settings.orceToken) }),
        ...(snapshot === undefined ? {} : { snapshot })
      })
      const state = path === undefined ? MockOrceState.none : MockOrceState.layer(path)
      yield* Effect.logInfo("No ORCE URL configured: using the in-process mock ORCE").pipe(
        Effect.annotateLogs({ state: path ?? "memory only" })
      )
      return state.pipe(Layer.provideMerge(mock))
    })
  )
}
