import type { Reject } from "../../src/domain/reject.ts"
import { loadReferenceData, validateCustomerRow, type RawRow, type Validated } from "../../src/stages/validate/index.ts"

export const reference = loadReferenceData()

export const at = { source: "customers.csv", line: 7 }

/** A row that passes every rule; tests change one or two fields of it. */
export const goodRow: RawRow = {
  customer_number: "1001",
  party_type: "",
  prefix: "Ms",
  first_name: "Ada",
  middle_initial: "K",
  last_name: "Lovelace",
  suffix: "",
  company: "",
  street: "12 Main St",
  apartment: "",
  address2: "",
  address3: "",
  address4: "",
  city: "New York",
  state: "NY",
  postal_code: "10001",
  country: "US",
  po_box: "N",
  delivery_code: "",
  customer_class: "",
  alternate_customer_number: "",
  email: "ada@example.com",
  email_opt_in: "Y",
  day_phone: "212-555-0100",
  day_phone_ext: "",
  evening_phone: "",
  evening_phone_ext: "",
  third_phone: "",
  third_phone_ext: "",
  do_not_fax: "N",
  mail_flag: "N",
  rent_flag: "N",
  birth_month: "",
  birth_day: "",
  relate_id: "",
  ecommerce_id: "",
  sync_flag: "N",
  status: "A"
}

export const validate = (changes: RawRow) => validateCustomerRow({ ...goodRow, ...changes }, at, reference)

export const valueOf = <A>(result: Validated<A>): A => {
  if (!result.ok) throw new Error(`expected a valid row, got ${JSON.stringify(result.rejects)}`)
  return result.value
}

export const rejectsOf = <A>(result: Validated<A>): ReadonlyArray<Reject> => {
  if (result.ok) throw new Error("expected the row to be rejected, but it is valid")
  return result.rejects
}

/** The only reject of a row; fails when the row has none or several. */
export const onlyReject = <A>(result: Validated<A>): Reject => {
  const rejects = rejectsOf(result)
  if (rejects.length !== 1) throw new Error(`expected exactly one reject, got ${JSON.stringify(rejects)}`)
  return rejects[0]!
}
