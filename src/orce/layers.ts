import { Effect, Layer, Redacted } from "effect"
import { OrceClient, type OrceSettings, policyFromSettings } from "./client.ts"
import { OrceUnauthorized } from "./errors.ts"
import type { MockOrceOptions } from "../../mock-orce/mock-orce.ts"
import { layerInProcessMock } from "./mock-layer.ts"

/**
 * The client a run uses: the configured ORCE over HTTP, or the in-process mock when no ORCE URL is configured
 * (`--orce mock`), which the run says at INFO.
 */
export const layerFromSettings = (
  settings: OrceSettings,
  /** For the in-process mock only: e.g. a snapshot to start from or a traffic log path. */
  mock: Partial<MockOrceOptions> = {}
): Layer.Layer<OrceClient, OrceUnauthorized> => {
  const policy = policyFromSettings(settings)
  if (settings.orceUrl === undefined) {
    return layerInProcessMock({
      securityUserId: settings.securityUserId,
      ...(settings.orceToken === undefined ? {} : { token: Redacted.value(settings.orceToken) }),
      ...mock,
      policy
    }).pipe(
      Layer.tap(() => Effect.logInfo("No ORCE URL configured: using the in-process mock ORCE"))
    )
  }
  if (settings.orceToken === undefined) {
    return Layer.effect(
      OrceClient,
      Effect.fail(new OrceUnauthorized({ operation: "configure", message: "ORCE_URL is set but ORCE_TOKEN is not" }))
    )
  }
  return OrceClient.layerHttp({
    baseUrl: settings.orceUrl,
    token: settings.orceToken,
    securityUserId: settings.securityUserId,
    policy
  })
}
