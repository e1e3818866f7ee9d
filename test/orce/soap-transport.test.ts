import { readFileSync } from "node:fs"
import { createServer } from "node:net"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { OrceClient } from "../../src/orce/client.ts"
import { defaultFaultCodes } from "../../src/orce/soap/contract-choices.ts"
import { faultEnvelope } from "../../src/orce/soap/envelope.ts"
import type { Fetch } from "../../src/orce/transport.ts"

/** The SOAP transport against answers the mock never gives: every fault code, refusals, garbage, cut-off text. */

const policy = { timeoutMs: 2_000, retries: 2, concurrency: 1, retryBaseDelayMs: 1, retryMaxDelayMs: 2 }

const answering = (answer: () => Response) => {
  const state = { calls: 0 }
  const fetch: Fetch = async () => {
    state.calls++
    return answer()
  }
  const layer = OrceClient.layerSoap({
    endpointUrl: "https://orce.test/orce/OrceWebServices/v3_1/CustomerServicesApiService",
    credentials: { kind: "basic", user: "ws", password: Redacted.make("pw") },
    securityUserId: "U",
    policy,
    fetch
  })
  return { state, layer }
}

const xml = (text: string, status = 200) => () => new Response(text, { status, headers: { "content-type": "text/xml; charset=utf-8" } })
const fault = (relateExceptionCode: string | undefined, faultCode = "Server") =>
  xml(faultEnvelope({ faultCode, faultString: "ORCE says no", relateExceptionCode, message: "ORCE says no" }), 500)

const getOne = Effect.flatMap(OrceClient, (client) => client.getCustomer("1"))
const updateOne = Effect.flatMap(OrceClient, (client) => client.addOrUpdateCustomer({ customerId: "1", lastName: "X" }))

const retrieveAnswer = readFileSync(new URL("./golden/retrieveCustomer.response.xml", import.meta.url), "utf8")

