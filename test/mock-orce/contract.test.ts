import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { lookupLimitMessage } from "../../src/orce/contract.ts"
import { OrceClient } from "../../src/orce/client.ts"
import { MockOrceService } from "../../mock-orce/in-process-layer.ts"
import { OrceStore } from "../../mock-orce/store.ts"
import type { OrceCustomerMessage } from "../../src/domain/orce-customer.ts"
import { defaultContractChoices } from "../../src/orce/soap/contract-choices.ts"
import { customerDataOut } from "../../src/orce/soap/customer-xml.ts"
import { requestEnvelope } from "../../src/orce/soap/envelope.ts"
import { customerServicesNamespace, customerServicesPath } from "../../src/orce/soap/schema.ts"
import { child, childText, parseXml } from "../../src/orce/soap/xml.ts"
import { customerMessage, defaultSeedIds } from "./fixtures.ts"
import { fixedNow, rawRequest, rawSoap, securityUserId, type Target, type TargetOptions, type TargetServices, targets, token } from "./targets.ts"

/**
 * The contract suite (MOCK-1): the same expectations against the in-process mock and the standalone server.
 * `it.live` because retries and timeouts run on the real clock.
 */

const run = (target: Target, options: TargetOptions = {}) => <A, E>(effect: Effect.Effect<A, E, TargetServices>) =>
  Effect.provide(effect, target.layer(options))

