import { assert, describe, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { MockOrceService } from "../../mock-orce/in-process-layer.ts"
import { OrceClient } from "../../src/orce/client.ts"
import { customerServicesNamespace, operationNames, soapEnvelopeNamespace } from "../../src/orce/soap/schema.ts"
import { child, childrenNamed, childText, parseXml } from "../../src/orce/soap/xml.ts"
import { customerMessage, defaultSeedIds } from "./fixtures.ts"
import { rawSoap, securityUserId, targets, type Target, type TargetOptions, type TargetServices } from "./targets.ts"

/**
 * The SOAP contract (issue 17) against the in-process mock and the standalone server alike (MOCK-1): the
 * client speaks Customer Services v3.1, the mock answers as ORCE would, every fault code and refusal reaches
 * the stages as its typed error, and what a real ORCE would refuse is refused naming the element.
 */

const run = (target: Target, options: TargetOptions = {}) => <A, E>(effect: Effect.Effect<A, E, TargetServices>) =>
  Effect.provide(effect, target.layer(options))

const envelope = (body: string, wrapperAttributes = "") =>
  `<soapenv:Envelope xmlns:soapenv="${soapEnvelopeNamespace}" xmlns:v3="${customerServicesNamespace}"><soapenv:Body>${body.replace("%A", wrapperAttributes)}</soapenv:Body></soapenv:Envelope>`

const faultOf = (text: string) => {
  const fault = child(child(parseXml(text), "Body")!, "Fault")!
  return { faultcode: childText(fault, "faultcode"), faultstring: childText(fault, "faultstring") }
}

describe.each(targets)("SOAP contract ($name)", (target) => {
  it.live("MOCK-1 addOrUpdateCustomer answers the new ID; retrieveCustomer reads back what was sent", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const answer = yield* client.addOrUpdateCustomer(customerMessage(1, {
        middleName: "B",
        birthDate: "1900-12-10",
        contactPermissions: { mail: "Y", email: "N", rent: "Y" },
        attributes: [{ name: "TIER", value: "GOLD" }]
      }))
      assert.deepStrictEqual(answer, { customerId: defaultSeedIds[0] })
      const { customer, resolvedFrom } = yield* client.getCustomer(answer.customerId)
      assert.isUndefined(resolvedFrom)
      assert.deepInclude(customer, {
        customerId: defaultSeedIds[0],
        firstName: "Ada",
        middleName: "B",
        lastName: "Lovelace",
        birthDate: "1900-12-10",
        contactPermissions: { mail: "Y", email: "N", rent: "Y" },
        attributes: [{ name: "TIER", value: "GOLD" }],
        alternateKeys: [{ type: "OROMS_ID", value: "C1" }],
        emails: [{ type: "HOME", primary: true, address: "ada1@example.com" }],
        phones: [{ type: "BUSINESS", primary: true, number: "020 7946 0000" }],
        updateUser: "OROMS-BATCH"
      })
      assert.deepStrictEqual(customer.addresses, customerMessage(1).addresses)
    }).pipe(run(target)))

  it.live("MOCK-3 values are stored exactly as sent, markup characters and all (escaped on the wire)", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const odd = `<b>&amp; "Ö'Brien" ]]> &#233;  `
      const { customerId } = yield* client.addOrUpdateCustomer(customerMessage(1, { firstName: odd, lastName: "Smith & Sons" }))
      const { customer } = yield* client.getCustomer(customerId)
      assert.deepStrictEqual([customer.firstName, customer.lastName], [odd, "Smith & Sons"])
    }).pipe(run(target)))

  it.live("CUSTOMER_NOT_FOUND is OrceNotFound on retrieve and update, a find answers undefined, each sent once", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const onGet = yield* Effect.flip(client.getCustomer("999999999999"))
      const onUpdate = yield* Effect.flip(client.addOrUpdateCustomer({ customerId: "999999999999", lastName: "X" }))
      const onMerge = yield* Effect.flip(client.mergeCustomers("999999999999", "999999999998"))
      assert.deepStrictEqual([onGet._tag, onUpdate._tag, onMerge._tag], ["OrceNotFound", "OrceNotFound", "OrceNotFound"])
      assert.isUndefined(yield* client.findCustomer("999999999999"))
      assert.strictEqual((yield* MockOrceService).traffic.journal().length, 4)
    }).pipe(run(target)))

  it.live("SYNC-10 MaskData=true fails retrieve and search with OrceMaskedResponse naming the customer", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const mock = yield* MockOrceService
      const { customerId } = yield* client.addOrUpdateCustomer(customerMessage(1))
      mock.setFaults({ maskCustomerIds: [customerId] })
      const onGet = yield* Effect.flip(client.getCustomer(customerId))
      const onSearch = yield* Effect.flip(client.searchCustomers({ email: "ada1@example.com" }))
      for (const error of [onGet, onSearch]) {
        assert.strictEqual(error._tag, "OrceMaskedResponse")
        if (error._tag === "OrceMaskedResponse") assert.deepStrictEqual(error.customerIds, [customerId])
      }
      const answer = mock.traffic.journal().at(-1)!.responseXml!
      assert.include(answer, "<MaskData>true</MaskData>")
    }).pipe(run(target)))

  it.live("INVALID_USER (a security user ORCE does not know) is OrceUnauthorized, never retried", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip((yield* OrceClient).getCustomer("000000000001"))
      assert.strictEqual(error._tag, "OrceUnauthorized")
      assert.include(error.message, "INVALID_USER")
      assert.strictEqual((yield* MockOrceService).traffic.journal().length, 1)
    }).pipe(run(target, { mock: { securityUserId: "SOMEONE_ELSE" } })))

  it.live("MOCK-4 a listed customer failed with a 4xx status gets the fault INSUFFICIENT_DATA_SUPPLIED: OrceRejected, others pass", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const error = yield* Effect.flip(client.addOrUpdateCustomer(customerMessage(1)))
      assert.strictEqual(error._tag, "OrceRejected")
      if (error._tag === "OrceRejected") assert.strictEqual(error.code, "INSUFFICIENT_DATA_SUPPLIED")
      yield* client.addOrUpdateCustomer(customerMessage(2))
    }).pipe(run(target, { mock: { faults: { failAltKeyValues: ["C1"], failStatus: 400 } } })))

  it.live("MOCK-5 the journal records each exchange: operation, what the store took and answered, the SOAP text, the customers", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const { customerId } = yield* client.addOrUpdateCustomer(customerMessage(1))
      yield* client.getCustomer(customerId)
      const journal = (yield* MockOrceService).traffic.journal()
      assert.deepStrictEqual(journal.map((entry) => [entry.sequence, entry.operation, entry.status]), [
        [1, "addOrUpdateCustomer", 200],
        [2, "retrieveCustomer", 200]
      ])
      assert.include(journal[0]!.requestXml, "<v3:addOrUpdateCustomer>")
      assert.include(journal[1]!.responseXml, "retrieveCustomerResponse")
      assert.deepStrictEqual(journal[0]!.requestBody, { customer: customerMessage(1) })
      assert.strictEqual((journal[1]!.responseBody as { customer: { customerId: string } }).customer.customerId, customerId)
      assert.deepStrictEqual(journal[1]!.customerIds, [customerId, customerId])
    }).pipe(run(target)))

  // --- strictness: what a real ORCE would refuse, the mock refuses naming the element -------------------

  const refusals: ReadonlyArray<readonly [string, string, string]> = [
    [
      "an unknown element",
      `<v3:addOrUpdateCustomer><customerData><Nickname>Ada</Nickname></customerData><securityUserId>${securityUserId}</securityUserId></v3:addOrUpdateCustomer>`,
      "addOrUpdateCustomer/customerData/Nickname is not an element of CustomerType"
    ],
    [
      "an element out of schema order",
      `<v3:addOrUpdateCustomer><customerData><Source>x</Source><RetailStoreID>1</RetailStoreID></customerData><securityUserId>${securityUserId}</securityUserId></v3:addOrUpdateCustomer>`,
      "addOrUpdateCustomer/customerData/RetailStoreID is out of schema order in addOrUpdateCustomer/customerData"
    ],
    [
      "a missing required element",
      `<v3:mergeCustomers><mergeTargetSet><customerId>1</customerId></mergeTargetSet><securityUserId>${securityUserId}</securityUserId></v3:mergeCustomers>`,
      "mergeCustomers/mergeSource is required"
    ],
    [
      "a missing required child",
      `<v3:searchCustomers><customerData><EntityInformation><Individual><ContactInformation><EMail/></ContactInformation></Individual></EntityInformation></customerData><securityUserId>${securityUserId}</securityUserId></v3:searchCustomers>`,
      "searchCustomers/customerData/EntityInformation/Individual/ContactInformation/EMail/EMailAddress is required"
    ],
    [
      "a qualified child",
      `<v3:retrieveCustomer><v3:customerId>1</v3:customerId></v3:retrieveCustomer>`,
      `retrieveCustomer/customerId must be unqualified (no namespace), not in ${customerServicesNamespace}`
    ],
    [
      "a wrapper in another namespace",
      `<retrieveCustomer xmlns="http://v3_0.customer.webservices.csx.dtv.com/"><customerId>1</customerId></retrieveCustomer>`,
      `retrieveCustomer must be in the namespace ${customerServicesNamespace}, not "http://v3_0.customer.webservices.csx.dtv.com/"`
    ],
    [
      "a value that is not its type",
      `<v3:addOrUpdateCustomer><customerData><Prospect>maybe</Prospect></customerData></v3:addOrUpdateCustomer>`,
      `addOrUpdateCustomer/customerData/Prospect must be true or false, not "maybe"`
    ],
    [
      "an unknown attribute",
      `<v3:addOrUpdateCustomer><customerData><AlternateKey Type="X"><AlternateID>1</AlternateID></AlternateKey></customerData></v3:addOrUpdateCustomer>`,
      "addOrUpdateCustomer/customerData/AlternateKey has an unknown attribute Type"
    ],
    ["an unknown operation", `<v3:deleteEverything/>`, "Unknown operation deleteEverything"]
  ]
  for (const [what, body, faultString] of refusals) {
    it.live(`MOCK-3 refuses ${what} with a Client fault naming it`, () =>
      Effect.gen(function*() {
        const reply = yield* rawSoap(envelope(body))
        assert.strictEqual(reply.status, 500)
        assert.strictEqual(reply.contentType, "text/xml; charset=utf-8")
        assert.deepStrictEqual(faultOf(reply.text), { faultcode: "S:Client", faultstring: faultString })
      }).pipe(run(target)))
  }

  it.live("MOCK-3 refuses a body that is not SOAP, or not XML, with a Client fault", () =>
    Effect.gen(function*() {
      for (const body of [`{"customer":{}}`, `<customer/>`, envelope(`<v3:retrieveCustomer><customerId>1</customerId>`)]) {
        const reply = yield* rawSoap(body)
        assert.strictEqual(reply.status, 500)
        assert.strictEqual(faultOf(reply.text).faultcode, "S:Client")
        assert.match(faultOf(reply.text).faultstring ?? "", /^Not a SOAP 1.1 request: /)
      }
    }).pipe(run(target)))

  it.live("?wsdl answers a WSDL of the four operations at this endpoint, with one fault each and soapAction \"\"", () =>
    Effect.gen(function*() {
      const reply = yield* rawSoap("", {}, "GET", "?wsdl")
      assert.strictEqual(reply.status, 200)
      const definitions = parseXml(reply.text)
      assert.deepStrictEqual([definitions.name, definitions.attributes["targetNamespace"]], ["definitions", customerServicesNamespace])
      const portType = child(definitions, "portType")!
      assert.deepStrictEqual(childrenNamed(portType, "operation").map((op) => op.attributes["name"]), [...operationNames])
      for (const operation of childrenNamed(portType, "operation")) assert.isDefined(child(operation, "fault"))
      const binding = child(definitions, "binding")!
      for (const operation of childrenNamed(binding, "operation")) assert.strictEqual(child(operation, "operation")!.attributes["soapAction"], "")
      const address = child(child(child(definitions, "service")!, "port")!, "address")!
      assert.match(address.attributes["location"]!, /\/OrceWebServices\/v3_1\/CustomerServicesApiService$/)
    }).pipe(run(target)))

  // --- authentication as ORCE does it ------------------------------------------------------------------

  it.live("HTTP Basic with the web-service user and password is accepted; a wrong password is refused with HTTP 401", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const { customerId } = yield* client.addOrUpdateCustomer(customerMessage(1))
      assert.strictEqual(customerId, defaultSeedIds[0])
      const wrong = yield* rawSoap(envelope(`<v3:retrieveCustomer><customerId>1</customerId></v3:retrieveCustomer>`), {
        authorization: `Basic ${Buffer.from("ws-user:wrong").toString("base64")}`
      })
      assert.strictEqual(wrong.status, 401)
    }).pipe(run(target, {
      mock: { basicAuth: { user: "ws-user", password: "s3cret" } },
      credentials: { kind: "basic", user: "ws-user", password: Redacted.make("s3cret") }
    })))

  it.live("OAuth 2 client credentials: one token for many requests; a revoked token is renewed once on 401", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const mock = yield* MockOrceService
      yield* Effect.forEach([1, 2, 3], (n) => client.addOrUpdateCustomer(customerMessage(n)), { concurrency: 3 })
      assert.strictEqual(mock.authority.tokensIssued, 1)
      mock.authority.revokeTokens()
      yield* client.getCustomer(defaultSeedIds[0])
      assert.strictEqual(mock.authority.tokensIssued, 2)
      assert.deepStrictEqual(mock.traffic.journal().map((entry) => entry.status), [200, 200, 200, 401, 200])
    }).pipe(run(target, {
      mock: { oauthClient: { clientId: "app-id", clientSecret: "app-secret" } },
      credentials: { kind: "oauth", tokenUrl: "", clientId: "app-id", clientSecret: Redacted.make("app-secret") }
    })))

  it.live("OAuth 2: a secret the token endpoint refuses is OrceUnauthorized naming what to check", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip((yield* OrceClient).getCustomer("1"))
      assert.strictEqual(error._tag, "OrceUnauthorized")
      assert.include(error.message, "ORCE_CLIENT_SECRET")
      assert.notInclude(error.message, "wrong-secret")
    }).pipe(run(target, {
      mock: { oauthClient: { clientId: "app-id", clientSecret: "app-secret" } },
      credentials: { kind: "oauth", tokenUrl: "", clientId: "app-id", clientSecret: Redacted.make("wrong-secret") }
    })))
})
