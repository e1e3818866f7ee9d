import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { syncJob } from "../support/jobs.ts"
import { MockOrceService } from "../../mock-orce/in-process-layer.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import {
  addOrUpdates,
  cleanRow,
  hasOromsKey,
  journal,
  live,
  loadCustomers,
  orceCustomer,
  orceCustomerOf,
  orceCustomers,
  orceEmailSearch,
  orceHas,
  orceMessage,
  outcomesOf,
  pipelineLayer,
  stagingRows,
  syncState
} from "./harness.ts"

/**
 * The SYNCRDB matching rules (SYNC-3..SYNC-7, SYNC-9) and the mapping rules that depend on the match
 * (MAP-11, MAP-12), through the sync pipeline against the in-process mock ORCE prepared per test.
 */

const sync = Effect.gen(function*() {
  const result = yield* syncJob()
  if (result._tag !== "Synced") return yield* Effect.die(new Error(`sync did not run: ${result.reason}`))
  return result
})

const emailSearches = Effect.map(journal, (entries) =>
  entries.filter((entry) => entry.operation === "searchCustomers" && "email" in (entry.requestBody as object)))

forEachDialect("SYNCRDB matching", (it) => {
  it.effect("SYNC-3 a customer with a Relate ID or an e-commerce ID is sent with its alt keys, name, address, phones and primary email", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const byRelateId = yield* orceHas(orceMessage({ emails: [{ type: "HOME", primary: true, address: "x@example.com" }] }))
      const byWebKey = yield* orceHas(orceMessage({
        alternateKeys: [{ type: "WEB_ID", value: "w-2" }],
        emails: [{ type: "HOME", primary: true, address: "y@example.com" }]
      }))
      const contact = { day_phone: "217-555-0101", evening_phone: "(217) 555 0102", email: "Ada.Lovelace@Example.com" }
      yield* loadCustomers([
        cleanRow(1, { ...contact, relate_id: byRelateId, ecommerce_id: "w-1", sync_flag: "Y" }),
        cleanRow(2, { ...contact, ecommerce_id: "w-2", sync_flag: "Y" })
      ])
      const result = yield* sync

      const outcomes = yield* outcomesOf(result.runId)
      assert.deepStrictEqual([outcomes[1]?.match, outcomes[1]?.outcome], ["relate-id", "updated"])
      assert.deepStrictEqual([outcomes[2]?.match, outcomes[2]?.outcome], ["ecommerce-id", "updated"])
      // Neither went through the email search: their IDs decide.
      assert.lengthOf(yield* emailSearches, 0)
      assert.lengthOf(yield* orceCustomers, 2)

      const sent = yield* addOrUpdates
      assert.lengthOf(sent, 2)
      for (const [customerNumber, webId, orceId] of [[1, "w-1", byRelateId], [2, "w-2", byWebKey]] as const) {
        const message = sent.find(({ message }) =>
          message.alternateKeys?.some((key) => key.type === "OROMS_ID" && key.value === String(customerNumber))
        )?.message
        assert.isDefined(message)
        assert.deepStrictEqual(message!.alternateKeys, [
          { type: "OROMS_ID", value: String(customerNumber) },
          { type: "WEB_ID", value: webId }
        ])
        assert.strictEqual(message!.firstName, "ADA")
        assert.strictEqual(message!.lastName, "LOVELACE")
        assert.deepInclude(message!.addresses![0]!, {
          type: "HOME",
          primary: true,
          address1: "12 MAIN ST",
          city: "SPRINGFIELD",
          state: "IL",
          postalCode: "62701",
          country: "US"
        })
        assert.deepStrictEqual(message!.phones!.map((phone) => [phone.type, phone.number]), [
          ["BUSINESS", "2175550101"],
          ["HOME", "2175550102"]
        ])
        assert.deepStrictEqual(message!.emails!.map((email) => [email.address, email.primary]), [["Ada.Lovelace@Example.com", true]])
        const stored = yield* orceCustomer(orceId)
        assert.isTrue(hasOromsKey(stored, customerNumber))
        assert.isTrue((stored.alternateKeys ?? []).some((key) => key.type === "WEB_ID" && key.value === webId))
        assert.strictEqual(stored.lastName, "LOVELACE")
      }
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("SYNC-3 a customer with an e-commerce ID ORCE does not hold is sent under its alt keys and created, never matched by email", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const sameEmail = yield* orceHas(orceMessage({ emails: [{ type: "HOME", primary: true, address: "ada1@example.com" }] }))
      yield* loadCustomers([cleanRow(1, { ecommerce_id: "w-1", sync_flag: "Y" })])
      const result = yield* sync
      const outcome = (yield* outcomesOf(result.runId))[1]
      assert.deepStrictEqual([outcome?.match, outcome?.outcome], ["ecommerce-id", "created"])
      assert.lengthOf(yield* emailSearches, 0)
      const created = yield* orceCustomerOf(1)
      assert.notStrictEqual(created?.customerId, sameEmail)
      assert.deepInclude(created?.alternateKeys ?? [], { type: "WEB_ID", value: "w-1" })
      assert.isFalse(hasOromsKey(yield* orceCustomer(sameEmail), 1))
      assert.lengthOf(yield* orceCustomers, 2)
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("SYNC-4 a customer merged in ORCE gets the survivor's ID as its Relate ID, reported as relate-id-changed", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const merged = yield* orceHas(orceMessage({ alternateKeys: [{ type: "OROMS_ID", value: "1" }] }))
      const survivor = yield* orceHas(orceMessage({ emails: [{ type: "HOME", primary: true, address: "survivor@example.com" }] }))
      const mock = yield* MockOrceService
      assert.isTrue(mock.store.merge(merged, survivor).ok)
      yield* loadCustomers([cleanRow(1, { relate_id: merged, sync_flag: "Y" }), cleanRow(2, { relate_id: survivor, sync_flag: "Y" })])
      const result = yield* sync

      const outcomes = yield* outcomesOf(result.runId)
      assert.strictEqual(outcomes[1]?.outcome, "relate-id-changed")
      assert.strictEqual(outcomes[1]?.relateIdBefore, merged)
      assert.strictEqual(outcomes[1]?.relateIdAfter, survivor)
      assert.include(outcomes[1]?.reason, merged)
      assert.include(outcomes[1]?.reason, survivor)
      assert.include(outcomes[1]?.reason, "merged in ORCE")
      // The survivor's own customer is a plain update: its Relate ID did not change.
      assert.deepStrictEqual([outcomes[2]?.outcome, outcomes[2]?.reason], ["updated", ""])
      assert.strictEqual(result.counts["relate-id-changed"], 1)
      const state = yield* syncState
      assert.deepStrictEqual(state[1], { relateId: survivor, syncFlag: "N", ecommerceId: "" })
      assert.lengthOf(yield* orceCustomers, 1)
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("SYNC-5 synchronizes with the first email match without an OROMS alt key", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const shared = "shared@example.com"
      const email = (address: string) => [{ type: "HOME", primary: true, address }]
      const keyed = yield* orceHas(orceMessage({ emails: email(shared), alternateKeys: [{ type: "OROMS_ID", value: "900" }] }))
      const free = [
        yield* orceHas(orceMessage({ emails: email(shared), firstName: "FIRST" })),
        yield* orceHas(orceMessage({ emails: email(shared), firstName: "SECOND" }))
      ]
      const [firstFree, secondFree] = (yield* orceEmailSearch(shared)).filter((id) => id !== keyed)
      assert.sameMembers([firstFree, secondFree], free)
      // ORCE searches emails case-insensitively; OACS keeps the case it has (MAP-1).
      yield* loadCustomers([cleanRow(1, { email: "Shared@Example.COM", sync_flag: "Y" })])
      const result = yield* sync

      const outcomes = yield* outcomesOf(result.runId)
      assert.deepStrictEqual([outcomes[1]?.match, outcomes[1]?.outcome], ["email", "updated"])
      assert.strictEqual((yield* syncState)[1]?.relateId, firstFree)
      assert.isTrue(hasOromsKey(yield* orceCustomer(firstFree!), 1))
      assert.isFalse(hasOromsKey(yield* orceCustomer(secondFree!), 1))
      assert.isFalse(hasOromsKey(yield* orceCustomer(keyed), 1))
      assert.lengthOf(yield* orceCustomers, 3)
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("SYNC-5 when every email match has an OROMS alt key, synchronizes with the first returned", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const email = [{ type: "HOME", primary: true, address: "family@example.com" }]
      const keyed = [
        yield* orceHas(orceMessage({ emails: email, alternateKeys: [{ type: "OROMS_ID", value: "900" }] })),
        yield* orceHas(orceMessage({ emails: email, alternateKeys: [{ type: "OROMS_ID", value: "901" }] }))
      ]
      const [first, second] = yield* orceEmailSearch("family@example.com")
      assert.sameMembers([first, second], keyed)
      yield* loadCustomers([cleanRow(1, { email: "family@example.com", sync_flag: "Y" })])
      const result = yield* sync

      const outcomes = yield* outcomesOf(result.runId)
      assert.deepStrictEqual([outcomes[1]?.match, outcomes[1]?.outcome], ["email-with-oroms-key", "updated"])
      assert.strictEqual((yield* syncState)[1]?.relateId, first)
      const firstNow = yield* orceCustomer(first!)
      assert.isTrue(hasOromsKey(firstNow, 1))
      assert.isTrue(hasOromsKey(firstNow, first === keyed[0] ? 900 : 901))
      assert.isFalse(hasOromsKey(yield* orceCustomer(second!), 1))
      assert.lengthOf(yield* orceCustomers, 2)
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("SYNC-5 an email match already holding the customer's own OROMS alt key is that customer, before one without a key", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const email = (address: string) => [{ type: "HOME", primary: true, address }]
      yield* orceHas(orceMessage({ emails: email("ada1@example.com"), alternateKeys: [{ type: "OROMS_ID", value: "900" }] }))
      const free = yield* orceHas(orceMessage({ emails: email("ada1@example.com") }))
      // As an earlier attempt that reached ORCE but never wrote back would have left it.
      const own = yield* orceHas(orceMessage({ emails: email("ada1@example.com"), alternateKeys: [{ type: "OROMS_ID", value: "1" }] }))
      yield* loadCustomers([cleanRow(1, { sync_flag: "Y" })])
      const result = yield* sync
      const outcome = (yield* outcomesOf(result.runId))[1]
      assert.deepStrictEqual([outcome?.outcome, outcome?.relateIdAfter], ["updated", own])
      assert.isFalse(hasOromsKey(yield* orceCustomer(free), 1))
      assert.lengthOf(yield* orceCustomers, 3)
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("SYNC-5 no email match: the customer is created", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* orceHas(orceMessage())
      yield* loadCustomers([cleanRow(1, { email: "nobody-else@example.com", sync_flag: "Y" })])
      const result = yield* sync
      const outcomes = yield* outcomesOf(result.runId)
      assert.deepStrictEqual([outcomes[1]?.match, outcomes[1]?.outcome], ["new", "created"])
      assert.lengthOf(yield* emailSearches, 1)
      assert.lengthOf(yield* orceCustomers, 2)
      assert.strictEqual((yield* syncState)[1]?.relateId, (yield* orceCustomerOf(1))?.customerId)
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("SYNC-6 a customer with no email, e-commerce ID or Relate ID is created even when ORCE holds one with its name, address and phone", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const lookalike = yield* orceHas(orceMessage({
        firstName: "ADA",
        lastName: "LOVELACE",
        addresses: [{ type: "HOME", primary: true, address1: "12 MAIN ST", city: "SPRINGFIELD", state: "IL", postalCode: "62701", country: "US" }],
        phones: [{ type: "BUSINESS", primary: true, number: "2175550101" }],
        emails: []
      }))
      yield* loadCustomers([cleanRow(1, { email: "", day_phone: "217-555-0101", sync_flag: "Y" })])
      const result = yield* sync

      const outcomes = yield* outcomesOf(result.runId)
      assert.deepStrictEqual([outcomes[1]?.match, outcomes[1]?.outcome], ["new", "created"])
      const created = yield* orceCustomerOf(1)
      assert.notStrictEqual(created?.customerId, lookalike)
      assert.lengthOf(yield* orceCustomers, 2)
      // Nothing was searched: neither by email (there is none) nor by name, address or phone.
      assert.isFalse((yield* journal).some((entry) => entry.operation === "searchCustomers"))
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("SYNC-6 an ORCE customer with the same name and address but another email is not matched", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const lookalike = yield* orceHas(orceMessage({
        firstName: "ADA",
        lastName: "LOVELACE",
        addresses: [{ type: "HOME", primary: true, address1: "12 MAIN ST", city: "SPRINGFIELD", state: "IL", postalCode: "62701", country: "US" }],
        emails: [{ type: "HOME", primary: true, address: "another@example.com" }]
      }))
      yield* loadCustomers([cleanRow(1, { sync_flag: "Y" })])
      const result = yield* sync
      assert.deepStrictEqual((yield* outcomesOf(result.runId))[1]?.outcome, "created")
      assert.notStrictEqual((yield* syncState)[1]?.relateId, lookalike)
      assert.isFalse(hasOromsKey(yield* orceCustomer(lookalike), 1))
      assert.lengthOf(yield* orceCustomers, 2)
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("SYNC-6 a Relate ID that ORCE does not know is not valid: without an email the customer is created and gets the new ID", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      yield* loadCustomers([cleanRow(1, { email: "", relate_id: "999999999999", sync_flag: "Y" })])
      const result = yield* sync
      const outcome = (yield* outcomesOf(result.runId))[1]
      assert.deepStrictEqual([outcome?.match, outcome?.outcome], ["new", "created"])
      const created = yield* orceCustomerOf(1)
      assert.isDefined(created)
      assert.deepStrictEqual((yield* syncState)[1], { relateId: created!.customerId, syncFlag: "N", ecommerceId: "" })
      // The unknown ID was never sent as the customer to update.
      assert.isFalse((yield* addOrUpdates).some(({ message }) => message.customerId === "999999999999"))
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("SYNC-6 a Relate ID that ORCE does not know is not valid: the customer is matched by email instead", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const byEmail = yield* orceHas(orceMessage({ emails: [{ type: "HOME", primary: true, address: "ada1@example.com" }] }))
      yield* loadCustomers([cleanRow(1, { relate_id: "999999999999", sync_flag: "Y" })])
      const result = yield* sync
      const outcome = (yield* outcomesOf(result.runId))[1]
      assert.strictEqual(outcome?.match, "email")
      assert.strictEqual(outcome?.outcome, "relate-id-changed")
      assert.include(outcome?.reason, "999999999999")
      assert.notInclude(outcome?.reason, "merged")
      assert.strictEqual((yield* syncState)[1]?.relateId, byEmail)
      assert.lengthOf(yield* orceCustomers, 1)
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("SYNC-7 on success the Relate ID is set, the sync flag cleared and the e-commerce ID cleared", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const known = yield* orceHas(orceMessage())
      yield* loadCustomers([
        cleanRow(1, { ecommerce_id: "w-1", sync_flag: "Y" }),
        cleanRow(2, { relate_id: known, ecommerce_id: "w-2", sync_flag: "Y" }),
        cleanRow(3, { sync_flag: "Y" })
      ])
      const result = yield* sync
      assert.deepStrictEqual(result.counts, { created: 2, updated: 1, "relate-id-changed": 0, deferred: 0, failed: 0, skipped: 0 })
      const state = yield* syncState
      for (const customerNumber of [1, 2, 3]) {
        const inOrce = yield* orceCustomerOf(customerNumber)
        assert.deepStrictEqual(state[customerNumber], { relateId: inOrce!.customerId, syncFlag: "N", ecommerceId: "" })
      }
      assert.strictEqual(state[2]?.relateId, known)
      // The e-commerce IDs live on in ORCE as WEB alt keys.
      const web1 = (yield* orceCustomerOf(1))?.alternateKeys ?? []
      assert.deepInclude(web1, { type: "WEB_ID", value: "w-1" })
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("SYNC-9 nothing but the Relate ID is copied from ORCE into staging", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const other = yield* orceHas(orceMessage({
        prefix: "DR",
        firstName: "AUGUSTA",
        middleName: "A",
        lastName: "KING",
        businessName: "ANALYTICAL ENGINES LTD",
        birthDate: "1815-12-10",
        addresses: [{
          type: "HOME",
          primary: true,
          address1: "1 ST JAMES SQ",
          apartment: "FLAT 2",
          address2: "MARYLEBONE",
          city: "LONDON",
          state: "LN",
          postalCode: "SW1Y 4JU",
          country: "GB",
          county: "WESTMINSTER"
        }],
        emails: [{ type: "HOME", primary: true, address: "ada1@example.com" }, { type: "WORK", primary: false, address: "work@example.com" }],
        phones: [{ type: "BUSINESS", primary: true, number: "02079460000" }, { type: "FAX", primary: false, number: "02079460001" }],
        contactPermissions: { mail: "N", email: "N" }
      }))
      yield* loadCustomers([cleanRow(1, { sync_flag: "Y" })])
      const before = (yield* stagingRows)[0]!
      yield* sync
      const after = (yield* stagingRows)[0]!
      assert.deepStrictEqual(after, { ...before, relateId: other, syncFlag: "N", ecommerceId: "" })
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("MAP-11 ORCE's real birth year is kept, whichever way the customer was matched; a new customer gets 1900", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const byRelateId = yield* orceHas(orceMessage({ birthDate: "1970-01-02", emails: [] }))
      const byEmail = yield* orceHas(orceMessage({ birthDate: "1985-07-14", emails: [{ type: "HOME", primary: true, address: "ada2@example.com" }] }))
      const byWebKey = yield* orceHas(orceMessage({ birthDate: "1991-03-30", alternateKeys: [{ type: "WEB_ID", value: "w-3" }], emails: [] }))
      yield* loadCustomers([
        cleanRow(1, { relate_id: byRelateId, birth_month: "5", birth_day: "6", sync_flag: "Y" }),
        cleanRow(2, { birth_month: "7", birth_day: "15", sync_flag: "Y" }),
        cleanRow(3, { ecommerce_id: "w-3", birth_month: "3", birth_day: "30", sync_flag: "Y" }),
        cleanRow(4, { birth_month: "12", birth_day: "24", sync_flag: "Y" })
      ])
      yield* sync
      assert.strictEqual((yield* orceCustomer(byRelateId)).birthDate, "1970-05-06")
      assert.strictEqual((yield* orceCustomer(byEmail)).birthDate, "1985-07-15")
      assert.strictEqual((yield* orceCustomer(byWebKey)).birthDate, "1991-03-30")
      assert.strictEqual((yield* orceCustomerOf(4))?.birthDate, "1900-12-24")
    })).pipe(Effect.provide(pipelineLayer())))

  it.effect("MAP-12 a customer new to ORCE gets the K69 stores, source Contact Center and the create user; an existing one only the update user", () =>
    live(Effect.gen(function*() {
      yield* resetDatabase
      const existing = yield* orceHas(orceMessage({
        signupStore: "S001",
        homeStore: "S002",
        emails: [{ type: "HOME", primary: true, address: "ada2@example.com" }]
      }))
      yield* loadCustomers([
        cleanRow(1, { sync_flag: "Y" }),
        cleanRow(2, { sync_flag: "Y" }),
        cleanRow(3, { ecommerce_id: "w-3", sync_flag: "Y" })
      ])
      yield* sync
      for (const customerNumber of [1, 3]) {
        const created = yield* orceCustomerOf(customerNumber)
        assert.deepInclude(created, {
          signupStore: "S042",
          homeStore: "S042",
          source: "Contact Center",
          createUser: "OROMS-JDOE",
          updateUser: "OROMS-JDOE"
        })
      }
      const updated = yield* orceCustomer(existing)
      assert.isTrue(hasOromsKey(updated, 2))
      assert.deepInclude(updated, {
        signupStore: "S001",
        homeStore: "S002",
        source: "Web",
        createUser: "WEBSHOP",
        updateUser: "OROMS-JDOE"
      })
      const update = (yield* addOrUpdates).find(({ message }) => message.customerId === existing)?.message
      assert.isDefined(update)
      for (const field of ["signupStore", "homeStore", "source", "createUser"] as const) assert.notProperty(update, field)
    })).pipe(Effect.provide(pipelineLayer({ K69: "S042", USER_ID: "JDOE" }))))
})
