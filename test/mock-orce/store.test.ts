import { assert, describe, it } from "@effect/vitest"
import { Exit } from "effect"
import { decodeSnapshot, type OrceSnapshot } from "../../mock-orce/snapshot.ts"
import { OrceStore } from "../../mock-orce/store.ts"
import type { OrceCustomerMessage } from "../../src/domain/orce-customer.ts"
import { customerMessage } from "./fixtures.ts"

/** The store without HTTP: rules whose detail the contract suite does not reach. */

const stepping = () => {
  let tick = 0
  return () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++))
}

/** The ID a create answered; a failed create fails the test. */
const create = (store: OrceStore, message: OrceCustomerMessage): string => {
  const result = store.addOrUpdate(message)
  assert.isTrue(result.ok && result.value.created, "expected a create")
  return result.ok ? result.value.customerId : ""
}

const loaded = (snapshot: unknown): OrceStore => {
  const decoded = decodeSnapshot(snapshot)
  assert.isTrue(Exit.isSuccess(decoded), "the snapshot must load")
  const store = new OrceStore()
  if (Exit.isSuccess(decoded)) store.reset(decoded.value)
  return store
}

const emptyState = (customers: OrceSnapshot["customers"], redirects: OrceSnapshot["redirects"] = {}): OrceSnapshot => ({
  format: "mock-orce-snapshot/1",
  seed: "mock-orce",
  typeCodes: { address: [], email: [], phone: [] },
  customers,
  redirects
})

