import { Effect, Schema } from "effect"
import type { OrceSettings } from "./client.ts"
import { makeAuthorizer } from "./credentials.ts"
import type { OrceError } from "./errors.ts"
import { choicesFromSettings, credentialsFromSettings, endpointUrlOf } from "./from-settings.ts"
import { defaultServiceSuffix } from "./soap/schema.ts"
import { makeSoapTransport } from "./soap-transport.ts"
import type { Fetch } from "./transport.ts"

/**
 * `orce-sync orce check`: connect, authenticate and make one harmless call (retrieve a customer by an
 * alternate key no customer holds), then say in one sentence what works or what to fix.
 */

export class OrceCheckFailed extends Schema.TaggedError<OrceCheckFailed>()("OrceCheckFailed", { message: Schema.String }) {}

/** An alternate key no ORCE customer holds: the call reads nothing and changes nothing. */
export const probeKey = { type: "ORCE_SYNC_CHECK", value: "orce-sync-check-0000" } as const

const credentialKeys = "ORCE_CLIENT_ID/ORCE_CLIENT_SECRET, ORCE_USER/ORCE_PASSWORD or ORCE_TOKEN"

/** What to fix, in one sentence, for each way the call can fail. */
export const adviceFor = (error: OrceError, endpoint: string, timeoutMs: number): string => {
  switch (error._tag) {
    case "OrceUnavailable": {
      if (error.reason === "timeout") return `ORCE at ${endpoint} did not answer within ${timeoutMs} ms: check ORCE_URL and the network.`
      if (error.reason === "connection") {
        const tls = /certificate|ssl|tls|self.signed/i.test(error.message)
        return tls
          ? `Cannot reach ORCE at ${endpoint} over TLS (${error.message}): check the server certificate (NODE_EXTRA_CA_CERTS) and ORCE_URL.`
          : `Cannot reach ORCE at ${endpoint} (${error.message}): check ORCE_URL and the network.`
      }
      if (error.reason === "invalid-response") {
        return `${endpoint} did not answer as Customer Services v3.1 (${error.message}): check ORCE_URL, ORCE_CUSTOMER_SERVICE_SUFFIX and the ORCE version.`
      }
      return `ORCE at ${endpoint} failed (${error.message}): try again later, or ask ORCE's administrators.`
    }
    case "OrceUnauthorized":
      return error.operation === "token"
        ? `${error.message}.`
        : /security user|INVALID_USER|USER_NOT_FOUND|SESSION_EXPIRED/.test(error.message)
        ? `ORCE accepted the credentials but not the security user (${error.message}): check ORCE_SECURITY_USER_ID.`
        : `ORCE refused the credentials (${error.message}): check ${credentialKeys}.`
    case "OrceMaskedResponse":
      return `ORCE accepted the credentials but the security user may not read customers (${error.message}): give it the Security Group permissions.`
    case "OrceRejected":
      return error.code.startsWith("HTTP_")
        ? `Nothing answers Customer Services at ${endpoint} (${error.message}): check ORCE_URL and ORCE_CUSTOMER_SERVICE_SUFFIX (the version).`
        : `ORCE refused the v3.1 request (${error.code}: ${error.message}): check the ORCE version (ORCE_CUSTOMER_SERVICE_SUFFIX) and ORCE_FAULT_CODES.`
    case "OrceLookupLimit":
    case "OrceNotFound":
      return `ORCE answered the check with ${error._tag} (${error.message}): check ORCE_FAULT_CODES.`
  }
}

export const checkOrce = Effect.fnUntraced(function*(settings: OrceSettings & { readonly orceUrl: string }, fetch?: Fetch) {
  const credentials = credentialsFromSettings(settings)
  if (typeof credentials === "string") return yield* new OrceCheckFailed({ message: `ORCE_URL is set but ${credentials}: set ${credentialKeys}.` })
  const endpoint = endpointUrlOf(settings.orceUrl, settings.orceServiceSuffix ?? defaultServiceSuffix)
  const through: Fetch = fetch ?? ((input, init) => globalThis.fetch(input, init))
  const transport = makeSoapTransport({
    endpointUrl: endpoint,
    securityUserId: settings.securityUserId,
    authorizer: makeAuthorizer(credentials, through),
    choices: choicesFromSettings(settings),
    fetch: through
  })
  const how = credentials.kind === "oauth" ? "OAuth 2 token" : credentials.kind === "basic" ? "HTTP Basic credentials" : "bearer token"
  return yield* transport.retrieveByAlternateKey(probeKey).pipe(
    Effect.timeoutOrElse({
      duration: settings.orceTimeoutMs,
      orElse: () => Effect.fail(new OrceCheckFailed({ message: `ORCE at ${endpoint} did not answer within ${settings.orceTimeoutMs} ms: check ORCE_URL and the network.` }))
    }),
    Effect.mapError((error) => error._tag === "OrceCheckFailed" ? error : new OrceCheckFailed({ message: adviceFor(error, endpoint, settings.orceTimeoutMs) })),
    Effect.map(() =>
      `ORCE at ${endpoint} answers Customer Services v3.1: the ${how} and security user ${settings.securityUserId} are accepted, and a retrieve by an unknown alternate key answered "not found".`
    )
  )
})
