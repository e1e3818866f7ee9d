import type { AlternateKey, OrceCustomer, OrceCustomerMessage } from "../src/domain/orce-customer.ts"
import { lookupLimitMessage, type SearchRequest } from "../src/orce/contract.ts"
import { compareText } from "./compare-text.ts"
import { CustomerIdRule } from "./customer-ids.ts"
import { idSourceOf } from "./id-source.ts"
import { addAlternateKeys, applyMessage, createFromMessage } from "./merge-message.ts"
import type { OrceSnapshot } from "./snapshot.ts"
import { fail, type StoreResult, succeed } from "./store-result.ts"

/**
 * The mock's in-memory Customer Engagement (MOCK-2, MOCK-3). Plain synchronous code with indexes, because
 * every HTTP request runs through it and the benchmark asks for ≥ 100,000 operations per second.
 *
 * Nothing it answers or exports depends on the order requests arrived in, only on what they asked: IDs come
 * from the request's content (customer-ids.ts), and searches and snapshots list customers by ID.
 */

export interface OrceStoreOptions {
  /** Seed of the customer IDs (MOCK-2). */
  readonly seed?: string
  /** Searches answering more customers than this fail with LOOKUP_LIMIT (MOCK-3). */
  readonly lookupLimit?: number
  /** Source of createDate/updateDate; inject a fixed or stepping clock for byte-identical runs. */
  readonly now?: () => Date
}

export interface AddOrUpdateResult {
  readonly customerId: string
  readonly created: boolean
}
export interface GetResult {
  readonly customer: OrceCustomer
  readonly resolvedFrom?: string
}
export interface TypeCodes {
  readonly address: ReadonlyArray<string>
  readonly email: ReadonlyArray<string>
  readonly phone: ReadonlyArray<string>
}

export const defaultLookupLimit = 50
export const defaultSeed = "mock-orce"

const altKeyIndexKey = (key: AlternateKey) => `${key.type}\u0000${key.value}`

interface Entry {
  customer: OrceCustomer
  /** Set when merged into another: the entry may still be in the snapshot listing, which then drops it. */
  mergedAway: boolean
}

const byCustomerId = (a: Entry, b: Entry) => compareText(a.customer.customerId, b.customer.customerId)

export class OrceStore {
  readonly lookupLimit: number
  readonly #now: () => Date
  #seed: string
  #ids: CustomerIdRule
  readonly #customers = new Map<string, Entry>()
  readonly #redirects = new Map<string, string>()
  readonly #altKeys = new Map<string, string>()
  /** Lower-cased email → IDs of the customers who ever had it; emails are never deleted (MOCK-3). */
  readonly #emails = new Map<string, Array<string>>()
  readonly #addressTypes = new Set<string>()
  readonly #emailTypes = new Set<string>()
  readonly #phoneTypes = new Set<string>()
  /** Customers by ID as of the last snapshot, and those created since: a save per chunk sorts only the new. */
  #listed: ReadonlyArray<Entry> = []
  #createdSinceListed: Array<Entry> = []

  constructor(options: OrceStoreOptions = {}) {
    this.lookupLimit = options.lookupLimit ?? defaultLookupLimit
    this.#now = options.now ?? (() => new Date())
    this.#seed = options.seed ?? defaultSeed
    this.#ids = new CustomerIdRule(this.#seed)
  }

  get size(): number {
    return this.#customers.size
  }

