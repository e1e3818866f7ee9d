import type { CustomerRow } from "./columns.ts"
import type { CountryPool, Place, Pools } from "./pools.ts"
import type { Prng } from "./prng.ts"
import { emailPart, fitsIn, foldAscii, oacsLength } from "./text.ts"

// Proportions below are guesses at a typical direct-to-consumer retailer's customer file; they only
// need to be plausible and to exercise every column.

export type Gender = "M" | "F" | ""

export interface ComposedCustomer {
  readonly row: CustomerRow
  readonly gender: Gender
}

const orgShare = 0.1
const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

const yn = (yes: boolean): "Y" | "N" => (yes ? "Y" : "N")

export const houseAddress = (pool: CountryPool, prng: Prng): string => {
  const number = String(prng.chance(0.7) ? prng.int(1, 9999) : prng.int(10000, 99999))
  const name = prng.pick(pool.streets)
  return pool.houseNumberFirst ? `${number} ${name}` : `${name} ${number}`
}

/**
 * A new home for the same person: street, city, state and postal code change together. Most moves stay
 * within the state, which also keeps most moved duplicates mergeable (MRG-6 merges within a state only).
 */
export const moveTo = (row: CustomerRow, pool: CountryPool, prng: Prng): void => {
  const sameState = pool.placesByState.get(row.state)
  const place: Place = prng.pick(sameState !== undefined && prng.chance(0.7) ? sameState : pool.places)
  row.street = houseAddress(pool, prng)
  row.apartment = prng.chance(0.12) ? apartment(prng) : ""
  row.city = place.city
  row.state = place.state
  row.postal_code = place.postalCode(prng)
  row.po_box = "N"
}

const apartment = (prng: Prng): string =>
  prng.pick([
    () => `APT ${prng.int(1, 40)}${prng.pick(["", "", "A", "B", "C"])}`,
    () => `APT ${prng.int(100, 2999)}`,
    () => `UNIT ${prng.int(1, 300)}`,
    () => `# ${prng.int(1, 999)}`
  ])()

const suite = (prng: Prng): string =>
  prng.pick([() => `STE ${prng.int(1, 30) * 100}`, () => `SUITE ${prng.int(100, 1999)}`, () => `FL ${prng.int(2, 40)}`])()

const companyName = (pool: CountryPool, prng: Prng): string => {
  for (let attempt = 0; attempt < 4; attempt++) {
    const a = prng.pick(pool.lastNames)
    const b = prng.pick(pool.lastNames)
    const name = prng.pick([
      () => `${a} ${prng.pick(pool.companySuffixes)}`,
      () => `${a}, ${b} AND ${prng.pick(pool.lastNames)}`,
      () => `${a} & ${b}`,
      () => `${a}-${b} ${prng.pick(pool.companySuffixes)}`,
      () => `THE ${a} COMPANY`,
      () => `${a} ${prng.pick(["HARDWARE", "FLORIST", "DENTAL", "MOTORS", "BAKERY", "CONSULTING", "SUPPLY"])}`
    ])()
    if (fitsIn(oacsLength.company)(name)) return name
  }
  return prng.pick(pool.lastNames).slice(0, oacsLength.company - 4) + " INC"
}

export const personalEmail = (first: string, last: string, pool: CountryPool, prng: Prng): string => {
  const f = emailPart(first) || "info"
  const l = emailPart(last) || "mail"
  const local = prng.pick([
    () => `${f}.${l}`,
    () => `${f}.${l}`,
    () => `${f}${l}`,
    () => `${f.charAt(0)}${l}`,
    () => `${f}_${l}`,
    () => `${f}.${l}${prng.int(1, 99)}`,
    () => `${f}${l}${prng.int(50, 99)}`,
    () => `${l}.${f}`,
    () => `${f}${prng.int(100, 9999)}`
  ])()
  // People type their address in mixed case now and then; emails keep their case (MAP-1).
  const typed = prng.chance(0.04) ? local.replace(/\b[a-z]/g, (c) => c.toUpperCase()) : local
  return `${typed}@${prng.pick(pool.emailDomains)}`
}

const companyEmail = (company: string, prng: Prng): string => {
  const slug = foldAscii(company).split(/[^A-Za-z0-9]+/).filter((w) => w.length > 1).slice(0, 2).map(emailPart).join("")
  return `${prng.pick(["info", "sales", "accounts", "orders", "ap", "office"])}@${slug || "company"}.${
    prng.pick(["com", "com", "com", "net", "biz"])
  }`
}

const extension = (prng: Prng): string => String(prng.int(1, 9999))

