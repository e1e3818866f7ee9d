import { describe, expect, it } from "vitest"
import { onlyReject, rejectsOf, validate, valueOf } from "./fixtures.ts"

const flags = [
  ["po_box", "poBox", "po box"],
  ["email_opt_in", "emailOptIn", "email opt in"],
  ["do_not_fax", "doNotFax", "do not fax"],
  ["mail_flag", "mailFlag", "mail flag"],
  ["rent_flag", "rentFlag", "rent flag"],
  ["sync_flag", "syncFlag", "sync flag"]
] as const

describe("VAL-7 flags", () => {
  it.each(flags)("VAL-7 accepts lowercase y in %s as Y", (column, field) => {
    expect(valueOf(validate({ [column]: "y" }))[field]).toBe("Y")
  })

  it.each(flags)("VAL-7 reads blank %s as N", (column, field) => {
    expect(valueOf(validate({ [column]: " " }))[field]).toBe("N")
  })

  it.each(flags)("VAL-7 accepts n in %s as N", (column, field) => {
    expect(valueOf(validate({ [column]: "n" }))[field]).toBe("N")
  })

  it.each(flags)("VAL-7 rejects X in %s", (column, _field, label) => {
    expect(onlyReject(validate({ [column]: "X" }))).toMatchObject({
      field: column,
      rule: "VAL-7",
      reason: `${label} X is not Y or N`
    })
  })

  it("VAL-7 rejects words for flags", () => {
    expect(onlyReject(validate({ mail_flag: "Yes" })).field).toBe("mail_flag")
    expect(onlyReject(validate({ rent_flag: "1" })).field).toBe("rent_flag")
  })
})

describe("VAL-7 party type and status", () => {
  it("VAL-7 defaults a blank party type to I when there is a last name", () => {
    expect(valueOf(validate({ party_type: "", last_name: "Lovelace", company: "Acme" })).partyType).toBe("I")
  })

  it("VAL-7 defaults a blank party type to O without a last name", () => {
    expect(valueOf(validate({ party_type: "", last_name: "", company: "Acme" })).partyType).toBe("O")
  })

  it("VAL-7 accepts a given party type in any case", () => {
    expect(valueOf(validate({ party_type: "o", company: "Acme" })).partyType).toBe("O")
    expect(valueOf(validate({ party_type: "I" })).partyType).toBe("I")
  })

  it("VAL-7 rejects a party type other than I or O", () => {
    expect(onlyReject(validate({ party_type: "P" }))).toMatchObject({
      field: "party_type",
      rule: "VAL-7",
      reason: "party type P is not I or O"
    })
  })

  it("VAL-7 defaults a blank status to A and accepts i as I", () => {
    expect(valueOf(validate({ status: "" })).status).toBe("A")
    expect(valueOf(validate({ status: "i" })).status).toBe("I")
  })

  it("VAL-7 rejects a status other than A or I", () => {
    expect(onlyReject(validate({ status: "D" }))).toMatchObject({
      field: "status",
      rule: "VAL-7",
      reason: "status D is not A or I"
    })
  })
})

describe("VAL-7 birth month and day", () => {
  it("VAL-7 accepts both blank as no birth date", () => {
    expect(valueOf(validate({ birth_month: "", birth_day: "" }))).toMatchObject({ birthMonth: null, birthDay: null })
  })

  it("VAL-7 accepts 29 February, as OACS keeps no birth year", () => {
    expect(valueOf(validate({ birth_month: "2", birth_day: "29" }))).toMatchObject({ birthMonth: 2, birthDay: 29 })
  })

  it("VAL-7 accepts leading zeros", () => {
    expect(valueOf(validate({ birth_month: "09", birth_day: "07" }))).toMatchObject({ birthMonth: 9, birthDay: 7 })
  })

  it("VAL-7 accepts the last day of every month", () => {
    const last = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    last.forEach((day, index) => {
      expect(valueOf(validate({ birth_month: String(index + 1), birth_day: String(day) })).birthDay).toBe(day)
    })
  })

  it("VAL-7 rejects 30 February on the day", () => {
    expect(onlyReject(validate({ birth_month: "2", birth_day: "30" }))).toMatchObject({
      field: "birth_day",
      rule: "VAL-7",
      reason: "birth day 30 does not exist in month 2"
    })
  })

  it("VAL-7 rejects 31 April", () => {
    expect(onlyReject(validate({ birth_month: "4", birth_day: "31" })).field).toBe("birth_day")
  })

  it("VAL-7 rejects month 13 and month 0", () => {
    expect(onlyReject(validate({ birth_month: "13", birth_day: "1" }))).toMatchObject({
      field: "birth_month",
      rule: "VAL-7",
      reason: "birth month 13 is not 1 to 12"
    })
    expect(onlyReject(validate({ birth_month: "0", birth_day: "1" })).field).toBe("birth_month")
  })

  it("VAL-7 rejects day 0 and day 32 whatever the month", () => {
    expect(onlyReject(validate({ birth_month: "1", birth_day: "0" })).reason).toBe("birth day 0 is not 1 to 31")
    expect(rejectsOf(validate({ birth_month: "13", birth_day: "32" })).map((r) => r.field)).toEqual([
      "birth_month",
      "birth_day"
    ])
  })

  it("VAL-7 rejects a month without a day", () => {
    expect(onlyReject(validate({ birth_month: "5", birth_day: "" }))).toMatchObject({
      field: "birth_day",
      reason: "birth day is required when a birth month is given"
    })
  })

  it("VAL-7 rejects a day without a month", () => {
    expect(onlyReject(validate({ birth_month: "", birth_day: "5" }))).toMatchObject({
      field: "birth_month",
      reason: "birth month is required when a birth day is given"
    })
  })

  it("VAL-7 rejects non-numeric month and day", () => {
    expect(rejectsOf(validate({ birth_month: "May", birth_day: "1st" })).map((r) => r.reason)).toEqual([
      "birth month is not a number",
      "birth day is not a number"
    ])
  })
})
