import { readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { decodeSoapRequest, encodeSoapAnswer, type SoapRequest } from "../../mock-orce/soap-endpoint.ts"
import type { OrceCustomer, OrceCustomerMessage } from "../../src/domain/orce-customer.ts"
import { OrceClient } from "../../src/orce/client.ts"
import { customerServicesPath, type OperationName } from "../../src/orce/soap/schema.ts"
import { parseXml, type XmlElement } from "../../src/orce/soap/xml.ts"
import type { Fetch } from "../../src/orce/transport.ts"

/**
 * Golden files: each operation's example envelope from shared/docs/ORCE-CUSTOMER-SERVICES.md (section 3),
 * through the client's encoder and decoder (a fetch that records what the client sends and answers the
 * example response) and through the mock's decoder and encoder. Compared as XML trees: prefixes, whitespace
 * between elements and attribute order do not count; names, namespaces, order and text do.
 */

const golden = (name: string) => readFileSync(new URL(`./golden/${name}.xml`, import.meta.url), "utf8")

interface Canonical {
  readonly name: string
  readonly attributes: Readonly<Record<string, string>>
  readonly text: string
  readonly children: ReadonlyArray<Canonical>
}
const canonical = (element: XmlElement): Canonical => ({
  name: `{${element.namespace}}${element.name}`,
  attributes: element.attributes,
  text: element.text,
  children: element.children.map(canonical)
})
const sameXml = (actual: string, expected: string) => assert.deepStrictEqual(canonical(parseXml(actual)), canonical(parseXml(expected)))

const ada: OrceCustomerMessage = {
  signupStore: "1",
  source: "Contact Center",
  firstName: "Ada",
  lastName: "Lovelace",
  addresses: [{ type: "HOME", primary: true, address1: "12 Analytical Way", city: "London", country: "GBR", postalCode: "N1 9GU" }],
  emails: [{ type: "HOME", primary: true, address: "ada@example.com" }],
  phones: [{ type: "BUSINESS", primary: true, number: "020 7946 0000" }],
  alternateKeys: [{ type: "OROMS_ID", value: "10042" }]
}

const retrieved: OrceCustomer = {
  customerId: "751251000001",
  createDate: "2026-01-02",
  signupStore: "1",
  source: "Contact Center",
  updateUser: "OROMS-BATCH",
  updateDate: "2026-01-02T03:04:05.000Z",
  firstName: "Ada",
  lastName: "Lovelace",
  addresses: [{ type: "HOME", primary: true, address1: "12 Analytical Way", city: "London", country: "GBR", postalCode: "N1 9GU" }],
  emails: [{ type: "HOME", primary: true, address: "ada@example.com" }],
  alternateKeys: [{ type: "OROMS_ID", value: "10042" }]
}

const found: OrceCustomer = { customerId: "751251000001", createDate: "2026-01-02", lastName: "Lovelace" }

/** A client whose every request is recorded and answered with one golden response. */
const recordingClient = (response: string, status = 200) => {
  const sent: Array<{ url: string; headers: Headers; body: string }> = []
  const fetch: Fetch = async (input, init) => {
    sent.push({ url: String(input), headers: new Headers(init?.headers), body: String(init?.body) })
    return new Response(response, { status, headers: { "content-type": "text/xml; charset=utf-8" } })
  }
  const layer = OrceClient.layerSoap({
    endpointUrl: `https://orce.example${customerServicesPath}`,
    credentials: { kind: "bearer", token: Redacted.make("t") },
    securityUserId: "ORCE_SECURITY_USER",
    updateUserId: "OROMS-BATCH",
    policy: { timeoutMs: 1_000, retries: 0, concurrency: 1 },
    fetch
  })
  return { sent, layer }
}

const cases: ReadonlyArray<{
  readonly operation: OperationName
  readonly call: Effect.Effect<unknown, unknown, OrceClient>
  readonly answer: unknown
  readonly routeBody: unknown
  readonly storeReply: unknown
}> = [
  {
    operation: "addOrUpdateCustomer",
    call: Effect.flatMap(OrceClient, (client) => client.addOrUpdateCustomer(ada)),
    answer: { customerId: "751251000001" },
    // No create user in CustomerType: the mock records the updating user, absent here.
    routeBody: { customer: ada },
    storeReply: { customerId: "751251000001", created: true }
  },
  {
    operation: "retrieveCustomer",
    call: Effect.flatMap(OrceClient, (client) => client.getCustomer("751251000001")),
    answer: { customer: retrieved },
    routeBody: undefined,
    storeReply: { customer: retrieved }
  },
  {
    operation: "searchCustomers",
    call: Effect.flatMap(OrceClient, (client) => client.searchCustomers({ email: "ada@example.com" })),
    answer: [found],
    routeBody: { email: "ada@example.com" },
    storeReply: { customers: [found] }
  },
  {
    operation: "mergeCustomers",
    call: Effect.flatMap(OrceClient, (client) => client.mergeCustomers("751251000002", "751251000001")),
    answer: "751251000001",
    routeBody: { intoCustomerId: "751251000001" },
    storeReply: { customerId: "751251000001" }
  }
]

describe("SOAP golden envelopes (doc section 3)", () => {
  for (const example of cases) {
    it.effect(`${example.operation}: the client sends the example request and reads the example response`, () => {
      const { sent, layer } = recordingClient(golden(`${example.operation}.response`))
      return Effect.gen(function*() {
        const answer = yield* example.call
        assert.deepStrictEqual(answer, example.answer)
        assert.strictEqual(sent.length, 1)
        sameXml(sent[0]!.body, golden(`${example.operation}.request`))
        assert.strictEqual(sent[0]!.headers.get("content-type"), "text/xml; charset=utf-8")
        assert.strictEqual(sent[0]!.headers.get("soapaction"), '""')
        assert.strictEqual(sent[0]!.url, `https://orce.example${customerServicesPath}`)
      }).pipe(Effect.provide(layer))
    })

    it(`${example.operation}: the mock reads the example request and writes the example response`, () => {
      const decoded = decodeSoapRequest(golden(`${example.operation}.request`))
      assert.isTrue("operation" in decoded, JSON.stringify(decoded))
      const request = decoded as SoapRequest
      assert.strictEqual(request.operation, example.operation)
      assert.strictEqual(request.securityUserId, "ORCE_SECURITY_USER")
      assert.deepStrictEqual(request.routeRequest.body, example.routeBody)
      const reply = encodeSoapAnswer(request, { status: 200, body: example.storeReply }, () => new Date("2026-01-02T03:04:06.000Z"), () => false)
      assert.strictEqual(reply.status, 200)
      sameXml(reply.text, golden(`${example.operation}.response`))
    })
  }

  it.effect("the example fault is read as the typed error its code maps to (CUSTOMER_NOT_FOUND: OrceNotFound)", () => {
    const { layer } = recordingClient(golden("fault.response"), 500)
    return Effect.gen(function*() {
      const client = yield* OrceClient
      const error = yield* Effect.flip(client.mergeCustomers("1", "2"))
      assert.strictEqual(error._tag, "OrceNotFound")
      assert.strictEqual(error.message, "Customer not found")
      assert.isUndefined(yield* client.findCustomer("751251000001"))
    }).pipe(Effect.provide(layer))
  })

  it("the mock writes a store's not-found as the example fault", () => {
    const request = decodeSoapRequest(golden("retrieveCustomer.request")) as SoapRequest
    const reply = encodeSoapAnswer(request, { status: 404, body: { error: { code: "NOT_FOUND", message: "Customer not found" } } }, () => new Date(), () => false)
    assert.strictEqual(reply.status, 500)
    sameXml(reply.text, golden("fault.response"))
  })
})
