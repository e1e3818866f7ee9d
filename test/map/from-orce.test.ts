import { Result } from "effect"
import { describe, expect, it } from "vitest"
import type { OrceAddress, OrceCustomer } from "../../src/domain/orce-customer.ts"
import { InvalidMailPermission, NoHomeAddress } from "../../src/stages/map/errors.ts"
import { type FromOrce, fromOrceCustomer } from "../../src/stages/map/from-orce.ts"
import { toOrceMessage } from "../../src/stages/map/to-orce.ts"
import { context, customer, orceCustomer, settings } from "./fixtures.ts"

const success = (orce: OrceCustomer, mapSettings = settings): FromOrce => {
  const result = fromOrceCustomer(orce, mapSettings)
  if (Result.isFailure(result)) throw new Error(`expected success, got ${result.failure.message}`)
  return result.success
}

const failure = (orce: OrceCustomer) => {
  const result = fromOrceCustomer(orce, settings)
  if (Result.isSuccess(result)) throw new Error("expected failure")
  return result.failure
}

const homeAddress = (overrides: Partial<OrceAddress> = {}): OrceAddress => ({
  ...orceCustomer().addresses![0]!,
  ...overrides
})

describe("fromOrceCustomer (ORCE → OACS)", () => {
  it("maps an ORCE customer already in OACS's shape without any update", () => {
    const { record, truncations, orceUpdate } = success(orceCustomer())
    expect(record).toEqual({
      relateId: "1000000001",
      customerNumber: 123456,
      prefix: "MR",
      firstName: "JOHN",
      middleInitial: "Q",
      lastName: "PUBLIC",
      suffix: "JR",
      company: "ACME",
      street: "1 MAIN ST",
      apartment: "APT 2",
      address2: "BLDG 3",
      address3: "FLOOR 4",
      address4: "ROOM 5",
      city: "BOSTON",
      state: "MA",
      postalCode: "02110",
      country: "US",
      mailFlag: "Y",
      email: "John.Public@Example.com",
      emailOptIn: "Y",
      dayPhone: "6175550100",
      eveningPhone: "6175550101",
      thirdPhone: "6175550102",
      birthMonth: 3,
      birthDay: 7
    })
    expect(truncations).toEqual([])
    expect(orceUpdate).toBeUndefined()
  })

  it("a customer OACS sent comes back unchanged and needs no update", () => {
    const { message } = toOrceMessage(customer(), context({ relateId: "1000000001" }))
    const { orceUpdate, record } = success({ ...message, customerId: "1000000001" })
    expect(orceUpdate).toBeUndefined()
    expect(record).toMatchObject({ firstName: "JOHN", street: "1 MAIN ST", dayPhone: "6175550100" })
  })

  describe("MAP-1 upper case", () => {
    it("MAP-1 upper-cases names and address from ORCE, keeps the email's case", () => {
      const { record } = success(orceCustomer({
        firstName: "John",
        lastName: "Public",
        addresses: [homeAddress({ address1: "1 Main St", city: "Boston" })],
        emails: [{ type: "HOME", primary: true, address: "Mixed@Case.Com" }]
      }))
      expect(record).toMatchObject({
        firstName: "JOHN",
        lastName: "PUBLIC",
        street: "1 MAIN ST",
        city: "BOSTON",
        email: "Mixed@Case.Com"
      })
    })
  })

  describe("MAP-2 trailing spaces", () => {
    it("MAP-2 removes trailing spaces from ORCE values, email included", () => {
      const { record, truncations } = success(orceCustomer({
        firstName: "JOHN   ",
        addresses: [homeAddress({ address2: "BLDG 3  " })],
        emails: [{ type: "HOME", primary: true, address: "a@b.com  " }]
      }))
      expect(record).toMatchObject({ firstName: "JOHN", address2: "BLDG 3", email: "a@b.com" })
      expect(truncations).toEqual([])
    })
  })

  describe("MAP-3 lengths", () => {
    it("MAP-3 truncates ORCE values to OACS lengths and reports each with the ORCE customer", () => {
      const { record, truncations } = success(orceCustomer({
        firstName: "Bartholomew-Alexander",
        middleName: "James",
        addresses: [homeAddress({ state: "Mass", postalCode: "02110-12345", country: "USA" })]
      }))
      expect(record).toMatchObject({
        firstName: "BARTHOLOMEW-ALE",
        middleInitial: "J",
        state: "MA",
        postalCode: "02110-1234",
        country: "US"
      })
      expect(truncations).toEqual([
        { customerNumber: "123456", relateId: "1000000001", field: "firstName", before: "Bartholomew-Alexander", after: "BARTHOLOMEW-ALE" },
        { customerNumber: "123456", relateId: "1000000001", field: "middleInitial", before: "James", after: "J" },
        { customerNumber: "123456", relateId: "1000000001", field: "state", before: "Mass", after: "MA" },
        { customerNumber: "123456", relateId: "1000000001", field: "postalCode", before: "02110-12345", after: "02110-1234" },
        { customerNumber: "123456", relateId: "1000000001", field: "country", before: "USA", after: "US" }
      ])
    })

    it("MAP-3 truncates 10,000-character ORCE values", () => {
      const huge = "y".repeat(10_000)
      const { record, truncations } = success(orceCustomer({
        lastName: huge,
        businessName: huge,
        addresses: [homeAddress({ apartment: huge, address4: huge })]
      }))
      expect(record).toMatchObject({
        lastName: "Y".repeat(25),
        company: "Y".repeat(30),
        apartment: "Y".repeat(32),
        address4: "Y".repeat(32)
      })
      expect(truncations.map((t) => t.field)).toEqual(["lastName", "company", "apartment", "address4"])
      expect(truncations.every((t) => t.before === huge)).toBe(true)
    })

    it("MAP-3 reports a blank customer number when ORCE has no OROMS alt key", () => {
      const { record, truncations } = success(orceCustomer({ alternateKeys: [], firstName: "A".repeat(16) }))
      expect("customerNumber" in record).toBe(false)
      expect(truncations[0]).toMatchObject({ customerNumber: "", relateId: "1000000001" })
    })
  })

  describe("MAP-4 update ORCE with what OACS holds", () => {
    it("MAP-4 a truncation yields an update with the truncated values, addressed by customer ID", () => {
      const { orceUpdate } = success(orceCustomer({ firstName: "Bartholomew-Alexander" }))
      expect(orceUpdate).toMatchObject({ customerId: "1000000001", firstName: "BARTHOLOMEW-ALE", updateUser: "OROMS-BATCH" })
    })

    it("MAP-4 an update carries every mapped field ORCE had, as OACS holds it, in schema key order", () => {
      const { orceUpdate } = success(orceCustomer({
        lastName: "Public ",
        phones: [{ type: "BUSINESS", primary: true, number: "(617) 555-0100 x5", contactPermission: "Y" }]
      }))
      expect(JSON.stringify(orceUpdate)).toBe(JSON.stringify({
        customerId: "1000000001",
        prefix: "MR",
        firstName: "JOHN",
        middleName: "Q",
        lastName: "PUBLIC",
        suffix: "JR",
        businessName: "ACME",
        addresses: [{
          type: "HOME",
          primary: true,
          address1: "1 MAIN ST",
          apartment: "APT 2",
          address2: "BLDG 3",
          address3: "FLOOR 4",
          address4: "ROOM 5",
          city: "BOSTON",
          state: "MA",
          postalCode: "02110",
          country: "US"
        }],
        emails: [{ type: "HOME", primary: true, address: "John.Public@Example.com", contactPermission: "Y" }],
        phones: [{ type: "BUSINESS", primary: true, number: "6175550100", contactPermission: "Y" }],
        updateUser: "OROMS-BATCH"
      }))
    })

    it("MAP-4 lower case alone triggers an update", () => {
      expect(success(orceCustomer({ addresses: [homeAddress({ city: "Boston" })] })).orceUpdate).toBeDefined()
    })

    it("MAP-4 trailing spaces alone trigger an update", () => {
      expect(success(orceCustomer({ suffix: "JR " })).orceUpdate?.suffix).toBe("JR")
    })

    it("MAP-4 a formatted phone alone triggers an update", () => {
      const { orceUpdate } = success(orceCustomer({
        phones: [{ type: "HOME", primary: true, number: "617-555-0101" }]
      }))
      expect(orceUpdate?.phones).toEqual([{ type: "HOME", primary: true, number: "6175550101" }])
    })

    it("MAP-4 fields ORCE lacks are neither sent back nor a reason to update", () => {
      const { record, orceUpdate } = success(orceCustomer({ prefix: undefined, suffix: undefined }))
      expect(record).toMatchObject({ prefix: "", suffix: "" })
      expect(orceUpdate).toBeUndefined()
    })

    it("MAP-4 a permission spelled differently (YES) is not a reason to update", () => {
      expect(success(orceCustomer({ addresses: [homeAddress({ contactPermission: "YES" })] })).orceUpdate).toBeUndefined()
    })
  })

  describe("MAP-5 keys", () => {
    it("MAP-5 the ORCE customer ID becomes the Relate ID and the OROMS alt key the customer number", () => {
      const { record } = success(orceCustomer({
        customerId: "555",
        alternateKeys: [{ type: "WEB_ID", value: "9" }, { type: "OMS", value: "42" }]
      }), { ...settings, altIdOroms: "OMS" })
      expect(record).toMatchObject({ relateId: "555", customerNumber: 42 })
    })

    it("MAP-5 an OROMS alt key that is not an OACS customer number is not taken", () => {
      const { record } = success(orceCustomer({ alternateKeys: [{ type: "OROMS_ID", value: "12AB" }] }))
      expect("customerNumber" in record).toBe(false)
    })
  })

  describe("MAP-6 address", () => {
    it("MAP-6 rejects an ORCE customer with no HOME address, naming it", () => {
      const error = failure(orceCustomer({ customerId: "X1", addresses: [] }))
      expect(error).toBeInstanceOf(NoHomeAddress)
      expect(error._tag).toBe("NoHomeAddress")
      expect(error.message).toBe("ORCE customer X1 has no HOME address; OACS cannot create it")
      expect(error.customerId).toBe("X1")
    })

    it("MAP-6 rejects an ORCE customer with only a WORK address", () => {
      const error = failure(orceCustomer({ addresses: [homeAddress({ type: "WORK" })] }))
      expect(error._tag).toBe("NoHomeAddress")
    })

    it("MAP-6 rejects an ORCE customer without addresses at all", () => {
      expect(failure(orceCustomer({ addresses: undefined }))._tag).toBe("NoHomeAddress")
    })

    it("MAP-6 with two HOME addresses takes the primary one", () => {
      const { record } = success(orceCustomer({
        addresses: [
          homeAddress({ primary: false, address1: "OLD STREET" }),
          homeAddress({ type: "WORK", primary: true, address1: "WORK STREET" }),
          homeAddress({ primary: true, address1: "NEW STREET" })
        ]
      }))
      expect(record.street).toBe("NEW STREET")
    })

    it("MAP-6 with two HOME addresses and neither primary takes the first HOME", () => {
      const { record } = success(orceCustomer({
        addresses: [
          homeAddress({ type: "WORK", primary: true, address1: "WORK STREET" }),
          homeAddress({ primary: false, address1: "FIRST HOME" }),
          homeAddress({ primary: false, address1: "SECOND HOME" })
        ]
      }))
      expect(record.street).toBe("FIRST HOME")
    })

    it("MAP-6 ignores the county and never sends it back", () => {
      const { record, orceUpdate } = success(orceCustomer({
        firstName: "john",
        addresses: [homeAddress({ county: "middlesex" })]
      }))
      expect(JSON.stringify(record)).not.toMatch(/county|MIDDLESEX|middlesex/i)
      expect(JSON.stringify(orceUpdate)).not.toMatch(/county|middlesex/i)
    })

    it("MAP-6 blank address fields in ORCE are blank in OACS", () => {
      const { record } = success(orceCustomer({
        addresses: [{ type: "HOME", primary: true, contactPermission: "N" }]
      }))
      expect(record).toMatchObject({
        street: "", apartment: "", address2: "", address3: "", address4: "",
        city: "", state: "", postalCode: "", country: "", mailFlag: "N"
      })
    })
  })

  describe("MAP-7 phones", () => {
    it("MAP-7 maps phones back by their type label, primary of a type first, digits only", () => {
      const { record } = success(orceCustomer({
        phones: [
          { type: "MOBILE", primary: true, number: "111" },
          { type: "BUSINESS", primary: false, number: "222" },
          { type: "BUSINESS", primary: true, number: "(333) 333-3333 ext 7" },
          { type: "HOME", primary: false, number: "444" }
        ]
      }), { ...settings, faxPhoneLabel: "MOBILE" })
      expect(record).toMatchObject({ dayPhone: "3333333333", eveningPhone: "444", thirdPhone: "111" })
    })

    it("MAP-7 a phone ORCE does not have is left out, so OACS keeps its number", () => {
      const { record } = success(orceCustomer({ phones: [{ type: "HOME", primary: true, number: "444" }] }))
      expect(record.eveningPhone).toBe("444")
      expect("dayPhone" in record || "thirdPhone" in record).toBe(false)
    })
  })

  describe("MAP-9 email", () => {
    it("MAP-9 takes only the primary HOME email, with its permission as the opt-in", () => {
      const { record } = success(orceCustomer({
        emails: [
          { type: "WORK", primary: true, address: "work@x.com", contactPermission: "Y" },
          { type: "HOME", primary: false, address: "old@x.com", contactPermission: "Y" },
          { type: "HOME", primary: true, address: "home@x.com", contactPermission: "No" }
        ]
      }))
      expect(record).toMatchObject({ email: "home@x.com", emailOptIn: "N" })
    })

    it("MAP-9 without a primary HOME email the OACS email is blank", () => {
      const { record } = success(orceCustomer({
        emails: [
          { type: "WORK", primary: true, address: "work@x.com" },
          { type: "HOME", primary: false, address: "old@x.com" }
        ]
      }))
      expect(record.email).toBe("")
      expect("emailOptIn" in record).toBe(false)
    })
  })

  describe("MAP-10 customer-level permissions", () => {
    it("MAP-10 ORCE's customer-level permissions are never written back to OACS", () => {
      const a = success(orceCustomer({ contactPermissions: { mail: "N", fax: "N", rent: "Y", email: "N", phone: "N" } }))
      const b = success(orceCustomer({ contactPermissions: { mail: "Y", fax: "Y", rent: "N", email: "Y", phone: "Y" } }))
      expect(a.record).toEqual(b.record)
      expect(a.record).toMatchObject({ mailFlag: "Y", emailOptIn: "Y" })
      expect("rentFlag" in a.record).toBe(false)
    })
  })

  describe("MAP-11 birth date", () => {
    it("MAP-11 takes month and day from ORCE's birth date, whatever the year", () => {
      expect(success(orceCustomer({ birthDate: "1972-11-30" })).record).toMatchObject({ birthMonth: 11, birthDay: 30 })
    })

    it("MAP-11 no or unreadable birth date gives blank month and day", () => {
      expect(success(orceCustomer({ birthDate: undefined })).record).toMatchObject({ birthMonth: null, birthDay: null })
      expect(success(orceCustomer({ birthDate: "30/11/1972" })).record).toMatchObject({ birthMonth: null, birthDay: null })
    })
  })

  describe("MAP-12 update user", () => {
    it("MAP-12 the MAP-4 update carries the update user and no create user", () => {
      const { orceUpdate } = success(orceCustomer({ firstName: "john" }), { ...settings, userId: "NIGHT" })
      expect(orceUpdate?.updateUser).toBe("OROMS-NIGHT")
      expect(orceUpdate && "createUser" in orceUpdate).toBe(false)
    })
  })

  describe("MAP-16 mail permission", () => {
    const withPermission = (contactPermission: string | undefined) =>
      orceCustomer({ addresses: [homeAddress({ contactPermission })] })

    it("MAP-16 a mail permission starting with Y or N gives the mail flag", () => {
      expect(success(withPermission("YES")).record.mailFlag).toBe("Y")
      expect(success(withPermission("No")).record.mailFlag).toBe("N")
      expect(success(withPermission("Y")).record.mailFlag).toBe("Y")
      expect(success(withPermission("n")).record.mailFlag).toBe("N")
    })

    it("MAP-16 a mail permission X fails the customer with a validation error", () => {
      const error = failure(withPermission("X"))
      expect(error).toBeInstanceOf(InvalidMailPermission)
      expect(error).toMatchObject({ _tag: "InvalidMailPermission", customerId: "1000000001", permission: "X" })
      expect(error.message).toContain("1000000001")
    })

    it("MAP-16 an empty mail permission fails the customer", () => {
      expect(failure(withPermission(""))._tag).toBe("InvalidMailPermission")
      expect(failure(withPermission(" Y"))._tag).toBe("InvalidMailPermission")
    })

    it("MAP-16 a HOME address without any mail permission keeps the OACS flag", () => {
      const { record } = success(withPermission(undefined))
      expect("mailFlag" in record).toBe(false)
    })

    it("MAP-16 only the mapped HOME address's permission is checked", () => {
      const { record } = success(orceCustomer({
        addresses: [homeAddress({ type: "WORK", contactPermission: "X" }), homeAddress({ contactPermission: "N" })]
      }))
      expect(record.mailFlag).toBe("N")
    })

    it("MAP-16 a missing HOME address is reported before a bad permission (MAP-6)", () => {
      expect(failure(orceCustomer({ addresses: [homeAddress({ type: "WORK", contactPermission: "X" })] }))._tag)
        .toBe("NoHomeAddress")
    })
  })
})
