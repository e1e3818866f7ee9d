import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { join } from "node:path"
import { replayDataset } from "../../pipelines/qa-replay.ts"
import type { OrderDecision } from "../../src/domain/order-decision.ts"
import { readDataset } from "../../src/replay/dataset.ts"
import { forEachDialect } from "../support/databases.ts"
import { live } from "../sync/harness.ts"

/**
 * ORD-1..ORD-5 through the order-message replays of data/datasets/, on both dialects: each test checks the
 * decision a message got, the ORCE calls it made, and what it left in staging and in the mock ORCE — not the
 * expected files, so a wrong rule cannot hide behind an --update-expected.
 */

const root = join(import.meta.dirname, "..", "..", "data", "datasets")

interface Replayed {
  readonly orders: Record<string, Omit<OrderDecision, "line">>
  readonly staging: Record<string, Record<string, string>>
  readonly orce: { readonly customers: Record<string, { readonly alternateKeys?: ReadonlyArray<{ type: string; value: string }>; readonly addresses?: ReadonlyArray<{ address1?: string }> }> }
  readonly report: { readonly rejects: { readonly items: ReadonlyArray<{ line: number; field: string; reason: string }> } }
}

const replay = (name: string) =>
  Effect.gen(function*() {
    const results = yield* replayDataset(yield* readDataset(join(root, name)))
    return {
      orders: results["orders.json"],
      staging: results["staging.json"],
      orce: results["orce.json"],
      report: results["report.json"]
    } as unknown as Replayed
  })

const line = (replayed: Replayed, number: number) => replayed.orders[`order line ${number}`]!
const calls = (decision: Omit<OrderDecision, "line">) => decision.orceCalls.map((call) => `${call.operation} ${call.by}: ${call.answer}`)
const oromsKeys = (replayed: Replayed, orceId: string) =>
  (replayed.orce.customers[`ORCE ${orceId}`]?.alternateKeys ?? []).filter((key) => key.type === "OROMS_ID").map((key) => key.value)