describe.each(targets)("mock ORCE contract ($name)", (target) => {
  it.live("MOCK-1 addOrUpdateCustomer creates a customer and answers its ID", () =>
    Effect.gen(function*() {
      const reply = yield* rawSoap(requestEnvelope("addOrUpdateCustomer", [
        customerDataOut(customerMessage(1), defaultContractChoices),
        { name: "securityUserId", text: securityUserId }
      ]))
      assert.strictEqual(reply.status, 200)
      const wrapper = child(parseXml(reply.text).children[0]!, "addOrUpdateCustomerResponse")!
      assert.strictEqual(wrapper.namespace, customerServicesNamespace)
      assert.strictEqual(childText(wrapper, "customerId"), defaultSeedIds[0])
    }).pipe(run(target)))

  it.live("OrceUnauthorized: a missing or wrong token answers HTTP 401; a missing security user the fault INVALID_USER", () =>
    Effect.gen(function*() {
      const retrieve = (user: string | undefined) =>
        requestEnvelope("retrieveCustomer", [{ name: "customerId", text: "1" }, user === undefined ? undefined : { name: "securityUserId", text: user }])
      const noToken = yield* rawSoap(retrieve(securityUserId), {})
      const wrongToken = yield* rawSoap(retrieve(securityUserId), { authorization: "Bearer nope" })
      assert.deepStrictEqual([noToken.status, wrongToken.status], [401, 401])
      for (const user of [undefined, "SOMEONE_ELSE"]) {
        const reply = yield* rawSoap(retrieve(user))
        assert.strictEqual(reply.status, 500)
        assert.include(reply.text, "<relateExceptionCode>INVALID_USER</relateExceptionCode>")
      }
    }).pipe(run(target)))

  it.live("OrceUnauthorized: the client maps 401 to OrceUnauthorized and never retries it", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const error = yield* Effect.flip(client.getCustomer("000000000001"))
      assert.strictEqual(error._tag, "OrceUnauthorized")
      assert.notInclude(JSON.stringify(error), token)
      const mock = yield* MockOrceService
      assert.strictEqual(mock.traffic.journal().length, 1)
    }).pipe(run(target, { mock: { token: "another-token" } })))

  it.live("MOCK-2 IDs are deterministic: the same seed and requests give the same IDs", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const sendThree = Effect.forEach([1, 2, 3], (n) => client.addOrUpdateCustomer(customerMessage(n)))
      const first = yield* sendThree
      const reset = yield* rawRequest("POST", "/__admin/reset")
      assert.strictEqual(reset.status, 200)
      const second = yield* sendThree
      assert.deepStrictEqual(second, first)
      assert.deepStrictEqual(first.map((answer) => answer.customerId), [...defaultSeedIds])
    }).pipe(run(target)))

  it.live("MOCK-2 the same creates in any order, one by one or all at once, leave the same state as in process", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const replay = (messages: ReadonlyArray<OrceCustomerMessage>, concurrency: number) =>
        Effect.gen(function*() {
          yield* rawRequest("POST", "/__admin/reset")
          const answers = yield* Effect.forEach(messages, (message) => client.addOrUpdateCustomer(message), { concurrency })
          assert.strictEqual(new Set(answers.map((answer) => answer.customerId)).size, messages.length)
          return {
            state: (yield* rawRequest("GET", "/__admin/state")).body,
            sharedEmail: (yield* client.searchCustomers({ email: "family@example.com" })).map((found) => found.customerId)
          }
        })
      const inOrder = yield* replay(mixedCreates, 1)
      assert.deepStrictEqual(yield* replay([...mixedCreates].reverse(), 1), inOrder)
      assert.deepStrictEqual(yield* replay(shuffled(mixedCreates), 1), inOrder)
      assert.deepStrictEqual(yield* replay(mixedCreates, mixedCreates.length), inOrder)
      // The same as a bare store reaches: in process and over HTTP agree.
      const store = new OrceStore({ now: fixedNow })
      for (const message of mixedCreates) store.addOrUpdate(message)
      assert.deepStrictEqual(inOrder.state, JSON.parse(JSON.stringify(store.exportSnapshot())))
    }).pipe(run(target)))

  it.live("MOCK-2 a seed of its own gives other IDs", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const answer = yield* client.addOrUpdateCustomer(customerMessage(1))
      assert.notStrictEqual(answer.customerId, defaultSeedIds[0])
      assert.match(answer.customerId, /^\d{12}$/)
    }).pipe(run(target, { mock: { seed: "another seed" } })))

  it.live("MOCK-2 state exports as a snapshot and loads back into an identical store", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const a = yield* client.addOrUpdateCustomer(customerMessage(1))
      const b = yield* client.addOrUpdateCustomer(customerMessage(2))
      yield* client.mergeCustomers(a.customerId, b.customerId)
      const exported = yield* rawRequest("GET", "/__admin/state")
      assert.strictEqual(exported.status, 200)
      yield* rawRequest("POST", "/__admin/reset")
      assert.strictEqual((yield* client.getCustomer(b.customerId).pipe(Effect.flip))._tag, "OrceNotFound")
      const restored = yield* rawRequest("POST", "/__admin/reset", exported.body)
      assert.deepStrictEqual(restored.body, { customers: 1 })
      const reexported = yield* rawRequest("GET", "/__admin/state")
      assert.deepStrictEqual(reexported.body, exported.body)
      const merged = yield* client.getCustomer(a.customerId)
      assert.strictEqual(merged.resolvedFrom, a.customerId)
      const next = yield* client.addOrUpdateCustomer(customerMessage(3))
      assert.strictEqual(next.customerId, defaultSeedIds[2])
    }).pipe(run(target)))

  it.live("MOCK-2 a snapshot that does not match the schema is refused with 400", () =>
    Effect.gen(function*() {
      const reply = yield* rawRequest("POST", "/__admin/reset", { format: "mock-orce-snapshot/1", customers: "none" })
      assert.strictEqual(reply.status, 400)
    }).pipe(run(target)))

  it.live("MOCK-3 creates the address, email and phone type codes it receives", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const mock = yield* MockOrceService
      assert.deepStrictEqual(mock.store.typeCodes(), { address: [], email: [], phone: [] })
      yield* client.addOrUpdateCustomer(customerMessage(1, {
        phones: [{ type: "BUSINESS", primary: true, number: "1" }, { type: "MOBILE", primary: false, number: "2" }]
      }))
      assert.deepStrictEqual(mock.store.typeCodes(), { address: ["HOME"], email: ["HOME"], phone: ["BUSINESS", "MOBILE"] })
    }).pipe(run(target)))

  it.live("MOCK-3 stores values exactly as sent", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const { customerId } = yield* client.addOrUpdateCustomer(customerMessage(1, { firstName: "aDa  ", lastName: "de la Lovelace" }))
      const { customer } = yield* client.getCustomer(customerId)
      assert.strictEqual(customer.firstName, "aDa  ")
      assert.strictEqual(customer.lastName, "de la Lovelace")
      assert.strictEqual(customer.addresses?.[0]?.postalCode, "N1 9GU")
      // Customer Services answers the signup date only (SignupDate, xsd:date).
      assert.strictEqual(customer.createDate, "2026-01-02")
    }).pipe(run(target)))

  it.live("MOCK-3 never deletes an email: the old one loses primary and a search on it still finds the customer", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const { customerId } = yield* client.addOrUpdateCustomer(customerMessage(1))
      yield* client.addOrUpdateCustomer({
        alternateKeys: [{ type: "OROMS_ID", value: "C1" }],
        emails: [{ type: "HOME", primary: true, address: "new@example.com" }]
      })
      const { customer } = yield* client.getCustomer(customerId)
      assert.deepStrictEqual(customer.emails, [
        { type: "HOME", primary: false, address: "ada1@example.com" },
        { type: "HOME", primary: true, address: "new@example.com" }
      ])
      const byOld = yield* client.searchCustomers({ email: "ADA1@Example.com" })
      assert.deepStrictEqual(byOld.map((found) => found.customerId), [customerId])
    }).pipe(run(target)))

  it.live("MAP-15 a field absent from the message is kept, a field sent as \"\" is cleared", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const { customerId } = yield* client.addOrUpdateCustomer(customerMessage(1, { middleName: "B" }))
      yield* client.addOrUpdateCustomer({
        customerId,
        middleName: "",
        addresses: [{ type: "HOME", primary: true, address1: "2 New Street", address2: "" }]
      })
      const { customer } = yield* client.getCustomer(customerId)
      assert.isUndefined(customer.middleName)
      assert.strictEqual(customer.firstName, "Ada")
      assert.deepStrictEqual(customer.addresses, [
        { type: "HOME", primary: true, address1: "2 New Street", city: "London", postalCode: "N1 9GU", country: "GBR" }
      ])
    }).pipe(run(target)))

  it.live("add or update finds the customer by ID, else by alt key, else creates", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const created = yield* client.addOrUpdateCustomer(customerMessage(1))
      const byAltKey = yield* client.addOrUpdateCustomer({ alternateKeys: [{ type: "OROMS_ID", value: "C1" }], lastName: "Byron" })
      const byId = yield* client.addOrUpdateCustomer({ customerId: created.customerId, firstName: "Augusta" })
      const other = yield* client.addOrUpdateCustomer(customerMessage(2))
      assert.deepStrictEqual([byAltKey.customerId, byId.customerId], [created.customerId, created.customerId])
      assert.notStrictEqual(other.customerId, created.customerId)
      assert.strictEqual((yield* MockOrceService).store.size, 2)
      const { customer } = yield* client.getCustomer(created.customerId)
      assert.deepStrictEqual([customer.firstName, customer.lastName], ["Augusta", "Byron"])
    }).pipe(run(target)))

  it.live("OrceNotFound: an unknown customer ID, on get or on update; a find answers undefined, sent once", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const onGet = yield* Effect.flip(client.getCustomer("999999999999"))
      const onUpdate = yield* Effect.flip(client.addOrUpdateCustomer({ customerId: "999999999999", lastName: "X" }))
      assert.deepStrictEqual([onGet._tag, onUpdate._tag], ["OrceNotFound", "OrceNotFound"])
      assert.strictEqual(yield* client.findCustomer("999999999999"), undefined)
      const mock = yield* MockOrceService
      assert.strictEqual(mock.traffic.journal().length, 3)
    }).pipe(run(target)))

  it.live("OrceRejected: a refusal carries ORCE's code and message and is never retried", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      yield* client.addOrUpdateCustomer(customerMessage(1))
      const { customerId } = yield* client.addOrUpdateCustomer(customerMessage(2))
      const error = yield* Effect.flip(client.addOrUpdateCustomer({ customerId, alternateKeys: [{ type: "OROMS_ID", value: "C1" }] }))
      assert.strictEqual(error._tag, "OrceRejected")
      if (error._tag === "OrceRejected") {
        assert.strictEqual(error.code, "DUPLICATE_CUSTOMER_ALT_KEY_EXISTS")
        assert.strictEqual(error.message, "Alternate key OROMS_ID is held by another customer")
      }
      const mock = yield* MockOrceService
      assert.strictEqual(mock.traffic.countCalls("addOrUpdateCustomer", customerId), 2)
    }).pipe(run(target)))

  it.live("MOCK-3 a merged-away ID resolves to its survivor, which gains its alt keys and emails (SYNC-4)", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const from = yield* client.addOrUpdateCustomer(customerMessage(1))
      const into = yield* client.addOrUpdateCustomer(customerMessage(2))
      const survivor = yield* client.mergeCustomers(from.customerId, into.customerId)
      assert.strictEqual(survivor, into.customerId)
      const got = yield* client.getCustomer(from.customerId)
      assert.strictEqual(got.resolvedFrom, from.customerId)
      assert.strictEqual(got.customer.customerId, into.customerId)
      assert.deepStrictEqual(got.customer.alternateKeys, [{ type: "OROMS_ID", value: "C2" }, { type: "OROMS_ID", value: "C1" }])
      const byOldEmail = yield* client.searchCustomers({ email: "ada1@example.com" })
      assert.deepStrictEqual(byOldEmail.map((found) => found.customerId), [into.customerId])
      const updated = yield* client.addOrUpdateCustomer({ customerId: from.customerId, firstName: "Merged" })
      assert.deepStrictEqual(updated, { customerId: into.customerId })
      const byAltKey = yield* client.addOrUpdateCustomer({ alternateKeys: [{ type: "OROMS_ID", value: "C1" }] })
      assert.strictEqual(byAltKey.customerId, into.customerId)
    }).pipe(run(target)))

  it.live("search answers in customer-ID order, by email, by alt key and by name + postal code", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const shared = [{ type: "HOME", primary: true, address: "family@example.com" }]
      const ids: Array<string> = []
      for (const n of [1, 2, 3]) ids.push((yield* client.addOrUpdateCustomer(customerMessage(n, { emails: shared }))).customerId)
      yield* client.addOrUpdateCustomer(customerMessage(4, { lastName: "Babbage" }))
      assert.notDeepEqual([...ids].sort(), ids, "creation order must differ from ID order, else this test proves nothing")
      const byEmail = yield* client.searchCustomers({ email: "Family@example.com" })
      assert.deepStrictEqual(byEmail.map((found) => found.customerId), [...ids].sort())
      const byAltKey = yield* client.searchCustomers({ alternateKey: { type: "OROMS_ID", value: "C2" } })
      assert.deepStrictEqual(byAltKey.map((found) => found.customerId), [ids[1]])
      const byName = yield* client.searchCustomers({ lastName: "lovelace", postalCode: "N1 9GU" })
      assert.deepStrictEqual(byName.map((found) => found.customerId), [...ids].sort())
      const none = yield* client.searchCustomers({ email: "nobody@example.com" })
      assert.deepStrictEqual(none, [])
    }).pipe(run(target)))

  it.live("MOCK-3 OrceLookupLimit: more results than the lookup limit fail with ORCE's message (SYNC-11)", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const shared = [{ type: "HOME", primary: true, address: "family@example.com" }]
      for (const n of [1, 2]) yield* client.addOrUpdateCustomer(customerMessage(n, { emails: shared }))
      assert.strictEqual((yield* client.searchCustomers({ email: "family@example.com" })).length, 2)
      yield* client.addOrUpdateCustomer(customerMessage(3, { emails: shared }))
      const error = yield* Effect.flip(client.searchCustomers({ email: "family@example.com" }))
      assert.strictEqual(error._tag, "OrceLookupLimit")
      assert.strictEqual(error.message, lookupLimitMessage)
      const searches = (yield* MockOrceService).traffic.journal().filter((entry) => entry.operation === "searchCustomers")
      assert.deepStrictEqual(searches.map((entry) => entry.status), [200, 500])
      assert.include(searches[1]!.responseXml, "<relateExceptionCode>MAXIMUM_LOOKUP_RESULTS_ERROR</relateExceptionCode>")
      assert.include(searches[1]!.responseXml, `<message>${lookupLimitMessage}</message>`)
    }).pipe(run(target, { mock: { lookupLimit: 2 } })))

  it.live("MOCK-4 OrceUnavailable: a 5xx is retried up to the limit, then fails", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const error = yield* Effect.flip(client.addOrUpdateCustomer(customerMessage(1)))
      assert.strictEqual(error._tag, "OrceUnavailable")
      if (error._tag === "OrceUnavailable") assert.strictEqual(error.reason, "server")
      const mock = yield* MockOrceService
      assert.deepStrictEqual(mock.traffic.journal().map((entry) => [entry.status, entry.fault]), [
        [503, "error"],
        [503, "error"],
        [503, "error"],
        [503, "error"]
      ])
    }).pipe(run(target, { mock: { faults: { errorRate: 1 } }, policy: { retries: 3 } })))

  it.live("MOCK-4 OrceUnavailable: a dropped connection is a connection error, retried up to the limit", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const error = yield* Effect.flip(client.getCustomer("000000000001"))
      assert.strictEqual(error._tag, "OrceUnavailable")
      if (error._tag === "OrceUnavailable") assert.strictEqual(error.reason, "connection")
      const mock = yield* MockOrceService
      assert.deepStrictEqual(mock.traffic.journal().map((entry) => entry.fault), ["drop", "drop", "drop"])
    }).pipe(run(target, { mock: { faults: { dropRate: 1 } }, policy: { retries: 2 } })))

  it.live("MOCK-4 OrceUnavailable: a request never answered times out after the per-request timeout", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const error = yield* Effect.flip(client.getCustomer("000000000001"))
      assert.strictEqual(error._tag, "OrceUnavailable")
      if (error._tag === "OrceUnavailable") assert.strictEqual(error.reason, "timeout")
      const mock = yield* MockOrceService
      // The mock records a held request when the client gives up on it, which may be just after the client moved on.
      yield* eventually(() => mock.traffic.journal().length === 2)
      assert.deepStrictEqual(mock.traffic.journal().map((entry) => entry.fault), ["timeout", "timeout"])
    }).pipe(run(target, { mock: { faults: { timeoutRate: 1 } }, policy: { retries: 1, timeoutMs: 50 } })))

  it.live("MOCK-4 retries stop at the first success: no request is sent twice after a success", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) yield* client.addOrUpdateCustomer(customerMessage(n))
      const mock = yield* MockOrceService
      const journal = mock.traffic.journal()
      const failed = journal.filter((entry) => entry.status === 503).length
      assert.isAbove(failed, 0, "the seed must make some attempts fail, else this test proves nothing")
      assert.strictEqual(journal.length, 8 + failed)
      for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) {
        const attempts = journal.filter((entry) => JSON.stringify(entry.requestBody).includes(`"C${n}"`))
        assert.deepStrictEqual(attempts.filter((entry) => entry.status === 200).length, 1)
        assert.strictEqual(attempts.at(-1)?.status, 200)
      }
    }).pipe(run(target, { mock: { faults: { seed: "flaky", errorRate: 0.4 } }, policy: { retries: 10 } })))

  it.live("MOCK-4 faults are deterministic from the seed: a reset replays the same failures", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const outcomes = Effect.forEach([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], (n) =>
        client.addOrUpdateCustomer(customerMessage(n)).pipe(Effect.match({ onFailure: () => "failed", onSuccess: () => "ok" })))
      const first = yield* outcomes
      yield* rawRequest("POST", "/__admin/reset")
      const second = yield* outcomes
      assert.deepStrictEqual(second, first)
      assert.include(first, "failed")
      assert.include(first, "ok")
    }).pipe(run(target, { mock: { faults: { seed: "replay", errorRate: 0.5 } }, policy: { retries: 0 } })))

  it.live("MOCK-4 a listed customer fails also when the request names it only by alt key", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const { customerId } = yield* client.addOrUpdateCustomer(customerMessage(1))
      const mock = yield* MockOrceService
      mock.setFaults({ failCustomerIds: [customerId], failStatus: 400 })
      const error = yield* Effect.flip(client.addOrUpdateCustomer(customerMessage(1, { lastName: "Byron" })))
      assert.strictEqual(error._tag, "OrceRejected")
      yield* client.addOrUpdateCustomer(customerMessage(2))
      assert.strictEqual(mock.store.size, 2)
    }).pipe(run(target)))

  it.live("MOCK-4 failures for listed customers and alt keys; others pass", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      yield* client.addOrUpdateCustomer(customerMessage(1))
      const byAltKey = yield* Effect.flip(client.addOrUpdateCustomer(customerMessage(2)))
      const byId = yield* Effect.flip(client.getCustomer("000000000042"))
      assert.deepStrictEqual([byAltKey._tag, byId._tag], ["OrceRejected", "OrceRejected"])
      const mock = yield* MockOrceService
      assert.strictEqual(mock.traffic.journal().length, 3)
    }).pipe(run(target, { mock: { faults: { failAltKeyValues: ["C2"], failCustomerIds: ["000000000042"], failStatus: 400 } } })))

  it.live("MOCK-4 OrceMaskedResponse: a masked customer fails get and search, and no masked value is returned (SYNC-10)", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const { customerId } = yield* client.addOrUpdateCustomer(customerMessage(1))
      assert.strictEqual(customerId, defaultSeedIds[0])
      const onGet = yield* Effect.flip(client.getCustomer(customerId))
      const onSearch = yield* Effect.flip(client.searchCustomers({ email: "ada1@example.com" }))
      assert.deepStrictEqual([onGet._tag, onSearch._tag], ["OrceMaskedResponse", "OrceMaskedResponse"])
      assert.notInclude(JSON.stringify(onGet), "*****")
      const raw = yield* rawSoap(requestEnvelope("retrieveCustomer", [
        { name: "customerId", text: customerId },
        { name: "securityUserId", text: securityUserId }
      ]))
      assert.include(raw.text, `<Name Location="Last">*****</Name>`)
      assert.include(raw.text, "<EMailAddress>*****</EMailAddress>")
      assert.include(raw.text, "<MaskData>true</MaskData>")
    }).pipe(run(target, { mock: { faults: { maskCustomerIds: [defaultSeedIds[0]] } } })))

  it.live("MOCK-4 forced lookup-limit errors for listed search values (SYNC-11)", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      yield* client.addOrUpdateCustomer(customerMessage(1))
      const error = yield* Effect.flip(client.searchCustomers({ email: "ADA1@example.com" }))
      assert.strictEqual(error._tag, "OrceLookupLimit")
      assert.deepStrictEqual((yield* client.searchCustomers({ email: "other@example.com" })), [])
    }).pipe(run(target, { mock: { faults: { lookupLimitValues: ["ada1@example.com"] } } })))

  it.live("MOCK-5 the journal records every exchange with timings; the admin API counts calls per operation and customer", () =>
    Effect.gen(function*() {
      const client = yield* OrceClient
      const { customerId } = yield* client.addOrUpdateCustomer(customerMessage(1))
      yield* client.addOrUpdateCustomer({ customerId, lastName: "Byron" })
      yield* client.getCustomer(customerId)
      const journal = yield* rawRequest("GET", "/__admin/journal")
      const entries = (journal.body as { entries: Array<Record<string, unknown>> }).entries
      assert.deepStrictEqual(entries.map((entry) => [entry.sequence, entry.operation, entry.path, entry.status]), [
        [1, "addOrUpdateCustomer", customerServicesPath, 200],
        [2, "addOrUpdateCustomer", customerServicesPath, 200],
        [3, "retrieveCustomer", customerServicesPath, 200]
      ])
      assert.deepStrictEqual(entries[0]?.responseBody, { customerId, created: true })
      assert.include(entries[0]?.responseXml, `<customerId>${customerId}</customerId>`)
      assert.strictEqual(typeof entries[0]?.durationMs, "number")
      assert.strictEqual(typeof entries[0]?.started, "string")
      const posts = yield* rawRequest("GET", `/__admin/calls?operation=addOrUpdateCustomer&customerId=${customerId}`)
      const gets = yield* rawRequest("GET", `/__admin/calls?operation=retrieveCustomer&customerId=${customerId}`)
      assert.deepStrictEqual([posts.body, gets.body], [{ count: 2 }, { count: 1 }])
      const since = yield* rawRequest("GET", "/__admin/journal?since=2")
      assert.strictEqual((since.body as { entries: Array<unknown> }).entries.length, 1)
    }).pipe(run(target)))

  it.live("the admin API asks for the same credentials", () =>
    Effect.gen(function*() {
      const reply = yield* rawRequest("GET", "/__admin/state", undefined, {})
      assert.strictEqual(reply.status, 401)
    }).pipe(run(target)))

  it.live("the concurrency limit holds: never more requests in flight than orceConcurrency", () => {
    let inFlight = 0
    let peak = 0
    return Effect.gen(function*() {
      const client = yield* OrceClient
      yield* Effect.forEach([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], (n) => client.addOrUpdateCustomer(customerMessage(n)), {
        concurrency: "unbounded"
      })
      assert.strictEqual(peak, 2)
    }).pipe(run(target, {
      mock: { faults: { latencyMs: 5 } },
      policy: { concurrency: 2 },
      wrapFetch: (fetch) => async (input, init) => {
        peak = Math.max(peak, ++inFlight)
        try {
          return await fetch(input, init)
        } finally {
          inFlight--
        }
      }
    }))
  })
})

