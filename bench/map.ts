// Throughput of the map stage, outside vitest: `node_modules/.bin/node test/map/throughput.ts [customers]`.
// Prints one JSON line per case, like bench/. Customers vary so the JIT cannot specialise on one value.
import { Result } from "effect"
import type { Customer } from "../src/domain/customer.ts"
import type { OrceCustomer } from "../src/domain/orce-customer.ts"
import { fromOrceCustomer } from "../src/stages/map/from-orce.ts"
import { toOrceMessage } from "../src/stages/map/to-orce.ts"
import { context, customer, settings } from "../test/map/fixtures.ts"

const total = Number(process.argv[3] ?? 1_000_000)
const distinct = 10_000

const customers: Array<Customer> = Array.from({ length: distinct }, (_, i) =>
  customer({
    customerNumber: i + 1,
    firstName: i % 7 === 0 ? "bartholomew-alexander " : `first${i}`,
    lastName: `last name ${i}   `,
    street: `${i} main street`,
    apartment: i % 3 === 0 ? "" : `apt ${i}`,
    address2: i % 5 === 0 ? "" : "c/o someone",
    email: i % 4 === 0 ? "" : `User${i}@Example.com`,
    dayPhone: i % 2 === 0 ? "" : "(617) 555-0100 x12",
    ecommerceId: i % 3 === 0 ? `web${i}` : "",
    birthMonth: i % 10 === 0 ? null : (i % 12) + 1,
    birthDay: i % 10 === 0 ? null : (i % 28) + 1
  })
)
const contexts = [context(), context({ isNew: true }), context({ relateId: "1000000001", existingBirthDate: "1980-01-01" })]

const measure = (name: string, run: (i: number) => void) => {
  for (let i = 0; i < 50_000; i++) run(i)
  const start = performance.now()
  for (let i = 0; i < total; i++) run(i)
  const seconds = (performance.now() - start) / 1000
  console.log(JSON.stringify({ case: name, customers: total, seconds: +seconds.toFixed(3), perSecond: Math.round(total / seconds) }))
}

let sink = 0
measure("toOrceMessage", (i) => {
  sink += toOrceMessage(customers[i % distinct]!, contexts[i % 3]!).truncations.length
})
measure("toOrceMessage+JSON.stringify", (i) => {
  sink += JSON.stringify(toOrceMessage(customers[i % distinct]!, contexts[i % 3]!).message).length
})

const orceCustomers: Array<OrceCustomer> = customers.map((c, i) => ({
  ...toOrceMessage(c, context()).message,
  customerId: String(1_000_000_000 + i),
  firstName: i % 2 === 0 ? "Mixed Case Name" : c.firstName
}))
measure("fromOrceCustomer", (i) => {
  if (Result.isSuccess(fromOrceCustomer(orceCustomers[i % distinct]!, settings))) sink++
})
if (sink < 0) console.log(sink)
