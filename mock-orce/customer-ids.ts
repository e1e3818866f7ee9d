import { hash53 } from "./hashes.ts"
import type { IdSource } from "./id-source.ts"

/**
 * MOCK-2: a new customer's ID is a function of the seed and of its create request (its IdSource), never of
 * the order requests arrive in, so the same requests numbered in process, over HTTP, one by one or all at once
 * give the same IDs. IDs are 12 digits, as they always were.
 *
 * An ID is P(x) written as 12 digits, where P is a permutation of [0, 10^12) chosen by the seed, and x is
 * - for the first candidate of an OROMS customer number: the number itself, below 10^11;
 * - otherwise: a hash of the seed, the attempt and the source, at or above 10^11.
 * P is one-to-one and the two ranges of x do not meet, so two customer numbers never share a candidate and no
 * hash ever lands on a customer number's: customers created by orce-sync, which always sends the OROMS alt key,
 * never compete for an ID. Hashed candidates of two other sources coincide only by chance (the store says what
 * happens then).
 */

const idLength = 12
const idSpace = 1e12
const customerNumberSpace = 1e11
/** Factors are split at 10^6 so that no product in `permute` exceeds 2^53, where doubles stop being exact. */
const split = 1e6

export class CustomerIdRule {
  readonly #seed: string
  readonly #multiplier: number
  readonly #offset: number

  constructor(seed: string) {
    const drawn = hash53(`multiplier\u0000${seed}`)
    this.#seed = seed
    this.#offset = hash53(`offset\u0000${seed}`) % idSpace
    // Ending in 1, 3, 7 or 9 the multiplier is prime to 10^12, which makes x ↦ a·x + b one-to-one.
    this.#multiplier = (drawn % (idSpace / 10)) * 10 + [1, 3, 7, 9][Math.floor(drawn / idSpace) % 4]!
  }

  /** The ID a source asks for at this attempt; the next attempt is for when this one is taken. */
  candidate(source: IdSource, attempt: number): string {
    const x = attempt === 0 && source.customerNumber !== undefined
      ? source.customerNumber
      : customerNumberSpace + hash53(`${this.#seed}\u0000${attempt}\u0000${source.text}`) % (idSpace - customerNumberSpace)
    return String(this.#permute(x)).padStart(idLength, "0")
  }

  /** (a·x + b) mod 10^12. */
  #permute(x: number): number {
    const aHigh = Math.floor(this.#multiplier / split)
    const aLow = this.#multiplier % split
    const xHigh = Math.floor(x / split)
    const xLow = x % split
    const product = (aLow * xLow + ((aHigh * xLow + aLow * xHigh) % split) * split) % idSpace
    return (product + this.#offset) % idSpace
  }
}
