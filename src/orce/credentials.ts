import { Effect, Redacted } from "effect"
import { type OrceError, OrceUnauthorized, OrceUnavailable } from "./errors.ts"
import type { Fetch } from "./transport.ts"

/**
 * How orce-sync proves itself to ORCE (doc section 2): HTTP Basic with the web-service user and password, or
 * an OAuth 2 bearer token from the identity service (client credentials), as Oracle recommends for the
 * cloud. Secrets arrive Redacted from settings (REL-4) and are unwrapped only to build a header.
 */
export type OrceCredentials =
  | { readonly kind: "basic"; readonly user: string; readonly password: Redacted.Redacted<string> }
  | {
    readonly kind: "oauth"
    readonly tokenUrl: string
    readonly clientId: string
    readonly clientSecret: Redacted.Redacted<string>
    /** IDCS's scope for "all scopes of the app's grants" by default (doc section 2, source C). */
    readonly scope?: string
  }
  /** A token obtained elsewhere (ORCE_TOKEN): sent as is, never refreshed. */
  | { readonly kind: "bearer"; readonly token: Redacted.Redacted<string> }

export interface Authorizer {
  /** The Authorization header for the next request. */
  readonly header: Effect.Effect<string, OrceError>
  /** ORCE refused the header: forget it, so `header` fetches a new one. False when nothing new can be had. */
  readonly renew: (refused: string) => boolean
}

export const defaultOauthScope = "urn:opc:idm:__myscopes__"
/** A token is renewed this long before it expires, so none expires in flight. */
const renewBeforeMs = 60_000

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, "utf8").toString("base64")}`

interface CachedToken {
  readonly header: string
  readonly renewAtMs: number
}

const tokenFetcher = (credentials: Extract<OrceCredentials, { kind: "oauth" }>, fetch: Fetch) => async (): Promise<CachedToken> => {
  const response = await fetch(credentials.tokenUrl, {
    method: "POST",
    headers: {
      authorization: basic(credentials.clientId, Redacted.value(credentials.clientSecret)),
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json"
    },
    body: new URLSearchParams({ grant_type: "client_credentials", scope: credentials.scope ?? defaultOauthScope }).toString()
  })
  const text = await response.text()
  if (response.status === 400 || response.status === 401 || response.status === 403) {
    throw new OrceUnauthorized({
      operation: "token",
      message: `The token endpoint refused the client ID and secret (HTTP ${response.status}): check ORCE_CLIENT_ID and ORCE_CLIENT_SECRET`
    })
  }
  let body: { access_token?: unknown; expires_in?: unknown; token_type?: unknown } | undefined
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  if (response.status !== 200 || typeof body?.access_token !== "string" || body.access_token === "") {
    throw new OrceUnavailable({
      operation: "token",
      reason: response.status >= 500 ? "server" : "invalid-response",
      status: response.status,
      message: `The token endpoint answered HTTP ${response.status} without an access token`
    })
  }
  const lifetimeMs = (typeof body.expires_in === "number" ? body.expires_in : 3600) * 1000
  return { header: `Bearer ${body.access_token}`, renewAtMs: Date.now() + Math.max(lifetimeMs - renewBeforeMs, lifetimeMs / 2) }
}

export const makeAuthorizer = (credentials: OrceCredentials, fetch: Fetch): Authorizer => {
  if (credentials.kind === "basic") {
    const header = basic(credentials.user, Redacted.value(credentials.password))
    return { header: Effect.succeed(header), renew: () => false }
  }
  if (credentials.kind === "bearer") {
    const header = `Bearer ${Redacted.value(credentials.token)}`
    return { header: Effect.succeed(header), renew: () => false }
  }
  const fetchToken = tokenFetcher(credentials, fetch)
  // One token request at a time: concurrent requests share the one in flight.
  let pending: Promise<CachedToken> | undefined
  let cached: CachedToken | undefined
  const header = Effect.suspend(() => {
    if (cached !== undefined && Date.now() < cached.renewAtMs) return Effect.succeed(cached.header)
    if (pending === undefined) {
      pending = fetchToken().then(
        (token) => {
          cached = token
          pending = undefined
          return token
        },
        (error: unknown) => {
          pending = undefined
          throw error
        }
      )
    }
    const shared = pending
    return Effect.tryPromise({
      try: () => shared.then((token) => token.header),
      catch: (error): OrceError =>
        error instanceof OrceUnauthorized || error instanceof OrceUnavailable ? error : new OrceUnavailable({
          operation: "token",
          reason: "connection",
          message: `Connection to the token endpoint failed: ${error instanceof Error ? error.message : String(error)}`
        })
    })
  })
  return {
    header,
    renew: (refused) => {
      if (cached?.header === refused) cached = undefined
      return true
    }
  }
}
