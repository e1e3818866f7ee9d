/**
 * A night's exports made by hand, for the nightly dataset and the nightly tests: `people` different customers
 * (numbers from 1001) and `duplicates` of the first of them (numbers from 2001) — the same person under a
 * second customer number, as a second order channel makes them — each customer with a site in OU1 holding a
 * bill-to and a ship-to use, and activity on every use, so that each duplicate's merge moves sites, uses and
 * activity (MRG-3..MRG-7). Deterministic: the same arguments write the same bytes.
 */
const firstNames = ["JAMES", "MARY", "ROBERT", "PATRICIA", "JOHN", "JENNIFER", "MICHAEL", "LINDA", "DAVID", "ELIZABETH", "WILLIAM", "BARBARA", "RICHARD", "SUSAN", "JOSEPH", "JESSICA", "THOMAS", "SARAH", "CHARLES", "KAREN", "OLIVER", "HARPER", "MILES", "NORA", "EZRA", "IRIS", "FELIX"]
const lastNames = ["SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS", "RODRIGUEZ", "MARTINEZ", "HERNANDEZ", "LOPEZ", "GONZALEZ", "WILSON", "ANDERSON", "TAYLOR", "MOORE", "JACKSON", "MARTIN", "LEE", "PEREZ", "THOMPSON", "WHITE", "HARRIS", "SANCHEZ", "CLARK", "ZYWICKI", "OKAFOR", "LINDQVIST"]
const streets = ["MAIN ST", "OAK AVE", "PINE RD", "MAPLE DR", "CEDAR LN", "ELM ST", "WASHINGTON BLVD", "LAKE VIEW DR", "HILLCREST RD", "SUNSET AVE", "RIVER RD"]
const cities = [["SPRINGFIELD", "62701", "IL"], ["PORTLAND", "97201", "OR"], ["AUSTIN", "78701", "TX"], ["DENVER", "80202", "CO"], ["SALEM", "01970", "MA"], ["DAYTON", "45402", "OH"], ["TAMPA", "33602", "FL"]] as const

const customerHeader = "customer_number,party_type,first_name,last_name,company,street,city,state,postal_code,country,email,day_phone,birth_month,birth_day,relate_id,sync_flag,status"

export type NightExports = Readonly<Record<"customers.csv" | "profiles.csv" | "sites.csv" | "site-uses.csv" | "activity.csv", string>>

const lines = (header: string, rows: ReadonlyArray<ReadonlyArray<string | number>>) =>
  [header, ...rows.map((row) => row.join(","))].join("\n") + "\n"

/** The person of customer `index` (0-based): varied enough for the dedupe's model to learn non-matches. */
const personOf = (index: number) => {
  const [city, postalCode, state] = cities[(index * 5) % cities.length]!
  const first = firstNames[(index * 7) % firstNames.length]!
  const last = lastNames[(index * 11) % lastNames.length]!
  return [
    "I", first, last, "", `${100 + index * 37} ${streets[(index * 3) % streets.length]}`, city, state, postalCode, "US",
    `${first}.${last}${index}@example-mail.com`.toLowerCase(), `555${String(1000000 + index * 7919).slice(-7)}`,
    String(1 + (index % 12)), String(1 + (index % 28)), "", "N", "A"
  ]
}

/** Customer numbers of the people and their duplicates, in that order. */
export const nightCustomers = (people: number, duplicates: number) => ({
  people: Array.from({ length: people }, (_, i) => 1001 + i),
  duplicates: Array.from({ length: duplicates }, (_, i) => 2001 + i)
})

export const nightExports = (people: number, duplicates: number): NightExports => {
  const { people: originals, duplicates: copies } = nightCustomers(people, duplicates)
  const customers = [
    ...originals.map((number, i) => [number, ...personOf(i)]),
    ...copies.map((number, i) => [number, ...personOf(i)])
  ]
  const numbers = [...originals, ...copies]
  return {
    "customers.csv": lines(customerHeader, customers),
    "profiles.csv": lines("customer_number,profile_description,value", originals.filter((_, i) => i % 4 === 0).map((number) => [number, "INTEREST", "GARDENING"])),
    "sites.csv": lines("site_id,customer_number,operating_unit,street,city,state,postal_code,country",
      numbers.map((number) => [number * 10, number, "OU1", `${number} MARKET ST`, "SPRINGFIELD", "IL", "62701", "US"])),
    "site-uses.csv": lines("site_use_id,site_id,use_type,location,primary", numbers.flatMap((number) => [
      [number * 100, number * 10, "BILL_TO", `B${number}`, "Y"],
      [number * 100 + 1, number * 10, "SHIP_TO", `S${number}`, "Y"]
    ])),
    // A duplicate has more activity than its original, so it survives (DUP-5) for some and not for others.
    "activity.csv": lines("activity_id,kind,site_use_id,document,amount", numbers.flatMap((number, i) =>
      Array.from({ length: i >= originals.length && (number % 2 === 0) ? 4 : 2 }, (_, k) =>
        [number * 1000 + k, k % 2 === 0 ? "order" : "invoice", number * 100 + (k % 2), `DOC-${number}-${k}`, "12.50"])))
  }
}

/**
 * The night after: a delta export of customers only — `changed` customers with a new street, and `added` new
 * customers, each the same person as customer 1001 + (number - 2001), so a duplicate the night must merge.
 */
export const deltaExport = (changed: ReadonlyArray<number>, added: ReadonlyArray<number> = []) => {
  const indexOf = (number: number) => number >= 2001 ? number - 2001 : number - 1001
  const rows = [
    ...changed.map((number) => {
      const person = personOf(indexOf(number))
      return [number, ...person.slice(0, 4), `${number} NEW STREET`, ...person.slice(5)]
    }),
    ...added.map((number) => [number, ...personOf(indexOf(number))])
  ]
  return lines(customerHeader, rows)
}