/**
 * Creates of every kind the ID rule tells apart: OROMS customer numbers (with and without a WEB key), OROMS keys
 * that are not numbers, a WEB key alone, no alt key at all; two share an email (search order) and the last brings
 * a phone type of its own (type codes).
 */
const mixedCreates: ReadonlyArray<OrceCustomerMessage> = (() => {
  const family = [{ type: "HOME", primary: true, address: "family@example.com" }]
  const { alternateKeys: _keys, ...withoutKeys } = customerMessage(8, { phones: [{ type: "MOBILE", primary: true, number: "07700 900000" }] })
  return [
    customerMessage(1),
    customerMessage(2, { emails: family }),
    customerMessage(3, { emails: family }),
    customerMessage(4),
    customerMessage(5, { alternateKeys: [{ type: "OROMS_ID", value: "10042" }] }),
    customerMessage(6, { alternateKeys: [{ type: "OROMS_ID", value: "10043" }, { type: "WEB_ID", value: "w-6" }] }),
    customerMessage(7, { alternateKeys: [{ type: "WEB_ID", value: "w-7" }] }),
    withoutKeys
  ]
})()

/** A fixed reordering, so a failure replays the same way. */
const shuffled = <A>(items: ReadonlyArray<A>): Array<A> => [...items.filter((_, i) => i % 2 === 1), ...items.filter((_, i) => i % 2 === 0)]

/** Waits for a condition the mock reaches asynchronously; fails instead of hanging if it never does. */
const eventually = (condition: () => boolean) =>
  Effect.gen(function*() {
    for (let attempt = 0; attempt < 200; attempt++) {
      if (condition()) return
      yield* Effect.sleep(10)
    }
    assert.fail("condition not reached")
  })