describe("SOAP transport", () => {
  const expectations: ReadonlyArray<readonly [keyof typeof defaultFaultCodes, string, boolean]> = [
    ["notFound", "OrceNotFound", false],
    ["lookupLimit", "OrceLookupLimit", false],
    ["noAccess", "OrceMaskedResponse", false],
    ["invalidUser", "OrceUnauthorized", false],
    ["unavailable", "OrceUnavailable", true],
    ["altKeyConflict", "OrceRejected", false]
  ]
  for (const [group, tag, retried] of expectations) {
    for (const code of defaultFaultCodes[group]) {
      it.live(`fault ${code} is ${tag}${retried ? ", retried" : ", not retried"}`, () => {
        const { state, layer } = answering(fault(code))
        return Effect.gen(function*() {
          const error = yield* Effect.flip(updateOne)
          assert.strictEqual(error._tag, tag)
          assert.strictEqual(state.calls, retried ? 3 : 1)
        }).pipe(Effect.provide(layer))
      })
    }
  }

  it.live("an unknown relateExceptionCode is OrceRejected keeping ORCE's code and message for the report", () => {
    const { state, layer } = answering(fault("INVALID_COUNTRY_CODE"))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(updateOne)
      assert.strictEqual(error._tag, "OrceRejected")
      if (error._tag === "OrceRejected") assert.deepStrictEqual([error.code, error.message, error.status], ["INVALID_COUNTRY_CODE", "ORCE says no", 500])
      assert.strictEqual(state.calls, 1)
    }).pipe(Effect.provide(layer))
  })

  it.live("a Server fault without RelateProcessingException is OrceUnavailable; a Client one OrceRejected", () =>
    Effect.gen(function*() {
      const server = yield* Effect.flip(updateOne.pipe(Effect.provide(answering(fault(undefined, "Server")).layer)))
      const client = yield* Effect.flip(updateOne.pipe(Effect.provide(answering(fault(undefined, "Client")).layer)))
      assert.deepStrictEqual([server._tag, client._tag], ["OrceUnavailable", "OrceRejected"])
      if (client._tag === "OrceRejected") assert.strictEqual(client.code, "SOAP_CLIENT")
    }))

  it.live("HTTP 401 and 403 are OrceUnauthorized, not retried", () =>
    Effect.gen(function*() {
      for (const status of [401, 403]) {
        const { state, layer } = answering(() => new Response("<html>denied</html>", { status }))
        const error = yield* Effect.flip(getOne.pipe(Effect.provide(layer)))
        assert.strictEqual(error._tag, "OrceUnauthorized")
        assert.include(error.message, String(status))
        assert.strictEqual(state.calls, 1)
      }
    }))

  it.live("a 200 that is not SOAP (HTML, JSON, another document) is an invalid response, retried", () =>
    Effect.gen(function*() {
      for (const body of ["<html><body>Login</body></html>", `{"customerId":"1"}`, "<Envelope><Body/></Envelope>"]) {
        const { state, layer } = answering(xml(body))
        const error = yield* Effect.flip(getOne.pipe(Effect.provide(layer)))
        assert.strictEqual(error._tag, "OrceUnavailable")
        if (error._tag === "OrceUnavailable") assert.strictEqual(error.reason, "invalid-response")
        assert.strictEqual(state.calls, 3)
      }
    }))

  it.live("a truncated answer is an invalid response", () => {
    const { layer } = answering(xml(retrieveAnswer.slice(0, retrieveAnswer.length / 2)))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(getOne)
      assert.strictEqual(error._tag, "OrceUnavailable")
      if (error._tag === "OrceUnavailable") assert.strictEqual(error.reason, "invalid-response")
    }).pipe(Effect.provide(layer))
  })

  it.live("an answer to another operation, or one missing a required element, is an invalid response", () =>
    Effect.gen(function*() {
      const other = retrieveAnswer.replaceAll("retrieveCustomerResponse", "searchCustomersResponse")
      const noId = retrieveAnswer.replace("<CustomerID>751251000001</CustomerID>", "")
      const badFlag = retrieveAnswer.replace("<MaskData>false</MaskData>", "<MaskData>perhaps</MaskData>")
      for (const body of [other, noId, badFlag]) {
        const error = yield* Effect.flip(getOne.pipe(Effect.provide(answering(xml(body)).layer)))
        assert.strictEqual(error._tag, "OrceUnavailable")
        if (error._tag === "OrceUnavailable") assert.strictEqual(error.reason, "invalid-response")
      }
    }))

  it.live("elements ORCE adds to an answer beyond what the client reads are let through", () => {
    const richer = retrieveAnswer.replace("<MaskData>", "<CustomerCards><Instrument><CardNumber>1</CardNumber></Instrument></CustomerCards><MaskData>")
      .replace("<Source>", "<Future>x</Future><Source>")
    return Effect.gen(function*() {
      const { customer } = yield* getOne.pipe(Effect.provide(answering(xml(richer)).layer))
      assert.strictEqual(customer.lastName, "Lovelace")
    })
  })

  it.live("a 502 from a gateway is OrceUnavailable (server), retried", () => {
    const { state, layer } = answering(() => new Response("<html>Bad Gateway</html>", { status: 502 }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(getOne)
      assert.strictEqual(error._tag, "OrceUnavailable")
      if (error._tag === "OrceUnavailable") assert.deepStrictEqual([error.reason, error.status], ["server", 502])
      assert.strictEqual(state.calls, 3)
    }).pipe(Effect.provide(layer))
  })

  it.live("another HTTP 4xx without a SOAP body still says what happened, and is not retried", () => {
    const { state, layer } = answering(() => new Response("", { status: 418 }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(getOne)
      assert.strictEqual(error._tag, "OrceRejected")
      if (error._tag === "OrceRejected") assert.deepStrictEqual([error.code, error.message], ["HTTP_418", "ORCE answered HTTP 418"])
      assert.strictEqual(state.calls, 1)
    }).pipe(Effect.provide(layer))
  })

  it.live("nobody listening is OrceUnavailable (connection)", () =>
    Effect.gen(function*() {
      const port = yield* Effect.promise(() =>
        new Promise<number>((resolve) => {
          const probe = createServer().listen(0, "127.0.0.1", () => {
            const address = probe.address()
            probe.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0))
          })
        })
      )
      const layer = OrceClient.layerSoap({
        endpointUrl: `http://127.0.0.1:${port}/OrceWebServices/v3_1/CustomerServicesApiService`,
        credentials: { kind: "basic", user: "ws", password: Redacted.make("pw") },
        securityUserId: "U",
        policy
      })
      const error = yield* Effect.flip(getOne.pipe(Effect.provide(layer)))
      assert.strictEqual(error._tag, "OrceUnavailable")
      if (error._tag === "OrceUnavailable") assert.strictEqual(error.reason, "connection")
    }))
})