export const composeCustomer = (pools: Pools, prng: Prng, customerNumber: string): ComposedCustomer => {
  const pool = pools.pickCountry(prng)
  const organization = prng.chance(orgShare)
  const gender: Gender = organization ? "" : prng.chance(0.5) ? "F" : "M"
  const hasPerson = !organization || prng.chance(0.3)
  const first = hasPerson ? prng.pick(gender === "M" ? pool.maleFirstNames : pool.femaleFirstNames) : ""
  const last = hasPerson ? prng.pick(pool.lastNames) : ""
  const company = organization ? companyName(pool, prng) : prng.chance(0.03) ? companyName(pool, prng) : ""
  const place = prng.pick(pool.places)
  const poBox = !organization && prng.chance(0.02)
  const hasEmail = prng.chance(organization ? 0.7 : 0.85)
  const email = !hasEmail ? "" : hasPerson && !organization ? personalEmail(first, last, pool, prng) : companyEmail(company, prng)
  const dayPhone = prng.chance(0.75) ? pool.phone(prng) : ""
  const eveningPhone = prng.chance(organization ? 0.05 : 0.45) ? pool.phone(prng) : ""
  const thirdPhone = prng.chance(organization ? 0.35 : 0.05) ? pool.phone(prng) : ""
  const birthMonth = !organization && prng.chance(0.22) ? prng.int(1, 12) : 0
  const relateId = prng.chance(0.3) ? `10${prng.digits(10)}` : ""
  const ecommerceId = prng.chance(0.15) ? `W${prng.digits(9)}` : ""

  const row: CustomerRow = {
    customer_number: customerNumber,
    party_type: organization ? "O" : "I",
    prefix: hasPerson && prng.chance(0.15)
      ? gender === "M" ? "MR" : gender === "F" ? prng.pick(["MRS", "MS", "MS", "DR"]) : "DR"
      : "",
    first_name: first,
    middle_initial: hasPerson && prng.chance(0.3) ? prng.pick("ABCDEFGHIJKLMNOPRSTW") : "",
    last_name: last,
    suffix: gender === "M" && prng.chance(0.04) ? prng.pick(["JR", "SR", "II", "III"]) : "",
    company,
    street: poBox ? `PO BOX ${prng.int(1, 9999)}` : houseAddress(pool, prng),
    apartment: poBox ? "" : prng.chance(organization ? 0.25 : 0.12) ? (organization ? suite(prng) : apartment(prng)) : "",
    address2: prng.chance(0.03)
      ? prng.pick([
        () => `C/O ${prng.pick(pool.maleFirstNames)} ${prng.pick(pool.lastNames)}`.slice(0, oacsLength.addressLine),
        () => `BLDG ${prng.int(1, 20)}`,
        () => "ATTN: ACCOUNTS PAYABLE",
        () => `DEPT ${prng.int(100, 999)}`
      ])()
      : "",
    address3: prng.chance(0.005) ? `MAIL STOP ${prng.int(1, 99)}` : "",
    address4: prng.chance(0.001) ? "RECEIVING DOCK" : "",
    city: place.city,
    state: place.state,
    postal_code: place.postalCode(prng),
    country: pool.country,
    po_box: yn(poBox),
    delivery_code: organization ? "B" : prng.pick(["R", "R", "R", "R", "R", "N", "N", ""]),
    customer_class: prng.pick(organization ? ["WS", "WS", "CT", "", "RT"] : ["", "", "", "", "RT", "RT", "RT", "CT", "VP", "EM"]),
    alternate_customer_number: prng.chance(0.08) ? `L${prng.digits(7)}` : "",
    email,
    email_opt_in: yn(email !== "" && prng.chance(0.45)),
    day_phone: dayPhone,
    day_phone_ext: dayPhone !== "" && prng.chance(organization ? 0.2 : 0.03) ? extension(prng) : "",
    evening_phone: eveningPhone,
    evening_phone_ext: eveningPhone !== "" && prng.chance(0.01) ? extension(prng) : "",
    third_phone: thirdPhone,
    third_phone_ext: "",
    do_not_fax: yn(thirdPhone !== "" && prng.chance(0.1)),
    mail_flag: yn(prng.chance(0.8)),
    rent_flag: yn(prng.chance(0.3)),
    birth_month: birthMonth === 0 ? "" : String(birthMonth),
    // 1900, the year ORCE is sent (MAP-11), is no leap year, so February stops at 28.
    birth_day: birthMonth === 0 ? "" : String(prng.int(1, daysInMonth[birthMonth - 1] ?? 28)),
    relate_id: relateId,
    ecommerce_id: ecommerceId,
    sync_flag: yn(prng.chance(relateId === "" ? 0.6 : 0.15)),
    status: prng.chance(0.02) ? "I" : "A"
  }
  return { row, gender }
}