forEachDialect("order messages", (it) => {
  it.effect("ORD-1 a known customer (by number or by Relate ID) with flag Y: OACS name and address updated, no ORCE call", () =>
    live(Effect.gen(function*() {
      const replayed = yield* replay("orders-guest-and-registered")
      const byNumber = line(replayed, 1)
      assert.strictEqual(byNumber.rule, "ORD-1")
      assert.deepStrictEqual(byNumber.orceCalls, [])
      assert.strictEqual(replayed.staging["customer 3001"]!["street"], "11 NEW ST")
      assert.strictEqual(replayed.staging["customer 3001"]!["relateId"], "376565267934")
      // ORCE still holds the web shop's address: OACS did not send it.
      assert.notStrictEqual(replayed.orce.customers["ORCE 376565267934"]?.addresses?.[0]?.address1, "11 NEW ST")
      const byRelateId = line(replayed, 2)
      assert.strictEqual(byRelateId.rule, "ORD-1")
      assert.strictEqual(byRelateId.customerNumber, 3002)
      assert.deepStrictEqual(byRelateId.orceCalls, [])
    })), 120_000)

  it.effect("ORD-2 flag N, no ORCE ID, known customer without Relate ID: by its OACS email, by the message's email, or not at all", () =>
    live(Effect.gen(function*() {
      const replayed = yield* replay("orders-guest-and-registered")
      const oacsEmail = line(replayed, 5)
      assert.strictEqual(oacsEmail.rule, "ORD-2")
      assert.deepStrictEqual(calls(oacsEmail), [
        "searchCustomers email: 1 found: 122932707811",
        "addOrUpdateCustomer customer 122932707811: updated 122932707811"
      ])
      assert.strictEqual(replayed.staging["customer 3004"]!["relateId"], "122932707811")
      assert.include(oromsKeys(replayed, "122932707811"), "3004")

      const messageEmail = line(replayed, 6)
      assert.strictEqual(messageEmail.rule, "ORD-2")
      assert.strictEqual(replayed.staging["customer 3005"]!["email"], "emil@example.com")
      assert.notStrictEqual(replayed.staging["customer 3005"]!["relateId"], "")
      assert.strictEqual(messageEmail.orceCalls[0]!.operation, "searchCustomers")

      const noEmail = line(replayed, 7)
      assert.strictEqual(noEmail.rule, "ORD-2")
      assert.deepStrictEqual(noEmail.orceCalls, [])
      assert.strictEqual(replayed.staging["customer 3006"]!["relateId"], "")
    })), 120_000)

  it.effect("ORD-3 a guest: matchcode search in OACS, then the ORCE email search takes the first without an OROMS alt key, else the first, else creates", () =>
    live(Effect.gen(function*() {
      const replayed = yield* replay("orders-guest-and-registered")
      // Found by matchcode ("7 Glen Street", ZIP+4) without a Relate ID; g1 has an OROMS key, g2 not.
      const foundWithout = line(replayed, 8)
      assert.strictEqual(foundWithout.rule, "ORD-3")
      assert.strictEqual(foundWithout.customerNumber, 3007)
      assert.deepStrictEqual(calls(foundWithout), [
        "searchCustomers email: 2 found: 304808002566, 829801816197",
        "addOrUpdateCustomer customer 829801816197: updated 829801816197"
      ])
      assert.strictEqual(replayed.staging["customer 3007"]!["relateId"], "829801816197")
      // Found with its Relate ID: both updated, no search.
      const foundWith = line(replayed, 9)
      assert.strictEqual(foundWith.customerNumber, 3008)
      assert.deepStrictEqual(calls(foundWith), ["addOrUpdateCustomer customer 389022910133: updated 389022910133"])
      assert.strictEqual(replayed.staging["customer 3008"]!["street"], "8 HILL ROAD")
      // Not found: a new OACS customer; no ORCE match by email, so ORCE creates it with the OROMS key.
      const created = line(replayed, 10)
      assert.strictEqual(created.rule, "ORD-3")
      assert.deepStrictEqual(calls(created), ["searchCustomers email: none found", `addOrUpdateCustomer alt keys: answered ${created.relateId}`])
      assert.include(oromsKeys(replayed, created.relateId), String(created.customerNumber))
      // Not found in OACS; ORCE's only email match has an OROMS key already: the first returned is taken.
      const onlyWithKey = line(replayed, 11)
      assert.deepStrictEqual(calls(onlyWithKey), [
        "searchCustomers email: 1 found: 756173647839",
        "addOrUpdateCustomer customer 756173647839: updated 756173647839"
      ])
      // A customer number OACS no longer has (merge/purge) goes through the matchcode search too.
      assert.strictEqual(line(replayed, 12).customerNumber, 3009)
      assert.strictEqual(line(replayed, 12).rule, "ORD-3")
    })), 120_000)

  it.effect("ORD-4 flag Y and the selected customer's Relate ID is not the one passed: a new OACS customer, synchronized without an email search", () =>
    live(Effect.gen(function*() {
      const replayed = yield* replay("orders-guest-and-registered")
      const conflicting = line(replayed, 3)
      assert.strictEqual(conflicting.rule, "ORD-4")
      assert.notStrictEqual(conflicting.customerNumber, 3003)
      assert.deepStrictEqual(calls(conflicting), ["addOrUpdateCustomer customer 394211637281: updated 394211637281"])
      // 3003 keeps its own Relate ID; the new customer holds the one the message passed.
      assert.strictEqual(replayed.staging["customer 3003"]!["relateId"], "808696022848")
      assert.strictEqual(replayed.staging[`customer ${conflicting.customerNumber}`]!["relateId"], "394211637281")
      assert.include(oromsKeys(replayed, "394211637281"), String(conflicting.customerNumber))
      // Flag Y never searches ORCE by email, whether a customer is created or found without a Relate ID.
      for (const number of [4, 13]) {
        assert.strictEqual(line(replayed, number).rule, "ORD-4")
        assert.isFalse(line(replayed, number).orceCalls.some((call) => call.operation === "searchCustomers"))
      }
    })), 120_000)

  it.effect("ORD-5 ORCE unreachable during order processing: sync flag set, e-commerce ID kept, no Relate ID invented", () =>
    live(Effect.gen(function*() {
      const replayed = yield* replay("orders-orce-unreachable")
      // A decision without an ORCE call does not notice the outage.
      assert.strictEqual(line(replayed, 1).rule, "ORD-1")
      for (const number of [2, 3, 4]) {
        const decision = line(replayed, number)
        assert.strictEqual(decision.rule, "ORD-5")
        assert.strictEqual(decision.outcome, "deferred")
        assert.strictEqual(decision.syncFlag, "Y")
        assert.strictEqual(decision.relateId, "")
      }
      const guest = replayed.staging[`customer ${line(replayed, 3).customerNumber}`]!
      assert.strictEqual(guest["ecommerceId"], "WEB-99")
      assert.strictEqual(guest["syncFlag"], "Y")
      assert.strictEqual(replayed.staging[`customer ${line(replayed, 4).customerNumber}`]!["ecommerceId"], "WEB-5")
      assert.strictEqual(replayed.staging["customer 3004"]!["syncFlag"], "Y")
    })), 120_000)

  it.effect("ORD a bad message is a reject naming its line, field and reason; the messages after it are decided", () =>
    live(Effect.gen(function*() {
      const replayed = yield* replay("orders-guest-and-registered")
      const rejects = replayed.report.rejects.items.map((item) => `${item.line} ${item.field}: ${item.reason}`)
      assert.deepStrictEqual(rejects, [
        "14 relate_cust_sync_success: relate_cust_sync_success must be Y or N, not \"X\"",
        "15 message: the line is not a JSON order message with text fields",
        "16 customer_number: customer number is not numeric",
        "16 email: email is not a valid address",
        "17 last_name: sold_to_address_update is Y but the message has neither a last name nor a company"
      ])
      assert.strictEqual(Object.keys(replayed.orders).length, 13)
    })), 120_000)
})
