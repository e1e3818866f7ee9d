// Faker is far too slow to call per row at 50,000+ customers/s, so rows are composed from pre-drawn
// pools with this PRNG. sfc32 is small, fast in 32-bit integer arithmetic, and its output depends only
// on the seed, so an export is reproducible across machines and Node versions.

export interface Prng {
  /** A float in [0, 1). */
  readonly next: () => number
  /** An integer in [min, max], both inclusive. */
  readonly int: (min: number, max: number) => number
  /** true with the given probability. */
  readonly chance: (probability: number) => boolean
  /** A random element of a list, or a random character of a string. */
  readonly pick: {
    <A>(items: ReadonlyArray<A>): A
    (characters: string): string
  }
  /** A string of `length` random decimal digits. */
  readonly digits: (length: number) => string
}

const splitmix32 = (state: number): (() => number) => {
  let s = state >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
}

export const makePrng = (seed: number): Prng => {
  // splitmix spreads neighbouring seeds (1, 2, 3…) into unrelated sfc32 states.
  const seeder = splitmix32(Math.floor(seed) ^ Math.floor(seed / 0x1_0000_0000))
  let a = seeder()
  let b = seeder()
  let c = seeder()
  let d = seeder()
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
  // sfc32's first outputs are weakly mixed; discarding a few is the usual remedy.
  for (let i = 0; i < 12; i++) nextUint32()

  const next = (): number => nextUint32() / 0x1_0000_0000
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const pick = <A>(items: ReadonlyArray<A> | string): A => {
    if (items.length === 0) throw new RangeError("pick from an empty list")
    return items[Math.floor(next() * items.length)] as A
  }
  const digits = (length: number): string => {
    let out = ""
    for (let i = 0; i < length; i++) out += String.fromCharCode(48 + Math.floor(next() * 10))
    return out
  }
  return { next, int, chance: (probability) => next() < probability, pick, digits }
}

/** Picks a key with probability proportional to its weight; weights need not sum to 1. */
export const weighted = <K extends string>(weights: ReadonlyArray<readonly [K, number]>) => {
  const total = weights.reduce((sum, [, w]) => sum + w, 0)
  const cumulative = weights.map(([, w]) => w / total)
  for (let i = 1; i < cumulative.length; i++) cumulative[i] = (cumulative[i] ?? 0) + (cumulative[i - 1] ?? 0)
  const keys = weights.map(([k]) => k)
  return (prng: Prng): K => {
    const x = prng.next()
    for (let i = 0; i < cumulative.length; i++) if (x < (cumulative[i] ?? 1)) return keys[i] as K
    return keys[keys.length - 1] as K
  }
}

/**
 * Knuth's selection sampling: decides, position by position, whether to select it so that exactly
 * `wanted` of `positions` are selected, without storing the positions. Used so that the requested
 * duplicate rate is met exactly rather than approximately.
 */
export const makeSelection = (prng: Prng, wanted: number, positions: number) => {
  let remainingWanted = Math.max(0, Math.min(wanted, positions))
  let remainingPositions = positions
  return (): boolean => {
    if (remainingPositions <= 0) return false
    const selected = prng.next() * remainingPositions < remainingWanted
    remainingPositions--
    if (selected) remainingWanted--
    return selected
  }
}
