import { Effect, Layer } from "effect"
import { OrceClient, type OrceSettings, policyFromSettings } from "./client.ts"
import { OrceUnauthorized } from "./errors.ts"
import { choicesFromSettings, credentialsFromSettings, endpointUrlOf } from "./from-settings.ts"
import { defaultServiceSuffix } from "./soap/schema.ts"
import { describeOrceUrl, OrceTarget } from "./target.ts"

/** The client of the ORCE at ORCE_URL (Customer Services v3.1 over SOAP), with the target a run records (see target.ts). */
export const layerFromSettings = (
  settings: OrceSettings & { readonly orceUrl: string }
): Layer.Layer<OrceClient | OrceTarget, OrceUnauthorized> => {
  const target = Layer.succeed(OrceTarget, { description: describeOrceUrl(settings.orceUrl) })
  const credentials = credentialsFromSettings(settings)
  // The settings check refuses ORCE_URL without credentials before any work; this guards other callers.
  if (typeof credentials === "string") {
    return Layer.merge(
      Layer.effect(OrceClient, Effect.fail(new OrceUnauthorized({ operation: "configure", message: `ORCE_URL is set but ${credentials}` }))),
      target
    )
  }
  return Layer.merge(
    OrceClient.layerSoap({
      endpointUrl: endpointUrlOf(settings.orceUrl, settings.orceServiceSuffix ?? defaultServiceSuffix),
      credentials,
      securityUserId: settings.securityUserId,
      policy: policyFromSettings(settings),
      choices: choicesFromSettings(settings),
      ...(settings.userId === undefined ? {} : { updateUserId: `OROMS-${settings.userId}` })
    }),
    target
  )
}
