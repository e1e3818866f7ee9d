import { createServer } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { tokenPath } from "../../mock-orce/authority.ts"
import { mockOrceHandlers } from "../../mock-orce/handlers.ts"
import { MockOrce } from "../../mock-orce/mock-orce.ts"
import { type MockOrceServer, startMockOrceServer } from "../../mock-orce/server.ts"
import { adviceFor } from "../../src/orce/check.ts"
import { OrceUnavailable } from "../../src/orce/errors.ts"
import { runCli } from "../support/run-cli.ts"

/** Issue 17 point 6: `orce-sync orce check` against the standalone mock, each way it can go. */

const token = "check-token"
let server: MockOrceServer
let mock: MockOrce

beforeAll(async () => {
  mock = new MockOrce({
    token,
    securityUserId: "ORCE_SECURITY_USER",
    oauthClient: { clientId: "app-id", clientSecret: "app-secret" }
  })
  server = await startMockOrceServer(mockOrceHandlers(mock), { port: 0, handlerBaseUrl: mock.baseUrl })
})
afterAll(() => server.close())

const check = (env: Record<string, string>, args: ReadonlyArray<string> = ["--orce-url", server.url]) =>
  runCli(["orce", "check", "--set", "LOG_FILE=-", "--set", "LOG_LEVEL=silent", ...args], env)

describe("orce-sync orce check", () => {
  it("says what works and exits 0 with a good bearer token; the call is a retrieve by an unknown alternate key", async () => {
    const result = await check({ ORCE_SYNC_ORCE_TOKEN: token })
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`ORCE at ${server.url}/OrceWebServices/v3_1/CustomerServicesApiService answers Customer Services v3.1`)
    const last = mock.traffic.journal().at(-1)!
    expect([last.operation, last.requestBody]).toEqual(["retrieveCustomer", { alternateKey: { type: "ORCE_SYNC_CHECK", value: "orce-sync-check-0000" } }])
    expect(mock.store.size).toBe(0)
  })

  it("works with OAuth 2 client credentials", async () => {
    const result = await check({
      ORCE_SYNC_ORCE_CLIENT_ID: "app-id",
      ORCE_SYNC_ORCE_CLIENT_SECRET: "app-secret",
      ORCE_SYNC_ORCE_TOKEN_URL: server.url + tokenPath
    })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("the OAuth 2 token and security user ORCE_SECURITY_USER are accepted")
  })

  it("refused credentials: exit 1 and which settings to check, never the secret", async () => {
    const result = await check({ ORCE_SYNC_ORCE_TOKEN: "wrong-token" })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("ORCE refused the credentials")
    expect(result.stderr).toContain("check ORCE_CLIENT_ID/ORCE_CLIENT_SECRET, ORCE_USER/ORCE_PASSWORD or ORCE_TOKEN")
    expect(result.stderr).not.toContain("wrong-token")
  })

  it("a client secret the token endpoint refuses: exit 1 naming the secret's setting", async () => {
    const result = await check({
      ORCE_SYNC_ORCE_CLIENT_ID: "app-id",
      ORCE_SYNC_ORCE_CLIENT_SECRET: "nope",
      ORCE_SYNC_ORCE_TOKEN_URL: server.url + tokenPath
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("check ORCE_CLIENT_ID and ORCE_CLIENT_SECRET")
  })

  it("a security user ORCE does not accept: exit 1, check ORCE_SECURITY_USER_ID", async () => {
    const result = await check({ ORCE_SYNC_ORCE_TOKEN: token, ORCE_SYNC_ORCE_SECURITY_USER_ID: "SOMEONE" })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("check ORCE_SECURITY_USER_ID")
  })

  it("another service path (an older version): exit 1, check ORCE_URL and ORCE_CUSTOMER_SERVICE_SUFFIX", async () => {
    const result = await check({ ORCE_SYNC_ORCE_TOKEN: token, ORCE_SYNC_ORCE_CUSTOMER_SERVICE_SUFFIX: "/ws/v3_0/CustomerServices" })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("Nothing answers Customer Services at")
    expect(result.stderr).toContain("ORCE_CUSTOMER_SERVICE_SUFFIX")
  })

  it("nobody listening: exit 1, check ORCE_URL and the network", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const address = probe.address()
        probe.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0))
      })
    })
    const result = await check({ ORCE_SYNC_ORCE_TOKEN: token }, ["--orce-url", `http://127.0.0.1:${port}`])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/Cannot reach ORCE at .*: check ORCE_URL and the network\./)
  })

  it("no ORCE to check: exit 2", async () => {
    const result = await check({}, [])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("pass --orce-url or set ORCE_SYNC_ORCE_URL")
  })

  it("a TLS failure names the certificate", () => {
    const error = new OrceUnavailable({ operation: "retrieveCustomer", reason: "connection", message: "Connection to ORCE failed: self-signed certificate in certificate chain" })
    expect(adviceFor(error, "https://orce.example/x", 1000)).toContain("check the server certificate")
  })
})