  /** The ID a customer ID stands for now: itself, or the survivor of the merges it went through. */
  resolve(customerId: string): string | undefined {
    let current = customerId
    for (let hops = 0; hops <= this.#redirects.size; hops++) {
      if (this.#customers.has(current)) return current
      const next = this.#redirects.get(current)
      if (next === undefined) return undefined
      current = next
    }
    return undefined
  }

  /** The customer holding this alternate key, if any. */
  findByAlternateKey(key: AlternateKey): string | undefined {
    return this.#altKeys.get(altKeyIndexKey(key))
  }

  addOrUpdate(message: OrceCustomerMessage): StoreResult<AddOrUpdateResult> {
    let targetId: string | undefined
    if (message.customerId !== undefined && message.customerId !== "") {
      targetId = this.resolve(message.customerId)
      if (targetId === undefined) return fail(404, "NOT_FOUND", `Customer ${message.customerId} not found`)
    } else if (message.alternateKeys !== undefined) {
      for (const key of message.alternateKeys) {
        targetId = this.#altKeys.get(altKeyIndexKey(key))
        if (targetId !== undefined) break
      }
    }
    if (message.alternateKeys !== undefined) {
      for (const key of message.alternateKeys) {
        const owner = this.#altKeys.get(altKeyIndexKey(key))
        if (owner !== undefined && owner !== targetId) {
          return fail(409, "CONFLICT", `Alternate key ${key.type} is held by another customer`)
        }
      }
    }
    this.#registerTypeCodes(message)
    const stamp = this.#now().toISOString()
    if (targetId === undefined) {
      const customerId = this.#newCustomerId(message)
      const entry: Entry = { customer: createFromMessage(customerId, message, { createDate: stamp }), mergedAway: false }
      this.#customers.set(customerId, entry)
      this.#createdSinceListed.push(entry)
      this.#index(customerId, entry.customer)
      return succeed({ customerId, created: true })
    }
    const entry = this.#customers.get(targetId)!
    entry.customer = applyMessage(entry.customer, message, { updateDate: stamp })
    this.#index(targetId, entry.customer)
    return succeed({ customerId: targetId, created: false })
  }

  get(customerId: string): StoreResult<GetResult> {
    const resolved = this.resolve(customerId)
    if (resolved === undefined) return fail(404, "NOT_FOUND", `Customer ${customerId} not found`)
    const customer = this.#customers.get(resolved)!.customer
    return succeed(resolved === customerId ? { customer } : { customer, resolvedFrom: customerId })
  }

  search(query: SearchRequest): StoreResult<ReadonlyArray<OrceCustomer>> {
    let found: Array<Entry>
    if ("email" in query) {
      const ids = this.#emails.get(query.email.toLowerCase()) ?? []
      found = ids.map((id) => this.#customers.get(id)!)
    } else if ("alternateKey" in query) {
      const id = this.#altKeys.get(altKeyIndexKey(query.alternateKey))
      found = id === undefined ? [] : [this.#customers.get(id)!]
    } else {
      const lastName = query.lastName.toLowerCase()
      const postalCode = query.postalCode.toLowerCase()
      found = []
      for (const entry of this.#customers.values()) {
        const customer = entry.customer
        if (customer.lastName?.toLowerCase() !== lastName) continue
        if (customer.addresses?.some((address) => address.postalCode?.toLowerCase() === postalCode)) found.push(entry)
      }
    }
    if (found.length > this.lookupLimit) return fail(422, "LOOKUP_LIMIT", lookupLimitMessage)
    return succeed(found.sort(byCustomerId).map((entry) => entry.customer))
  }

  /**
   * Merges `fromId` into `intoId`: the from customer disappears and its ID resolves to the survivor from then
   * on (MOCK-3). The survivor gains the from customer's alternate keys and emails (as non-primary); its own
   * name, addresses, phones and other fields stay as they are.
   */
  merge(fromId: string, intoId: string): StoreResult<{ readonly customerId: string }> {
    const from = this.resolve(fromId)
    if (from === undefined) return fail(404, "NOT_FOUND", `Customer ${fromId} not found`)
    const into = this.resolve(intoId)
    if (into === undefined) return fail(404, "NOT_FOUND", `Customer ${intoId} not found`)
    if (from === into) return fail(409, "CONFLICT", `Customer ${fromId} is already merged into ${intoId}`)
    const fromEntry = this.#customers.get(from)!
    const fromCustomer = fromEntry.customer
    const survivor = this.#customers.get(into)!
    const emails = [...(survivor.customer.emails ?? [])]
    for (const email of fromCustomer.emails ?? []) {
      const lower = email.address.toLowerCase()
      if (!emails.some((existing) => existing.address.toLowerCase() === lower)) emails.push({ ...email, primary: false })
    }
    survivor.customer = {
      ...survivor.customer,
      alternateKeys: addAlternateKeys(survivor.customer.alternateKeys, fromCustomer.alternateKeys ?? []),
      emails,
      updateDate: this.#now().toISOString()
    }
    this.#customers.delete(from)
    fromEntry.mergedAway = true
    this.#redirects.set(from, into)
    for (const key of fromCustomer.alternateKeys ?? []) this.#altKeys.set(altKeyIndexKey(key), into)
    for (const email of fromCustomer.emails ?? []) {
      const lower = email.address.toLowerCase()
      const ids = (this.#emails.get(lower) ?? []).filter((id) => id !== from)
      if (!ids.includes(into)) ids.push(into)
      this.#emails.set(lower, ids)
    }
    return succeed({ customerId: into })
  }

  /** MOCK-3: the address, email and phone type codes ORCE created on receipt, sorted. */
  typeCodes(): TypeCodes {
    const sorted = (codes: ReadonlySet<string>) => [...codes].sort(compareText)
    return { address: sorted(this.#addressTypes), email: sorted(this.#emailTypes), phone: sorted(this.#phoneTypes) }
  }

  exportSnapshot(): OrceSnapshot {
    return {
      format: "mock-orce-snapshot/1",
      seed: this.#seed,
      typeCodes: this.typeCodes(),
      customers: this.#listById().map((entry) => entry.customer),
      redirects: Object.fromEntries([...this.#redirects].sort(([a], [b]) => compareText(a, b)))
    }
  }

  /** Replaces the whole state; with no snapshot the store starts empty again from its seed. */
  reset(snapshot?: OrceSnapshot): void {
    this.#customers.clear()
    this.#redirects.clear()
    this.#altKeys.clear()
    this.#emails.clear()
    this.#addressTypes.clear()
    this.#emailTypes.clear()
    this.#phoneTypes.clear()
    this.#listed = []
    this.#createdSinceListed = []
    if (snapshot === undefined) return
    this.#seed = snapshot.seed
    this.#ids = new CustomerIdRule(snapshot.seed)
    for (const code of snapshot.typeCodes.address) this.#addressTypes.add(code)
    for (const code of snapshot.typeCodes.email) this.#emailTypes.add(code)
    for (const code of snapshot.typeCodes.phone) this.#phoneTypes.add(code)
    for (const customer of snapshot.customers) {
      this.#customers.set(customer.customerId, { customer, mergedAway: false })
      this.#index(customer.customerId, customer)
    }
    for (const [from, into] of Object.entries(snapshot.redirects)) this.#redirects.set(from, into)
    this.#createdSinceListed = [...this.#customers.values()]
  }

  /** Every customer by ID: the last listing merged with the customers created since, less those merged away. */
  #listById(): ReadonlyArray<Entry> {
    const listed = this.#listed
    const created = this.#createdSinceListed.sort(byCustomerId)
    const entries: Array<Entry> = []
    for (let i = 0, j = 0; i < listed.length || j < created.length;) {
      const entry = j === created.length || (i < listed.length && byCustomerId(listed[i]!, created[j]!) < 0) ? listed[i++]! : created[j++]!
      if (!entry.mergedAway) entries.push(entry)
    }
    this.#listed = entries
    this.#createdSinceListed = []
    return entries
  }

  /**
   * The first of the message's candidate IDs (customer-ids.ts) that no customer holds or held: an ID merged
   * away goes on resolving to its survivor, so it is never given again.
   *
   * Why arrival order does not matter: a candidate is taken either by the state the store started from (a
   * loaded snapshot, the same whatever the order), or by another create of this session that asked for the
   * same number first. The first candidate of an OROMS customer number is asked for by no other source, so
   * unless the starting state holds it, that customer gets it in any order. The other candidates are hashes,
   * and two of them are the same number only by chance: with n such creates in one session, about n²/1.8·10¹²
   * times (once in 18,000 sessions of 10,000). Then the first to arrive keeps the number and the other takes
   * its next candidate. That, and two creates with identical content and no alt key (the customers are
   * identical, but which caller holds which of the two IDs follows arrival), are the only cases where order
   * shows (mock-orce/README.md, "Customer IDs").
   */
  #newCustomerId(message: OrceCustomerMessage): string {
    const source = idSourceOf(message)
    for (let attempt = 0; ; attempt++) {
      const candidate = this.#ids.candidate(source, attempt)
      if (!this.#customers.has(candidate) && !this.#redirects.has(candidate)) return candidate
    }
  }

  #index(customerId: string, customer: OrceCustomer): void {
    for (const key of customer.alternateKeys ?? []) this.#altKeys.set(altKeyIndexKey(key), customerId)
    for (const email of customer.emails ?? []) {
      const lower = email.address.toLowerCase()
      const ids = this.#emails.get(lower)
      if (ids === undefined) this.#emails.set(lower, [customerId])
      else if (!ids.includes(customerId)) ids.push(customerId)
    }
  }

  #registerTypeCodes(message: OrceCustomerMessage): void {
    for (const address of message.addresses ?? []) this.#addressTypes.add(address.type)
    for (const email of message.emails ?? []) this.#emailTypes.add(email.type)
    for (const phone of message.phones ?? []) this.#phoneTypes.add(phone.type)
  }
}
