import { base, de, en, en_AU, en_CA, en_GB, en_IE, en_US, es_MX, Faker, fr, nl } from "@faker-js/faker"
import type { LocaleDefinition } from "@faker-js/faker"
import { formalNames } from "./nicknames.ts"
import { type PhoneMaker, phoneMakers } from "./phones.ts"
import { australianPostcode, britishPostcode, canadianPostalCode, dutchPostcode } from "./postal-codes.ts"
import { makePrng, type Prng } from "./prng.ts"
import { fitsIn, oacsLength, upper } from "./text.ts"
import { usZipPrefixesByState } from "./us-zip-prefixes.ts"

// Everything taken from faker is drawn here once per export, from faker instances seeded with the
// export's seed; rows are then composed from these pools with the fast PRNG.

export interface Place {
  readonly city: string
  readonly state: string
  /** Makes a postal code consistent with this city's state. */
  readonly postalCode: (prng: Prng) => string
}

export interface CountryPool {
  readonly country: string
  readonly maleFirstNames: ReadonlyArray<string>
  readonly femaleFirstNames: ReadonlyArray<string>
  readonly lastNames: ReadonlyArray<string>
  /** Street names without a house number. */
  readonly streets: ReadonlyArray<string>
  readonly houseNumberFirst: boolean
  readonly places: ReadonlyArray<Place>
  /** The same places by state, for moves within a state; one "" entry where the country has no states. */
  readonly placesByState: ReadonlyMap<string, ReadonlyArray<Place>>
  readonly phone: PhoneMaker
  readonly emailDomains: ReadonlyArray<string>
  readonly companySuffixes: ReadonlyArray<string>
}

type DraftPool = Omit<CountryPool, "placesByState">

export interface Pools {
  readonly countries: ReadonlyArray<CountryPool>
  readonly byCountry: ReadonlyMap<string, CountryPool>
  readonly pickCountry: (prng: Prng) => CountryPool
}

/** Share of customers per country: a US retailer with some foreign customers. */
const countryWeights: ReadonlyArray<readonly [string, number]> = [
  ["US", 0.8],
  ["CA", 0.06],
  ["GB", 0.04],
  ["AU", 0.025],
  ["DE", 0.02],
  ["FR", 0.015],
  ["NL", 0.01],
  ["IE", 0.01],
  ["NZ", 0.01],
  ["MX", 0.01]
]

/** Approximate population in millions, so that customers cluster where people live. */
const usStatePopulation: Readonly<Record<string, number>> = {
  CA: 39, TX: 30, FL: 22, NY: 19.6, PA: 13, IL: 12.5, OH: 11.8, GA: 11, NC: 10.8, MI: 10, NJ: 9.3, VA: 8.7,
  WA: 7.8, AZ: 7.4, TN: 7, MA: 7, IN: 6.8, MO: 6.2, MD: 6.2, WI: 5.9, CO: 5.9, MN: 5.7, SC: 5.3, AL: 5.1,
  LA: 4.6, KY: 4.5, OR: 4.2, OK: 4, CT: 3.6, UT: 3.4, IA: 3.2, NV: 3.2, AR: 3, MS: 2.9, KS: 2.9, NM: 2.1,
  NE: 2, ID: 1.9, WV: 1.8, HI: 1.4, NH: 1.4, ME: 1.4, MT: 1.1, RI: 1.1, DE: 1, SD: 0.9, ND: 0.8, AK: 0.7,
  DC: 0.7, VT: 0.6, WY: 0.6
}

const canadianProvincePopulation: Readonly<Record<string, number>> = {
  ON: 15.6, QC: 8.9, BC: 5.6, AB: 4.7, MB: 1.4, SK: 1.2, NS: 1, NB: 0.8, NL: 0.5, PE: 0.2, NT: 0.05, YT: 0.05
}

const australianStatePopulation: Readonly<Record<string, number>> = {
  NSW: 8.3, VIC: 6.8, QLD: 5.4, WA: 2.9, SA: 1.9, TAS: 0.6, ACT: 0.5, NT: 0.25
}

const newZealandCities = [
  "AUCKLAND", "WELLINGTON", "CHRISTCHURCH", "HAMILTON", "TAURANGA", "DUNEDIN", "NAPIER", "NELSON",
  "PALMERSTON NORTH", "ROTORUA", "INVERCARGILL", "WHANGAREI", "NEW PLYMOUTH", "QUEENSTOWN", "HASTINGS"
]

const usStreetSuffixes = [
  "STREET", "STREET", "STREET", "AVENUE", "AVENUE", "ROAD", "DRIVE", "DRIVE", "LANE", "COURT", "BOULEVARD", "WAY",
  "PLACE", "CIRCLE", "TERRACE", "PARKWAY", "TRAIL"
]