describe("OrceStore", () => {
  it("MOCK-2 the same seed and order give the same IDs; another seed other IDs", () => {
    const ids = (seed: string) => {
      const store = new OrceStore({ seed })
      return [1, 2, 3].map((n) => create(store, customerMessage(n)))
    }
    assert.deepStrictEqual(ids("qa-1"), ids("qa-1"))
    assert.notDeepEqual(ids("qa-1"), ids("qa-2"))
    assert.match(ids("qa-1")[0]!, /^\d{12}$/)
  })

  it("MOCK-2 a customer's ID follows from its request and the seed, not from what was created before it", () => {
    const forward = new OrceStore()
    const idsForward = [1, 2, 3].map((n) => create(forward, customerMessage(n)))
    const backward = new OrceStore()
    create(backward, customerMessage(4))
    const idsBackward = [3, 2, 1].map((n) => create(backward, customerMessage(n))).reverse()
    assert.deepStrictEqual(idsBackward, idsForward)
    assert.strictEqual(new Set(idsForward).size, 3)
  })

  it("MOCK-2 a customer is known by its OROMS alt key, else its WEB alt key, whatever else the message says", () => {
    const oroms = { type: "OROMS_ID", value: "10042" }
    const web = { type: "WEB_ID", value: "w-42" }
    const id = (messages: ReadonlyArray<OrceCustomerMessage>) => {
      const store = new OrceStore()
      return messages.map((message) => create(store, message)).at(-1)
    }
    assert.strictEqual(
      id([customerMessage(1), { alternateKeys: [web, oroms], lastName: "Lovelace" }]),
      id([{ alternateKeys: [oroms], lastName: "Byron", firstName: "Ada" }])
    )
    assert.strictEqual(id([customerMessage(1), { alternateKeys: [web], lastName: "Lovelace" }]), id([{ alternateKeys: [web] }]))
    assert.notStrictEqual(id([{ alternateKeys: [web] }]), id([{ alternateKeys: [oroms] }]))
    // The ID mock-orce/README.md shows for customer number 10042: a change to the rule renumbers every saved state.
    assert.strictEqual(id([{ alternateKeys: [oroms] }]), "353897740651")
  })

  it("MOCK-2 a message without alt keys is known by its content, whatever the order of its fields", () => {
    const id = (message: OrceCustomerMessage) => create(new OrceStore(), message)
    const emails = [{ type: "HOME", primary: true, address: "ada@example.com" }]
    const ada = id({ firstName: "Ada", lastName: "Lovelace", emails })
    assert.strictEqual(id({ emails: [{ address: "ada@example.com", primary: true, type: "HOME" }], lastName: "Lovelace", firstName: "Ada" }), ada)
    assert.notStrictEqual(id({ firstName: "Ada", lastName: "Byron", emails }), ada)
  })

  it("MOCK-2 an ID already held goes to no one else: the newcomer takes the next ID its request derives, whatever came before", () => {
    const held = create(new OrceStore(), customerMessage(1))
    const holding = emptyState([{ customerId: held, lastName: "Holder" }])
    const alone = loaded(holding)
    const id = create(alone, customerMessage(1))
    const afterOthers = loaded(holding)
    for (const n of [2, 3]) create(afterOthers, customerMessage(n))
    assert.notStrictEqual(id, held)
    assert.match(id, /^\d{12}$/)
    assert.strictEqual(create(afterOthers, customerMessage(1)), id)
    const holder = alone.get(held)
    assert.strictEqual(holder.ok ? holder.value.customer.lastName : undefined, "Holder")
  })

  it("MOCK-3 an ID merged away is never given again, so it goes on resolving to its survivor", () => {
    const store = new OrceStore()
    const { alternateKeys: _keys, ...withoutKeys } = customerMessage(1)
    const mergedAway = create(store, withoutKeys)
    const survivor = create(store, customerMessage(2))
    store.merge(mergedAway, survivor)
    const again = create(store, withoutKeys)
    assert.notStrictEqual(again, mergedAway)
    const resolved = store.get(mergedAway)
    assert.isTrue(resolved.ok && resolved.value.customer.customerId === survivor && resolved.value.resolvedFrom === mergedAway)
  })

  it("MOCK-2 a snapshot saved when IDs were counted still loads; its IDs and merges hold and new customers get their own IDs", () => {
    const counted = {
      format: "mock-orce-snapshot/1",
      seed: "mock-orce",
      nextIdNumber: 751251000004,
      typeCodes: { address: ["HOME"], email: ["HOME"], phone: [] },
      customers: [
        { customerId: "751251000001", lastName: "Lovelace", alternateKeys: [{ type: "OROMS_ID", value: "C1" }] },
        { customerId: "751251000003", lastName: "Byron", alternateKeys: [{ type: "OROMS_ID", value: "C3" }] }
      ],
      redirects: { "751251000002": "751251000003" }
    }
    const store = loaded(counted)
    const merged = store.get("751251000002")
    assert.isTrue(merged.ok && merged.value.customer.lastName === "Byron")
    const byAltKey = store.addOrUpdate(customerMessage(1, { firstName: "Augusta" }))
    assert.deepStrictEqual(byAltKey, { ok: true, value: { customerId: "751251000001", created: false } })
    assert.strictEqual(create(store, customerMessage(4)), create(new OrceStore(), customerMessage(4)))
  })

  it("MOCK-2 createDate and updateDate come from the injected clock", () => {
    const store = new OrceStore({ now: stepping() })
    const id = create(store, customerMessage(1))
    store.addOrUpdate(customerMessage(1, { firstName: "Augusta" }))
    const got = store.get(id)
    assert.isTrue(got.ok)
    if (got.ok) {
      assert.strictEqual(got.value.customer.createDate, "2026-01-01T00:00:00.000Z")
      assert.strictEqual(got.value.customer.updateDate, "2026-01-01T00:00:01.000Z")
    }
  })

  it("MOCK-2 a snapshot reloads into a store that answers and numbers identically", () => {
    const store = new OrceStore({ now: stepping() })
    const [first, , third] = [1, 2, 3].map((n) => create(store, customerMessage(n)))
    store.merge(first!, third!)
    const snapshot = store.exportSnapshot()
    const decoded = decodeSnapshot(JSON.parse(JSON.stringify(snapshot)))
    assert.isTrue(Exit.isSuccess(decoded))
    const reloaded = new OrceStore({ seed: "ignored: the snapshot's seed wins", now: stepping() })
    if (Exit.isSuccess(decoded)) reloaded.reset(decoded.value)
    assert.deepStrictEqual(reloaded.exportSnapshot(), snapshot)
    assert.deepStrictEqual(reloaded.search({ email: "ada1@example.com" }), store.search({ email: "ada1@example.com" }))
    assert.strictEqual(create(reloaded, customerMessage(4)), create(store, customerMessage(4)))
  })

  it("MOCK-2 a snapshot writes the same state as the same text, however it was reached and however often it was saved", () => {
    const ids = [1, 2, 3, 4].map((n) => create(new OrceStore(), customerMessage(n)))
    const savedAlong = new OrceStore({ now: () => new Date(0) })
    for (const n of [1, 2, 3, 4]) create(savedAlong, customerMessage(n))
    savedAlong.exportSnapshot()
    for (const n of [5, 6, 7, 8]) create(savedAlong, customerMessage(n))
    savedAlong.merge(ids[0]!, ids[1]!)
    savedAlong.exportSnapshot()
    savedAlong.merge(ids[2]!, ids[3]!)
    create(savedAlong, customerMessage(9))
    const savedOnce = new OrceStore({ now: () => new Date(0) })
    for (const n of [9, 8, 7, 6, 5, 4, 3, 2, 1]) create(savedOnce, customerMessage(n))
    savedOnce.merge(ids[2]!, ids[3]!)
    savedOnce.merge(ids[0]!, ids[1]!)
    assert.strictEqual(JSON.stringify(savedAlong.exportSnapshot()), JSON.stringify(savedOnce.exportSnapshot()))
  })

  it("MOCK-2 a snapshot with a wrong shape is refused", () => {
    assert.isTrue(Exit.isFailure(decodeSnapshot({ format: "mock-orce-snapshot/1", seed: "x", customers: [] })))
  })

  it("MOCK-3 merges chain: an ID merged twice resolves to the last survivor", () => {
    const store = new OrceStore()
    const [first, second, third] = [1, 2, 3].map((n) => create(store, customerMessage(n)))
    store.merge(first!, second!)
    store.merge(second!, third!)
    const got = store.get(first!)
    assert.isTrue(got.ok && got.value.customer.customerId === third && got.value.resolvedFrom === first)
    assert.deepStrictEqual(store.merge(first!, third!), {
      ok: false,
      status: 409,
      code: "CONFLICT",
      message: `Customer ${first} is already merged into ${third}`
    })
  })

  it("MOCK-3 a message's phones and addresses replace those of the same type; a new primary takes over", () => {
    const store = new OrceStore()
    const id = create(store, customerMessage(1))
    store.addOrUpdate({
      alternateKeys: [{ type: "OROMS_ID", value: "C1" }],
      phones: [{ type: "BUSINESS", primary: false, number: "111" }, { type: "HOME", primary: true, number: "222" }]
    })
    const got = store.get(id)
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
    const id = create(store, customerMessage(1, { attributes: [{ name: "Hobby", value: "Chess" }, { name: "Pet", value: "Cat" }] }))
    store.addOrUpdate({ alternateKeys: [{ type: "OROMS_ID", value: "C1" }], attributes: [{ name: "Pet", value: "" }, { name: "Hobby", value: "Go" }] })
    const got = store.get(id)
    assert.deepStrictEqual(got.ok ? got.value.customer.attributes : undefined, [{ name: "Hobby", value: "Go" }])
  })
})
