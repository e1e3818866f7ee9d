import type { Prng } from "./prng.ts"

// Postal codes that agree with the state or province they are generated for, so that a clean row
// passes postal validation (VAL-5) and a mismatch is only ever a deliberate dirty row.

/** Letters Canada Post uses in postal codes (never D, F, I, O, Q, U). */
const canadianLetters = "ABCEGHJKLMNPRSTVWXYZ"

/** Province → first letters of its postal codes (forward sortation areas), as in faker's en_CA data. */
export const canadianFirstLetters: Readonly<Record<string, string>> = {
  NL: "A",
  NS: "B",
  PE: "C",
  NB: "E",
  QC: "GHJ",
  ON: "KLMNP",
  MB: "R",
  SK: "S",
  AB: "T",
  BC: "V",
  NT: "X",
  NU: "X",
  YT: "Y"
}

export const canadianPostalCode = (province: string, prng: Prng): string => {
  const letter = () => prng.pick(canadianLetters)
  const first = prng.pick(canadianFirstLetters[province] ?? "K")
  return `${first}${prng.int(0, 9)}${letter()} ${prng.int(0, 9)}${letter()}${prng.int(0, 9)}`
}

/** Australian state → ranges of its postcodes. */
export const australianPostcodeRanges: Readonly<Record<string, ReadonlyArray<readonly [number, number]>>> = {
  NSW: [[2000, 2599], [2619, 2899], [2921, 2999]],
  ACT: [[2600, 2618], [2900, 2920]],
  VIC: [[3000, 3999]],
  QLD: [[4000, 4999]],
  SA: [[5000, 5799]],
  WA: [[6000, 6797]],
  TAS: [[7000, 7799]],
  NT: [[800, 899]]
}

export const australianPostcode = (state: string, prng: Prng): string => {
  const [from, to] = prng.pick(australianPostcodeRanges[state] ?? [[2000, 2599]])
  return String(prng.int(from, to)).padStart(4, "0")
}

/** Dutch postcodes: four digits (no leading zero) and two letters, never SA, SD or SS. */
export const dutchPostcode = (prng: Prng): string => {
  let letters = "SS"
  while (letters === "SA" || letters === "SD" || letters === "SS") {
    letters = prng.pick("ABCDEGHJKLMNPRSTVWXZ") + prng.pick("ABCDEGHJKLMNPRSTVWXZ")
  }
  return `${prng.int(1000, 9999)} ${letters}`
}

/**
 * British postcodes: outward code (postcode area and district) and inward code (a digit and two letters).
 * Faker's en_GB patterns end the inward code in digit-digit-letter, which no British postcode does, so
 * only their postcode areas are used.
 */
export const britishPostcode = (areas: ReadonlyArray<string>, prng: Prng): string =>
  `${prng.pick(areas)}${prng.int(1, 29)} ${prng.int(0, 9)}${prng.pick("ABDEFGHJLNPQRSTUWXYZ")}${prng.pick("ABDEFGHJLNPQRSTUWXYZ")}`