const freeMail = ["gmail.com", "gmail.com", "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com"]

const emailDomains: Readonly<Record<string, ReadonlyArray<string>>> = {
  US: [...freeMail, "aol.com", "comcast.net", "msn.com", "live.com", "att.net", "verizon.net", "sbcglobal.net"],
  CA: [...freeMail, "yahoo.ca", "sympatico.ca", "rogers.com", "shaw.ca", "videotron.ca"],
  GB: [...freeMail, "yahoo.co.uk", "btinternet.com", "sky.com", "hotmail.co.uk"],
  AU: [...freeMail, "bigpond.com", "optusnet.com.au", "yahoo.com.au"],
  DE: ["gmail.com", "web.de", "gmx.de", "t-online.de", "gmx.net", "yahoo.de"],
  FR: ["gmail.com", "orange.fr", "free.fr", "laposte.net", "hotmail.fr", "wanadoo.fr", "sfr.fr"],
  NL: ["gmail.com", "ziggo.nl", "kpnmail.nl", "hotmail.nl", "live.nl", "planet.nl"],
  IE: [...freeMail, "eircom.net", "yahoo.ie"],
  NZ: [...freeMail, "xtra.co.nz", "slingshot.co.nz"],
  MX: ["gmail.com", "hotmail.com", "yahoo.com.mx", "prodigy.net.mx", "outlook.com"]
}

type Definitions = LocaleDefinition

const namesOf = (definitions: ReadonlyArray<Definitions>, kind: "male" | "female"): Array<string> => {
  for (const d of definitions) {
    const names = d.person?.first_name?.[kind] ?? []
    if (names.length > 0) return names.map(upper).filter(fitsIn(oacsLength.firstName))
  }
  return []
}

const lastNamesOf = (definitions: ReadonlyArray<Definitions>): Array<string> => {
  for (const d of definitions) {
    const names = d.person?.last_name?.generic ?? []
    if (names.length > 0) return names.map(upper).filter(fitsIn(oacsLength.lastName))
  }
  return []
}

/** Repeats the formal names of the nickname table so that common names dominate, as they do in life. */
const withCommonNames = (names: ReadonlyArray<string>, common: ReadonlyArray<string>, times: number) => [
  ...names,
  ...Array.from({ length: times }, () => common).flat()
]

const weightedList = <A>(items: ReadonlyArray<readonly [A, number]>, size: number): Array<A> =>
  items.flatMap(([item, weight]) => Array.from({ length: Math.max(1, Math.round(weight * size)) }, () => item))

const femaleFormal = new Set([
  "ELIZABETH", "MARGARET", "KATHERINE", "CATHERINE", "JENNIFER", "PATRICIA", "SUSAN", "DEBORAH", "REBECCA",
  "CHRISTINE", "VICTORIA", "JACQUELINE", "ABIGAIL", "SAMANTHA", "ALEXANDRA", "DOROTHY", "KIMBERLY", "PAMELA",
  "JESSICA"
])

const fakerFor = (locale: ReadonlyArray<Definitions>, seed: number): Faker => {
  const faker = new Faker({ locale: [...locale, base] })
  faker.seed(seed)
  return faker
}

const draw = <A>(count: number, make: () => A): Array<A> => Array.from({ length: count }, make)

