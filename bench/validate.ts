/**
 * Rows per second of validateCustomerRow on one core, over a mix of clean rows and rows with several
 * bad fields. Run: node_modules/.bin/node test/validate/measure-throughput.ts [rows]
 */
import { loadReferenceData, validateCustomerRow, type RawRow } from "../src/stages/validate/index.ts"

const reference = loadReferenceData()
const rowCount = Number(process.argv[3] ?? 1_000_000)

const clean: RawRow = {
  customer_number: "123456", party_type: "", prefix: "MR", first_name: "Jonathan", middle_initial: "Q",
  last_name: "Smithson", suffix: "", company: "Acme Widgets Inc", street: "1200 Commonwealth Avenue",
  apartment: "Apt 4B", address2: "", address3: "", address4: "", city: "Boston", state: "ma",
  postal_code: "02215-1234", country: "us", po_box: "N", delivery_code: "R", customer_class: "RT",
  alternate_customer_number: "", email: "jonathan.smithson@example.com", email_opt_in: "y",
  day_phone: "(617) 555-0199 x204", day_phone_ext: "", evening_phone: "+1 617.555.0123", evening_phone_ext: "",
  third_phone: "", third_phone_ext: "", do_not_fax: "", mail_flag: "Y", rent_flag: "N", birth_month: "2",
  birth_day: "29", relate_id: "", ecommerce_id: "W-88812", sync_flag: "Y", status: "A"
}
const dirty: RawRow = {
  ...clean, customer_number: "12345678901", last_name: "", company: "", country: "USA", email: "a@b",
  day_phone: "555-01", mail_flag: "X", birth_month: "13"
}
const wrongScf: RawRow = { ...clean, state: "CA", postal_code: "10001" }
const abroad: RawRow = { ...clean, country: "GB", state: "", postal_code: "SW1A 1AA" }
const rows = Array.from({ length: 1000 }, (_, i) =>
  i % 10 === 0 ? dirty : i % 10 === 1 ? wrongScf : i % 10 === 2 ? abroad : { ...clean, customer_number: String(i + 1) }
)

const run = (count: number) => {
  let valid = 0
  for (let i = 0; i < count; i++) if (validateCustomerRow(rows[i % rows.length]!, { source: "bench.csv", line: i }, reference).ok) valid++
  return valid
}

run(100_000)
const started = performance.now()
const valid = run(rowCount)
const seconds = (performance.now() - started) / 1000
console.log(JSON.stringify({ case: "validate customer rows", rows: rowCount, valid, seconds: +seconds.toFixed(3), rowsPerSecond: Math.round(rowCount / seconds) }))
