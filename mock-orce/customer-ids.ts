/**
 * MOCK-2: customer IDs are a counter offset by a number derived from the seed, so the same seed and the same
 * request order give the same IDs, while two seeds give visibly different ones.
 */

const idLength = 12

/** FNV-1a: stable across platforms and Node versions, unlike anything from crypto's randomness. */
export const hashSeed = (seed: string): number => {
  let hash = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** Leaves a million IDs per seed before the sequence reaches the next seed's range. */
export const firstIdNumber = (seed: string): number => (hashSeed(seed) % 900_000) * 1_000_000 + 1

export const formatCustomerId = (value: number): string => String(value).padStart(idLength, "0")
