import { Effect } from "effect"
import { AppSettings } from "../../config/app-settings.ts"

/** SYNC-1: customers go to ORCE only when L37 is INTERACT; otherwise the reason a run ends at once. */
export const integrationOff = Effect.gen(function*() {
  const settings = yield* AppSettings
  return settings.integration === "INTERACT"
    ? undefined
    : `L37 (ORCE Customer Integration) is ${JSON.stringify(settings.integration)}, not INTERACT: no customer is sent to ORCE.`
})
