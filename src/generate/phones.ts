import type { Prng } from "./prng.ts"

// Phone numbers arrive in whatever format the customer or the call-centre agent typed; every format
// below still has 7 to 15 digits once the formatting is removed (VAL-6).

export type PhoneMaker = (prng: Prng) => string

const nanpParts = (prng: Prng): readonly [string, string, string] => [
  `${prng.int(2, 9)}${prng.int(0, 8)}${prng.int(0, 9)}`,
  `${prng.int(2, 9)}${prng.digits(2)}`,
  prng.digits(4)
]

export const nanpPhone: PhoneMaker = (prng) => {
  const [area, exchange, line] = nanpParts(prng)
  switch (prng.int(0, 5)) {
    case 0:
    case 1:
      return `(${area}) ${exchange}-${line}`
    case 2:
      return `${area}.${exchange}.${line}`
    case 3:
      return `+1 ${area} ${exchange} ${line}`
    case 4:
      return `${area}-${exchange}-${line}`
    default:
      return `${area}${exchange}${line}`
  }
}

/** A national number `0<area> <subscriber>` that may also be written `+<country> <area> <subscriber>`. */
const international = (countryCode: string, areas: ReadonlyArray<string>, group: (prng: Prng) => string): PhoneMaker =>
(prng) => {
  const area = prng.pick(areas)
  const subscriber = group(prng)
  return prng.chance(0.4) ? `+${countryCode} ${area} ${subscriber}` : `0${area} ${subscriber}`
}

export const phoneMakers: Record<string, PhoneMaker> = {
  US: nanpPhone,
  CA: nanpPhone,
  GB: international("44", ["20", "121", "161", "131", "113", "117", "7700", "7911"], (p) => `${p.digits(3)} ${p.digits(4)}`),
  IE: international("353", ["1", "21", "61", "91", "85", "87"], (p) => `${p.digits(3)} ${p.digits(4)}`),
  DE: international("49", ["30", "40", "89", "221", "69", "711", "151", "170"], (p) => p.digits(p.int(7, 8))),
  FR: international("33", ["1", "2", "3", "4", "5", "6", "7"], (p) => `${p.digits(2)} ${p.digits(2)} ${p.digits(2)} ${p.digits(2)}`),
  NL: international("31", ["20", "10", "70", "30", "40", "6"], (p) => `${p.digits(3)} ${p.digits(4)}`),
  AU: international("61", ["2", "3", "7", "8", "412", "423"], (p) => `${p.digits(4)} ${p.digits(4)}`),
  NZ: international("64", ["9", "4", "3", "7", "21", "27"], (p) => `${p.digits(3)} ${p.digits(4)}`),
  MX: (prng) => {
    const area = prng.pick(["55", "33", "81", "222", "442", "664"])
    const rest = area.length === 2 ? `${prng.digits(4)} ${prng.digits(4)}` : `${prng.digits(3)} ${prng.digits(4)}`
    return prng.chance(0.5) ? `+52 ${area} ${rest}` : `${area} ${rest}`
  }
}

export const digitsOf = (phone: string): string => phone.replace(/\D/g, "")

/** The same number written in another of the usual formats: duplicates re-type their phone. */
export const reformatPhone = (phone: string, country: string, prng: Prng): string => {
  const digits = digitsOf(phone)
  const national = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits
  // Numbers outside North America only lose their spaces: grouping rules differ by country.
  if ((country !== "US" && country !== "CA") || national.length !== 10) return phone.replace(/\s+/g, "")
  const [a, e, l] = [national.slice(0, 3), national.slice(3, 6), national.slice(6)]
  const formats = [`(${a}) ${e}-${l}`, `${a}.${e}.${l}`, `+1 ${a} ${e} ${l}`, `${a}-${e}-${l}`, `${a}${e}${l}`]
  const others = formats.filter((f) => f !== phone)
  return prng.pick(others)
}
