import { Effect, Layer } from "effect"
import { OrceClient, type OrceSettings, policyFromSettings } from "./client.ts"
import { OrceUnauthorized } from "./errors.ts"
import { describeOrceUrl, OrceTarget } from "./target.ts"

/** The client of the ORCE at ORCE_URL, over HTTP, with the target a run records (see target.ts). */
export const layerFromSettings = (
  settings: OrceSettings & { readonly orceUrl: string }
): Layer.Layer<OrceClient | OrceTarget, OrceUnauthorized> => {
  const target = Layer.succeed(OrceTarget, { description: describeOrceUrl(settings.orceUrl) })
  // The settings check refuses ORCE_URL without ORCE_TOKEN before any work; this guards other callers.
  if (settings.orceToken === undefined) {
    return Layer.merge(
      Layer.effect(
        OrceClient,
        Effect.fail(new OrceUnauthorized({ operation: "configure", message: "ORCE_URL is set but ORCE_TOKEN is not" }))
      ),
      target
    )
  }
  return Layer.merge(
    OrceClient.layerHttp({
      baseUrl: settings.orceUrl,
      token: settings.orceToken,
      securityUserId: settings.securityUserId,
      policy: policyFromSettings(settings)
    }),
    target
  )
}
