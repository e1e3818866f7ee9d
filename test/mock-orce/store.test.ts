import { assert, describe, it } from "@effect/vitest"
import { Exit } from "effect"
import { decodeSnapshot } from "../../mock-orce/snapshot.ts"
import { OrceStore } from "../../mock-orce/store.ts"
import { customerMessage } from "./fixtures.ts"

/** The store without HTTP: rules whose detail the contract suite does not reach. */

const stepping = () => {
  let tick = 0
  return () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++))
}

describe("OrceStore", () => {
  it("MOCK-2 the same seed and order give the same IDs; another seed other IDs", () => {
    const ids = (seed: string) => {
      const store = new OrceStore({ seed })
      return [1, 2, 3].map((n) => {
        const result = store.addOrUpdate(customerMessage(n))
        return result.ok ? result.value.customerId : "failed"
      })
    }
    assert.deepStrictEqual(ids("qa-1"), ids("qa-1"))
    assert.notDeepEqual(ids("qa-1"), ids("qa-2"))
    assert.match(ids("qa-1")[0]!, /^\d{12}$/)
  })

  it("MOCK-2 createDate and updateDate come from the injected clock", () => {
    const store = new OrceStore({ now: stepping() })
    store.addOrUpdate(customerMessage(1))
    store.addOrUpdate(customerMessage(1, { firstName: "Augusta" }))
    const got = store.get("751251000001")
    assert.isTrue(got.ok)
    if (got.ok) {
      assert.strictEqual(got.value.customer.createDate, "2026-01-01T00:00:00.000Z")
      assert.strictEqual(got.value.customer.updateDate, "2026-01-01T00:00:01.000Z")
    }
  })

  it("MOCK-2 a snapshot reloads into a store that answers and numbers identically", () => {
    const store = new OrceStore({ now: stepping() })
    for (const n of [1, 2, 3]) store.addOrUpdate(customerMessage(n))
    store.merge("751251000001", "751251000003")
    const snapshot = store.exportSnapshot()
    const decoded = decodeSnapshot(JSON.parse(JSON.stringify(snapshot)))
    assert.isTrue(Exit.isSuccess(decoded))
    const reloaded = new OrceStore({ seed: "ignored: the snapshot's seed wins", now: stepping() })
    if (Exit.isSuccess(decoded)) reloaded.reset(decoded.value)
    assert.deepStrictEqual(reloaded.exportSnapshot(), snapshot)
    assert.deepStrictEqual(reloaded.search({ email: "ada1@example.com" }), store.search({ email: "ada1@example.com" }))
    const next = reloaded.addOrUpdate(customerMessage(4))
    assert.deepStrictEqual(next, { ok: true, value: { customerId: "751251000004", created: true } })
  })

  it("MOCK-2 a snapshot with a wrong shape is refused", () => {
    assert.isTrue(Exit.isFailure(decodeSnapshot({ format: "mock-orce-snapshot/1", seed: "x", customers: [] })))
  })

  it("MOCK-3 merges chain: an ID merged twice resolves to the last survivor", () => {
    const store = new OrceStore()
    for (const n of [1, 2, 3]) store.addOrUpdate(customerMessage(n))
    store.merge("751251000001", "751251000002")
    store.merge("751251000002", "751251000003")
    const got = store.get("751251000001")
    assert.isTrue(got.ok && got.value.customer.customerId === "751251000003" && got.value.resolvedFrom === "751251000001")
    assert.deepStrictEqual(store.merge("751251000001", "751251000003"), {
      ok: false,
      status: 409,
      code: "CONFLICT",
      message: "Customer 751251000001 is already merged into 751251000003"
    })
  })

  it("MOCK-3 a message's phones and addresses replace those of the same type; a new primary takes over", () => {
    const store = new OrceStore()
    store.addOrUpdate(customerMessage(1))
    store.addOrUpdate({
      alternateKeys: [{ type: "OROMS_ID", value: "C1" }],
      phones: [{ type: "BUSINESS", primary: false, number: "111" }, { type: "HOME", primary: true, number: "222" }]
    })
    const got = store.get("751251000001")
    assert.isTrue(got.ok)
    if (got.ok) {
      assert.deepStrictEqual(got.value.customer.phones, [
        { type: "BUSINESS", primary: false, number: "111" },
        { type: "HOME", primary: true, number: "222" }
      ])
    }
  })

  it("MOCK-3 attributes are set by name and removed by an empty value", () => {
    const store = new OrceStore()
    store.addOrUpdate(customerMessage(1, { attributes: [{ name: "Hobby", value: "Chess" }, { name: "Pet", value: "Cat" }] }))
    store.addOrUpdate({ alternateKeys: [{ type: "OROMS_ID", value: "C1" }], attributes: [{ name: "Pet", value: "" }, { name: "Hobby", value: "Go" }] })
    const got = store.get("751251000001")
    assert.deepStrictEqual(got.ok ? got.value.customer.attributes : undefined, [{ name: "Hobby", value: "Go" }])
  })
})
