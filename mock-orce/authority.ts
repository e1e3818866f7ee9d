import { timingSafeEqual } from "node:crypto"
import { knownBody } from "../src/orce/known-bodies.ts"

/**
 * Who the mock lets in, as ORCE does (doc section 2): HTTP Basic with the web-service user and password, or a
 * bearer token, either the fixed one the mock was started with or one its OAuth 2 token endpoint issued
 * (client credentials) and not yet expired. Anything else is refused with HTTP 401, as a gateway would.
 */

export const tokenPath = "/oauth2/v1/token"

export interface MockAuthorityOptions {
  /** Accepted as `Authorization: Basic base64(user:password)`. */
  readonly basicAuth?: { readonly user: string; readonly password: string }
  /** The one OAuth 2 client the token endpoint knows. */
  readonly oauthClient?: { readonly clientId: string; readonly clientSecret: string }
  /** Lifetime of issued tokens; 3600 s unless set. */
  readonly tokenTtlSeconds?: number
}

const sameText = (a: string, b: string) => {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

const basicHeader = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, "utf8").toString("base64")}`

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store" } })

export class MockAuthority {
  readonly #basic: string | undefined
  readonly #client: string | undefined
  readonly #ttlMs: number
  /** Issued token → when it expires (ms since epoch). */
  readonly #issued = new Map<string, number>()
  #counter = 0
  /** How many tokens the endpoint issued: tests see a refresh happen. */
  tokensIssued = 0

  constructor(options: MockAuthorityOptions) {
    this.#basic = options.basicAuth === undefined ? undefined : basicHeader(options.basicAuth.user, options.basicAuth.password)
    this.#client = options.oauthClient === undefined ? undefined : basicHeader(options.oauthClient.clientId, options.oauthClient.clientSecret)
    this.#ttlMs = (options.tokenTtlSeconds ?? 3600) * 1000
  }

  accepts(authorization: string | null, fixedBearer: string): boolean {
    if (authorization === null) return false
    if (sameText(authorization, fixedBearer)) return true
    if (this.#basic !== undefined && sameText(authorization, this.#basic)) return true
    if (!authorization.startsWith("Bearer ")) return false
    const expires = this.#issued.get(authorization.slice(7))
    return expires !== undefined && Date.now() < expires
  }

  /** Revokes every issued token, as an identity service does when a token is cut short. */
  revokeTokens(): void {
    this.#issued.clear()
  }

  async issue(request: Request): Promise<Response> {
    if (request.method !== "POST") return json(405, { error: "invalid_request" })
    const authorization = request.headers.get("authorization")
    if (this.#client === undefined || authorization === null || !sameText(authorization, this.#client)) {
      return json(401, { error: "invalid_client", error_description: "Client authentication failed" })
    }
    const form = new URLSearchParams(knownBody(request) ?? (await request.text()))
    if (form.get("grant_type") !== "client_credentials") return json(400, { error: "unsupported_grant_type" })
    this.#counter++
    this.tokensIssued++
    const token = `mock-access-${this.#counter}-${Math.random().toString(36).slice(2)}`
    this.#issued.set(token, Date.now() + this.#ttlMs)
    return json(200, { access_token: token, token_type: "Bearer", expires_in: this.#ttlMs / 1000 })
  }
}
