import type { Customer, YesNo } from "../../domain/customer.ts"
import { addressProblems } from "./address-checks.ts"
import { birthDate, customerNumberProblem, emailProblem, phoneProblem, yesNo } from "./field-checks.ts"
import type { ReferenceData } from "./reference-data.ts"
import { rejectsOf, shown, text, type FieldProblem, type RawRow, type RowPosition, type Validated } from "./row.ts"

/**
 * VAL-3 to VAL-7 for one customer file row: a Customer, or one Reject per bad field (VAL-1). Text is
 * kept as given apart from surrounding whitespace; upper-casing and truncation are the map stage's
 * (MAP-1, MAP-3), so a very long name passes here. Codes are normalised because Customer types them:
 * country and state upper-cased, flags, party type and status to their single upper-case letter.
 * Customer-number uniqueness (VAL-3) needs the whole file and is the loader's.
 */
export const validateCustomerRow = (
  row: RawRow,
  at: RowPosition,
  reference: ReferenceData
): Validated<Customer> => {
  let problems: Array<FieldProblem> | undefined
  const problem = (field: string, rule: string, reason: string) => {
    ;(problems ??= []).push({ field, rule, reason })
  }
  const phone = (column: string, label: string, value: string) => {
    const bad = phoneProblem(label, value)
    if (bad !== undefined) problem(column, "VAL-6", bad)
    return value
  }
  const flag = (column: string, value: string): YesNo => {
    const flag = yesNo(value)
    if (flag === undefined) problem(column, "VAL-7", `${column.replaceAll("_", " ")} ${shown(value)} is not Y or N`)
    return flag ?? "N"
  }

  const customerNumberText = text(row["customer_number"])
  const numberProblem = customerNumberProblem(customerNumberText)
  if (numberProblem !== undefined) problem("customer_number", "VAL-3", numberProblem)

  const lastName = text(row["last_name"])
  const company = text(row["company"])
  if (lastName === "" && company === "") {
    problem("last_name", "VAL-4", "last name or company is required; both are blank")
  }

  const country = text(row["country"]).toUpperCase()
  const state = text(row["state"]).toUpperCase()
  const postalCode = text(row["postal_code"])
  const address = addressProblems(country, state, postalCode, reference)
  if (address !== undefined) for (const p of address) problem(p.field, p.rule, p.reason)

  const email = text(row["email"])
  const badEmail = emailProblem(email)
  if (badEmail !== undefined) problem("email", "VAL-6", badEmail)

  const dayPhone = phone("day_phone", "day phone", text(row["day_phone"]))
  const eveningPhone = phone("evening_phone", "evening phone", text(row["evening_phone"]))
  const thirdPhone = phone("third_phone", "third phone", text(row["third_phone"]))

  const poBox = flag("po_box", text(row["po_box"]))
  const emailOptIn = flag("email_opt_in", text(row["email_opt_in"]))
  const doNotFax = flag("do_not_fax", text(row["do_not_fax"]))
  const mailFlag = flag("mail_flag", text(row["mail_flag"]))
  const rentFlag = flag("rent_flag", text(row["rent_flag"]))
  const syncFlag = flag("sync_flag", text(row["sync_flag"]))

  const partyTypeText = text(row["party_type"])
  const partyType = partyTypeText === "" ? (lastName === "" ? "O" : "I") : partyTypeText.toUpperCase()
  if (partyType !== "I" && partyType !== "O") {
    problem("party_type", "VAL-7", `party type ${shown(partyTypeText)} is not I or O`)
  }

  const statusText = text(row["status"])
  const status = statusText === "" ? "A" : statusText.toUpperCase()
  if (status !== "A" && status !== "I") problem("status", "VAL-7", `status ${shown(statusText)} is not A or I`)

  const birth = birthDate(text(row["birth_month"]), text(row["birth_day"]))
  if (birth.monthProblem !== undefined) problem("birth_month", "VAL-7", birth.monthProblem)
  if (birth.dayProblem !== undefined) problem("birth_day", "VAL-7", birth.dayProblem)

  if (problems !== undefined) {
    return { ok: false, rejects: rejectsOf(problems, at, row["customer_number"] ?? "") }
  }

  return {
    ok: true,
    value: {
      customerNumber: Number(customerNumberText),
      partyType: partyType as Customer["partyType"],
      prefix: text(row["prefix"]),
      firstName: text(row["first_name"]),
      middleInitial: text(row["middle_initial"]),
      lastName,
      suffix: text(row["suffix"]),
      company,
      street: text(row["street"]),
      apartment: text(row["apartment"]),
      address2: text(row["address2"]),
      address3: text(row["address3"]),
      address4: text(row["address4"]),
      city: text(row["city"]),
      state,
      postalCode,
      country,
      poBox,
      deliveryCode: text(row["delivery_code"]),
      customerClass: text(row["customer_class"]),
      alternateCustomerNumber: text(row["alternate_customer_number"]),
      email,
      emailOptIn,
      dayPhone,
      dayPhoneExt: text(row["day_phone_ext"]),
      eveningPhone,
      eveningPhoneExt: text(row["evening_phone_ext"]),
      thirdPhone,
      thirdPhoneExt: text(row["third_phone_ext"]),
      doNotFax,
      mailFlag,
      rentFlag,
      birthMonth: birth.month,
      birthDay: birth.day,
      relateId: text(row["relate_id"]),
      ecommerceId: text(row["ecommerce_id"]),
      syncFlag,
      status: status as Customer["status"]
    }
  }
}
