// Flags of matched characters, reused by every call: the metric runs millions of times per run and must not allocate.
let matchedA = new Uint8Array(64)
let matchedB = new Uint8Array(64)

/**
 * Jaro–Winkler similarity (0–1) with Winkler's prefix bonus (scale 0.1, at most 4 characters, applied
 * above 0.7), as published (MARTHA/MARHTA 0.961). Written here rather than taken from the npm package
 * `jaro-winkler`, which gives the same values but allocates on every call: in a dedupe run it took half
 * the time, most of it in the garbage collector.
 *
 * Comparisons only ask whether two values reach a band, so `atLeast` lets the metric give up (and answer 0)
 * as soon as too few characters can still match: most pairs of different values are settled after a few.
 */
export const jaroWinkler = (a: string, b: string, atLeast = 0): number => {
  if (a === b) return a.length === 0 ? 0 : 1
  const la = a.length
  const lb = b.length
  if (la === 0 || lb === 0) return 0
  // JW ≤ 0.6 × Jaro + 0.4 and Jaro ≤ (m/la + m/lb + 1) / 3, so reaching atLeast needs m ≥ needed.
  const needed = atLeast <= 0.4 ? 0 : Math.max(0, ((atLeast - 0.4) / 0.6) * 3 - 1) * ((la * lb) / (la + lb))
  if (Math.min(la, lb) < needed) return 0
  if (la > matchedA.length) matchedA = new Uint8Array(la * 2)
  if (lb > matchedB.length) matchedB = new Uint8Array(lb * 2)
  matchedA.fill(0, 0, la)
  matchedB.fill(0, 0, lb)
  const range = Math.max(0, (Math.max(la, lb) >> 1) - 1)
  let matches = 0
  for (let i = 0; i < la; i++) {
    const code = a.charCodeAt(i)
    const end = Math.min(i + range + 1, lb)
    for (let j = i > range ? i - range : 0; j < end; j++) {
      if (matchedB[j] === 0 && b.charCodeAt(j) === code) {
        matchedA[i] = 1
        matchedB[j] = 1
        matches++
        break
      }
    }
    if (matches + (la - i - 1) < needed) return 0
  }
  if (matches === 0) return 0
  let transposed = 0
  let k = 0
  for (let i = 0; i < la; i++) {
    if (matchedA[i] === 0) continue
    while (matchedB[k] === 0) k++
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transposed++
    k++
  }
  const jaro = (matches / la + matches / lb + (matches - transposed / 2) / matches) / 3
  if (jaro <= 0.7) return jaro
  let prefix = 0
  const maxPrefix = Math.min(4, la, lb)
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++
  return jaro + prefix * 0.1 * (1 - jaro)
}

// One reusable row set per string length keeps the hot path free of allocation.
let rows: Array<Int32Array> = []
const lastRowOf = new Map<number, number>()

/**
 * The true (unrestricted) Damerau–Levenshtein distance: insertions, deletions, substitutions and
 * transpositions of adjacent characters, where a transposed pair may be edited again (CA → ABC is 2).
 * The npm packages compute the restricted "optimal string alignment" distance (CA → ABC is 3) or give up
 * past a few edits, so this is written here (Lowrance–Wagner).
 */
export const damerauLevenshtein = (a: string, b: string): number => {
  if (a === b) return 0
  const la = a.length
  const lb = b.length
  if (la === 0) return lb
  if (lb === 0) return la
  const infinity = la + lb
  if (rows.length < la + 2 || (rows[0]?.length ?? 0) < lb + 2) {
    const width = Math.max(lb + 2, rows[0]?.length ?? 0)
    rows = Array.from({ length: Math.max(la + 2, rows.length) }, () => new Int32Array(width))
  }
  const d = rows
  lastRowOf.clear()
  d[0]![0] = infinity
  for (let i = 0; i <= la; i++) (d[i + 1]![0] = infinity), (d[i + 1]![1] = i)
  for (let j = 0; j <= lb; j++) (d[0]![j + 1] = infinity), (d[1]![j + 1] = j)
  for (let i = 1; i <= la; i++) {
    const ca = a.charCodeAt(i - 1)
    let lastMatchColumn = 0
    const row = d[i + 1]!
    const above = d[i]!
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1)
      const k = lastRowOf.get(cb) ?? 0
      const l = lastMatchColumn
      const cost = ca === cb ? 0 : 1
      if (cost === 0) lastMatchColumn = j
      const substitution = above[j]! + cost
      const insertion = row[j]! + 1
      const deletion = above[j + 1]! + 1
      const transposition = d[k]![l]! + (i - k - 1) + 1 + (j - l - 1)
      let best = substitution < insertion ? substitution : insertion
      if (deletion < best) best = deletion
      if (transposition < best) best = transposition
      row[j + 1] = best
    }
    lastRowOf.set(ca, i)
  }
  return d[la + 1]![lb + 1]!
}

/** Whether a from i on and b from j on are the same characters, without copying either. */
const sameFrom = (a: string, i: number, b: string, j: number): boolean => {
  if (a.length - i !== b.length - j) return false
  for (; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false
  return true
}

/**
 * Whether two strings are at most one edit apart (a transposition counts as one): cheaper than the full
 * distance, and without allocating, as it runs for most pairs a run compares.
 */
export const withinOneEdit = (a: string, b: string): boolean => {
  if (a === b) return true
  const la = a.length
  const lb = b.length
  if (la - lb > 1 || lb - la > 1) return false
  let i = 0
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++
  if (la === lb) {
    // One substitution, or one swap of neighbours.
    if (sameFrom(a, i + 1, b, i + 1)) return true
    return a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && sameFrom(a, i + 2, b, i + 2)
  }
  return la > lb ? sameFrom(a, i + 1, b, i) : sameFrom(a, i, b, i + 1)
}
