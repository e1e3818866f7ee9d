import { makePrng } from "../../src/generate/prng.ts"
import { blankCustomer, type Customer } from "../../src/domain/customer.ts"

/** A customer with every optional field blank; tests set what they compare. */
export const person = (customerNumber: number, overrides: Partial<Customer> = {}): Customer => ({
  ...blankCustomer(customerNumber),
  country: "US",
  syncFlag: "Y",
  ...overrides
})

const firstNames = ["JAMES", "MARY", "ROBERT", "PATRICIA", "JOHN", "JENNIFER", "MICHAEL", "LINDA", "DAVID", "ELIZABETH", "WILLIAM", "BARBARA", "RICHARD", "SUSAN", "JOSEPH", "JESSICA", "THOMAS", "SARAH", "CHARLES", "KAREN", "OLIVER", "HARPER", "MILES", "NORA", "EZRA", "IRIS", "FELIX", "HAZEL", "JASPER", "VIOLET"]
const lastNames = ["SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS", "RODRIGUEZ", "MARTINEZ", "HERNANDEZ", "LOPEZ", "GONZALEZ", "WILSON", "ANDERSON", "THOMAS", "TAYLOR", "MOORE", "JACKSON", "MARTIN", "LEE", "PEREZ", "THOMPSON", "WHITE", "HARRIS", "SANCHEZ", "CLARK", "RAMIREZ", "LEWIS", "ROBINSON", "WALKER", "YOUNG", "ALLEN", "KING", "WRIGHT", "SCOTT", "TORRES", "NGUYEN", "HILL", "FLORES", "ZYWICKI", "OKAFOR", "LINDQVIST", "BERGSTROM", "ABERNATHY"]
const streets = ["MAIN ST", "OAK AVE", "PINE RD", "MAPLE DR", "CEDAR LN", "ELM ST", "WASHINGTON BLVD", "LAKE VIEW DR", "HILLCREST RD", "SUNSET AVE", "RIVER RD", "PARK PL", "CHURCH ST", "MILL LN", "HIGHLAND AVE"]
const cities = [["SPRINGFIELD", "62701", "IL"], ["PORTLAND", "97201", "OR"], ["AUSTIN", "78701", "TX"], ["DENVER", "80202", "CO"], ["SALEM", "01970", "MA"], ["DAYTON", "45402", "OH"], ["TAMPA", "33602", "FL"], ["BOISE", "83702", "ID"]] as const

/**
 * `count` different people, drawn from a seeded PRNG so every run sees the same ones: varied enough that
 * the model has non-matches to learn from, with SMITH far more common than ZYWICKI.
 */
export const population = (count: number, from = 1000): Array<Customer> => {
  const prng = makePrng(7)
  // Zipf-like: the first last names are drawn much more often than the last ones.
  const lastName = () => lastNames[Math.min(lastNames.length - 1, Math.floor(lastNames.length * prng.next() ** 3))]!
  return Array.from({ length: count }, (_, i) => {
    const [city, postalCode, state] = prng.pick(cities)
    const first = prng.pick(firstNames)
    const last = lastName()
    return person(from + i, {
      firstName: first,
      lastName: last,
      street: `${prng.int(1, 9999)} ${prng.pick(streets)}`,
      city,
      postalCode,
      state,
      email: `${first}.${last}${i}@example-mail.com`.toLowerCase(),
      dayPhone: `(555) ${prng.digits(3)}-${prng.digits(4)}`,
      birthMonth: prng.int(1, 12),
      birthDay: prng.int(1, 28)
    })
  })
}