export const buildPools = (seed: number): Pools => {
  const prng = makePrng(seed ^ 0x5eed_9001)
  const usFaker = fakerFor([en_US, en], seed)

  const usMale = namesOf([en], "male")
  const usFemale = namesOf([en], "female")
  const usLast = lastNamesOf([en])
  const hispanicLast = lastNamesOf([es_MX])
  const usStreets = [
    ...(en_US.location?.street_name ?? []).map(upper),
    ...draw(600, () => `${prng.pick(usLast)} ${prng.pick(usStreetSuffixes)}`),
    ...draw(200, () => `${prng.pick(usFemale)} ${prng.pick(usStreetSuffixes)}`),
    ...draw(200, () => `${prng.pick(["N", "S", "E", "W"])} ${prng.pick(usLast)} ${prng.pick(usStreetSuffixes)}`)
  ].filter(fitsIn(oacsLength.street - 6))

  const usPlaces = [...usZipPrefixesByState].flatMap(([state, prefixes]) => {
    const cities = new Set(draw(30, () => upper(usFaker.location.city())).filter(fitsIn(oacsLength.city)))
    return [...cities].map((city): Place => {
      // A city is served by one or two sectional centers, as a real one is.
      const own = [prng.pick(prefixes), prng.pick(prefixes)]
      return { city, state, postalCode: (p) => `${p.pick(own)}${String(p.int(1, 99)).padStart(2, "0")}` }
    })
  })
  const placesByState = Map.groupBy(usPlaces, (place) => place.state)
  const usPlaceList = weightedList(
    Object.entries(usStatePopulation).map(([state, population]) => [placesByState.get(state) ?? [], population] as const),
    4
  ).flat()

  const us: DraftPool = {
    country: "US",
    maleFirstNames: withCommonNames(usMale, formalNames.filter((n) => !femaleFormal.has(n)), 25),
    femaleFirstNames: withCommonNames(usFemale, formalNames.filter((n) => femaleFormal.has(n)), 25),
    lastNames: [...usLast, ...usLast, ...usLast, ...usLast, ...hispanicLast],
    streets: usStreets,
    houseNumberFirst: true,
    places: usPlaceList,
    phone: phoneMakers.US ?? (() => ""),
    emailDomains: emailDomains.US ?? freeMail,
    companySuffixes: ["INC", "LLC", "CORP", "CO", "GROUP", "& SONS", "ASSOCIATES", "PARTNERS"]
  }

  const caCities = (en_CA.location?.city_name ?? []).map(upper).filter(fitsIn(oacsLength.city))
  const ca: DraftPool = {
    ...us,
    country: "CA",
    streets: us.streets,
    places: weightedList(Object.entries(canadianProvincePopulation), 10).map((province) => {
      const city = prng.pick(caCities)
      return { city, state: province, postalCode: (p: Prng) => canadianPostalCode(province, p) }
    }),
    phone: phoneMakers.CA ?? us.phone,
    emailDomains: emailDomains.CA ?? freeMail,
    companySuffixes: ["INC", "LTD", "CORP", "LTEE"]
  }

  const gbFaker = fakerFor([en_GB, en], seed + 1)
  const gbPatterns = en_GB.location?.postcode ?? []
  const gbAreas = [...new Set((Array.isArray(gbPatterns) ? gbPatterns : [gbPatterns]).map((pattern) => /^[A-Z]+/.exec(pattern)?.[0] ?? "SW"))]
  const gb: DraftPool = {
    ...us,
    country: "GB",
    lastNames: usLast,
    streets: (en_GB.location?.street_name ?? []).map(upper).filter(fitsIn(oacsLength.street - 6)),
    places: draw(300, () => upper(gbFaker.location.city())).filter(fitsIn(oacsLength.city)).map((city) => ({
      city,
      state: "",
      postalCode: (p: Prng) => britishPostcode(gbAreas, p)
    })),
    phone: phoneMakers.GB ?? us.phone,
    emailDomains: emailDomains.GB ?? freeMail,
    companySuffixes: ["LTD", "PLC", "LLP", "& SONS"]
  }

  const ieFaker = fakerFor([en_IE, en], seed + 2)
  const eircodes = draw(2000, () => upper(ieFaker.location.zipCode()))
  const ie: DraftPool = {
    ...gb,
    country: "IE",
    places: draw(100, () => upper(ieFaker.location.city())).filter(fitsIn(oacsLength.city)).map((city) => ({
      city,
      state: "",
      postalCode: (p: Prng) => p.pick(eircodes)
    })),
    phone: phoneMakers.IE ?? us.phone,
    emailDomains: emailDomains.IE ?? freeMail,
    companySuffixes: ["LTD", "DAC", "TEORANTA"]
  }

  const auFaker = fakerFor([en_AU, en], seed + 3)
  const auSuffixes = (en_AU.location?.street_suffix ?? ["Street"]).map(upper)
  const auLast = lastNamesOf([en_AU])
  const au: DraftPool = {
    country: "AU",
    maleFirstNames: namesOf([en_AU], "male"),
    femaleFirstNames: namesOf([en_AU], "female"),
    lastNames: auLast,
    streets: draw(800, () => `${prng.pick(auLast)} ${prng.pick(auSuffixes)}`).filter(fitsIn(oacsLength.street - 6)),
    houseNumberFirst: true,
    // OACS keeps 2 characters of state, so an Australian state is held as the first two letters of its
    // code (NSW → NS, VIC → VI), as after truncation; the postcode is in that state's range.
    places: weightedList(Object.entries(australianStatePopulation), 10).map((state) => ({
      city: upper(auFaker.location.city()).slice(0, oacsLength.city).trim(),
      state: state.slice(0, oacsLength.state),
      postalCode: (p: Prng) => australianPostcode(state, p)
    })),
    phone: phoneMakers.AU ?? us.phone,
    emailDomains: emailDomains.AU ?? freeMail,
    companySuffixes: ["PTY LTD", "GROUP", "PARTNERS"]
  }

  const nz: DraftPool = {
    ...au,
    country: "NZ",
    places: newZealandCities.map((city) => ({
      city,
      state: "",
      postalCode: (p: Prng) => String(p.int(110, 9893)).padStart(4, "0")
    })),
    phone: phoneMakers.NZ ?? us.phone,
    emailDomains: emailDomains.NZ ?? freeMail,
    companySuffixes: ["LIMITED", "LTD"]
  }

  const deFaker = fakerFor([de], seed + 4)
  const de_: DraftPool = {
    country: "DE",
    maleFirstNames: namesOf([de], "male"),
    femaleFirstNames: namesOf([de], "female"),
    lastNames: lastNamesOf([de]),
    streets: (de.location?.street_name ?? []).map(upper).filter(fitsIn(oacsLength.street - 6)),
    houseNumberFirst: false,
    places: (de.location?.city_name ?? []).map(upper).filter(fitsIn(oacsLength.city)).map((city) => {
      const region = deFaker.number.int({ min: 1, max: 99 })
      return { city, state: "", postalCode: (p: Prng) => `${String(region).padStart(2, "0")}${p.digits(3)}` }
    }),
    phone: phoneMakers.DE ?? us.phone,
    emailDomains: emailDomains.DE ?? freeMail,
    companySuffixes: ["GMBH", "AG", "KG", "GMBH & CO. KG"]
  }

  const frPrefixes = (fr.location?.street_prefix ?? ["Rue"]).map(upper)
  const frSuffixes = (fr.location?.street_suffix ?? ["de la Paix"]).map(upper)
  const fr_: DraftPool = {
    country: "FR",
    maleFirstNames: namesOf([fr], "male"),
    femaleFirstNames: namesOf([fr], "female"),
    lastNames: lastNamesOf([fr]),
    streets: draw(600, () => `${prng.pick(frPrefixes)} ${prng.pick(frSuffixes)}`).filter(fitsIn(oacsLength.street - 6)),
    houseNumberFirst: true,
    places: (fr.location?.city_name ?? []).map(upper).filter(fitsIn(oacsLength.city)).map((city) => {
      const department = prng.int(1, 95)
      return { city, state: "", postalCode: (p: Prng) => `${String(department).padStart(2, "0")}${p.digits(1)}${p.pick(["00", "10", "20", "30", "40", "50"])}` }
    }),
    phone: phoneMakers.FR ?? us.phone,
    emailDomains: emailDomains.FR ?? freeMail,
    companySuffixes: ["SARL", "SA", "SAS", "EURL"]
  }

  const nlFaker = fakerFor([nl], seed + 5)
  const nlLast = lastNamesOf([nl])
  const nlSuffixes = nl.location?.street_suffix ?? ["straat"]
  const nl_: DraftPool = {
    country: "NL",
    maleFirstNames: namesOf([nl], "male"),
    femaleFirstNames: namesOf([nl], "female"),
    lastNames: nlLast,
    streets: draw(600, () => upper(`${prng.pick(nlLast).toLowerCase().replace(/\s+/g, "")}${prng.pick(nlSuffixes)}`))
      .filter(fitsIn(oacsLength.street - 6)),
    houseNumberFirst: false,
    places: draw(100, () => upper(nlFaker.location.city())).filter(fitsIn(oacsLength.city)).map((city) => ({
      city,
      state: "",
      postalCode: dutchPostcode
    })),
    phone: phoneMakers.NL ?? us.phone,
    emailDomains: emailDomains.NL ?? freeMail,
    companySuffixes: ["BV", "NV", "V.O.F."]
  }

  const mxPrefixes = ["CALLE", "CALLE", "AV.", "AVENIDA", "BLVD.", "PRIVADA"]
  const mx: DraftPool = {
    country: "MX",
    maleFirstNames: namesOf([es_MX], "male"),
    femaleFirstNames: namesOf([es_MX], "female"),
    lastNames: hispanicLast,
    streets: draw(600, () => `${prng.pick(mxPrefixes)} ${prng.pick(hispanicLast)}`).filter(fitsIn(oacsLength.street - 6)),
    houseNumberFirst: false,
    places: (es_MX.location?.city_name ?? []).map(upper).filter(fitsIn(oacsLength.city)).map((city) => {
      const zone = prng.int(1, 99)
      return { city, state: "", postalCode: (p: Prng) => `${String(zone).padStart(2, "0")}${p.digits(3)}` }
    }),
    phone: phoneMakers.MX ?? us.phone,
    emailDomains: emailDomains.MX ?? freeMail,
    companySuffixes: ["S.A. DE C.V.", "S.A.", "HERMANOS"]
  }

  const countries = [us, ca, gb, au, de_, fr_, nl_, ie, nz, mx].map((pool): CountryPool => ({
    ...pool,
    placesByState: Map.groupBy(pool.places, (place) => place.state)
  }))
  const byCountry = new Map(countries.map((pool) => [pool.country, pool]))
  const countryList = weightedList(countryWeights, 1000).map((code) => byCountry.get(code) ?? countries[0]!)
  return { countries, byCountry, pickCountry: (p) => p.pick(countryList) }
}
