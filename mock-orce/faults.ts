import { Schema } from "effect"
import { hashSeed } from "./hashes.ts"

/**
 * MOCK-4: faults on demand, configured per run from a JSON file. Each request's fate is a pure function of
 * the seed and the request's sequence number, so the same seed and the same request order fail the same way.
 */

const rate = Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 1 }))
const milliseconds = Schema.Number.check(Schema.isGreaterThanOrEqualTo(0))

export const FaultConfig = Schema.Struct({
  seed: Schema.optional(Schema.String),
  /** Added to every answered request: a fixed delay, or one drawn from [min, max]. */
  latencyMs: Schema.optional(Schema.Union([milliseconds, Schema.Struct({ min: milliseconds, max: milliseconds })])),
  /** Share of requests answered 503 UNAVAILABLE. */
  errorRate: Schema.optional(rate),
  /** Share of requests never answered within the client's timeout (the socket is held open). */
  timeoutRate: Schema.optional(rate),
  /** Share of requests whose connection is dropped without an answer. */
  dropRate: Schema.optional(rate),
  /** Requests about these customer IDs, or carrying these alternate-key values, fail with `failStatus`. */
  failCustomerIds: Schema.optional(Schema.Array(Schema.String)),
  failAltKeyValues: Schema.optional(Schema.Array(Schema.String)),
  failStatus: Schema.optional(Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 400, maximum: 599 }))),
  /** These customers come back with every personal value replaced by asterisks (SYNC-10). */
  maskCustomerIds: Schema.optional(Schema.Array(Schema.String)),
  /** Share of searches, and searches for these values (email, alt-key value or last name), that hit the lookup limit. */
  lookupLimitRate: Schema.optional(rate),
  lookupLimitValues: Schema.optional(Schema.Array(Schema.String))
})
export type FaultConfig = typeof FaultConfig.Type

export const FaultConfigFromJson = Schema.fromJsonString(FaultConfig)

/** What the mock does to one request instead of, or on top of, answering it normally. */
export type Fault =
  | { readonly kind: "drop" }
  | { readonly kind: "timeout" }
  | { readonly kind: "error"; readonly status: number }
  | { readonly kind: "failCustomer"; readonly status: number }
  | { readonly kind: "lookupLimit" }

/** What a request is about, as far as faults for listed customers and alt keys care. */
export interface FaultSubject {
  readonly isSearch: boolean
  readonly customerIds: ReadonlyArray<string>
  readonly altKeyValues: ReadonlyArray<string>
  readonly searchValue?: string | undefined
}

export interface FaultDecision {
  readonly fault: Fault | undefined
  readonly latencyMs: number
}

const noFault: FaultDecision = { fault: undefined, latencyMs: 0 }

/** A uniform number in [0, 1) from the seed, the request number and which draw this is. */
const draw = (seedHash: number, sequence: number, salt: number): number => {
  let x = (seedHash ^ Math.imul(sequence + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca6b)) >>> 0
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d)
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b)
  x ^= x >>> 16
  return (x >>> 0) / 4294967296
}

export class FaultPlan {
  readonly config: FaultConfig
  readonly #seedHash: number
  readonly #failCustomers: ReadonlySet<string>
  readonly #failAltKeys: ReadonlySet<string>
  readonly #masked: ReadonlySet<string>
  readonly #lookupLimitValues: ReadonlySet<string>
  readonly #active: boolean

  constructor(config: FaultConfig = {}) {
    this.config = config
    this.#seedHash = hashSeed(config.seed ?? "mock-orce-faults")
    this.#failCustomers = new Set(config.failCustomerIds ?? [])
    this.#failAltKeys = new Set(config.failAltKeyValues ?? [])
    this.#masked = new Set(config.maskCustomerIds ?? [])
    this.#lookupLimitValues = new Set((config.lookupLimitValues ?? []).map((value) => value.toLowerCase()))
    this.#active = Object.keys(config).some((key) => key !== "seed")
  }

  get masksAnyone(): boolean {
    return this.#masked.size > 0
  }

  isMasked(customerId: string): boolean {
    return this.#masked.has(customerId)
  }

  /** Decides request number `sequence`; `subject` is only consulted when a listed-customer fault is configured. */
  decide(sequence: number, subject: () => FaultSubject): FaultDecision {
    if (!this.#active) return noFault
    const c = this.config
    const latencyMs = c.latencyMs === undefined
      ? 0
      : typeof c.latencyMs === "number"
      ? c.latencyMs
      : c.latencyMs.min + Math.floor(draw(this.#seedHash, sequence, 0) * (c.latencyMs.max - c.latencyMs.min + 1))
    const roll = draw(this.#seedHash, sequence, 1)
    let threshold = c.dropRate ?? 0
    if (roll < threshold) return { fault: { kind: "drop" }, latencyMs: 0 }
    threshold += c.timeoutRate ?? 0
    if (roll < threshold) return { fault: { kind: "timeout" }, latencyMs: 0 }
    threshold += c.errorRate ?? 0
    if (roll < threshold) return { fault: { kind: "error", status: 503 }, latencyMs }
    if (this.#failCustomers.size > 0 || this.#failAltKeys.size > 0 || this.#lookupLimitValues.size > 0 || c.lookupLimitRate !== undefined) {
      const about = subject()
      if (
        about.customerIds.some((id) => this.#failCustomers.has(id)) ||
        about.altKeyValues.some((value) => this.#failAltKeys.has(value))
      ) {
        return { fault: { kind: "failCustomer", status: c.failStatus ?? 503 }, latencyMs }
      }
      if (about.isSearch) {
        const listed = about.searchValue !== undefined && this.#lookupLimitValues.has(about.searchValue.toLowerCase())
        if (listed || draw(this.#seedHash, sequence, 2) < (c.lookupLimitRate ?? 0)) {
          return { fault: { kind: "lookupLimit" }, latencyMs }
        }
      }
    }
    return { fault: undefined, latencyMs }
  }
}
