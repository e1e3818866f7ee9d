/** How match scores read on the page: probabilities with as many nines as they have, weights in bits with a sign. */

export const formatProbability = (p: number): string => {
  if (p >= 1) return "1"
  if (p > 1 - 1e-9) return "> 0.999999999"
  const digits = p > 0.99 ? Math.ceil(-Math.log10(1 - p)) + 1 : 3
  return p.toFixed(digits)
}

/** A match weight in bits, signed (a true minus sign): +4.21, −3.07, 0.00. */
export const formatWeight = (weight: number): string => {
  if (!Number.isFinite(weight)) return weight > 0 ? "+∞" : "−∞"
  const text = Math.abs(weight).toFixed(2)
  return text === "0.00" ? text : `${weight > 0 ? "+" : "−"}${text}`
}
