import { Effect, Layer, Redacted } from "effect"
import { mockOrceStatePath, type Settings } from "../src/domain/settings.ts"
import { policyFromSettings } from "../src/orce/client.ts"
import { describeOrceTarget, OrceTarget } from "../src/orce/target.ts"
import { layerInProcessMock } from "./in-process-layer.ts"
import { readMockState, savedStateLayer } from "./saved-state.ts"

/**
 * The in-process mock ORCE a run talks to when no ORCE URL is configured: started from the state an earlier
 * run left in MOCK_ORCE_STATE, and saved back before each chunk commits.
 */
export const mockRunLayer = (settings: Settings) => {
  const path = mockOrceStatePath(settings)
  return Layer.unwrap(
    Effect.gen(function*() {
      const snapshot = path === undefined ? undefined : yield* readMockState(path)
      const mock = layerInProcessMock({
        policy: policyFromSettings(settings),
        securityUserId: settings.securityUserId,
        ...(settings.orceToken === undefined ? {} : { token: Redacted.value(settings.orceToken) }),
        ...(snapshot === undefined ? {} : { snapshot })
      })
      const saved = path === undefined ? Layer.empty : savedStateLayer(path)
      yield* Effect.logInfo("No ORCE URL configured: using the in-process mock ORCE").pipe(
        Effect.annotateLogs({ state: path ?? "memory only" })
      )
      return Layer.mergeAll(saved, Layer.succeed(OrceTarget, { description: describeOrceTarget(settings) })).pipe(
        Layer.provideMerge(mock)
      )
    })
  )
}
