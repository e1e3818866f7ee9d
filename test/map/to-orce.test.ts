import { describe, expect, it } from "vitest"
import { type LimitedField, oacsLengths } from "../../src/stages/map/lengths.ts"
import { toOrceMessage } from "../../src/stages/map/to-orce.ts"
import { context, customer, profileRow, settings } from "./fixtures.ts"

const home = (message: ReturnType<typeof toOrceMessage>["message"]) => {
  const address = message.addresses?.[0]
  if (address === undefined) throw new Error("no address sent")
  return address
}

describe("toOrceMessage (OACS → ORCE)", () => {
  it("maps a complete customer to the exact message, keys in schema order", () => {
    const { message, truncations } = toOrceMessage(
      customer({ ecommerceId: "web-42" }),
      context({ relateId: "1000000001" })
    )
    expect(truncations).toEqual([])
    expect(JSON.stringify(message)).toBe(JSON.stringify({
      customerId: "1000000001",
      alternateKeys: [{ type: "OROMS_ID", value: "123456" }, { type: "WEB_ID", value: "web-42" }],
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
        country: "US",
        contactPermission: "Y"
      }],
      emails: [{ type: "HOME", primary: true, address: "John.Public@Example.com", contactPermission: "Y" }],
      phones: [
        { type: "BUSINESS", primary: true, number: "6175550100", contactPermission: "Y" },
        { type: "HOME", primary: false, number: "6175550101", contactPermission: "Y" },
        { type: "FAX", primary: false, number: "6175550102", contactPermission: "Y" }
      ],
      contactPermissions: { mail: "Y", fax: "Y", rent: "N", email: "Y", phone: "Y" },
      birthDate: "1900-03-07",
      updateUser: "OROMS-BATCH"
    }))
  })

  it("serializes the same customer to the same bytes on every call", () => {
    const a = JSON.stringify(toOrceMessage(customer({ prefix: "" }), context({ isNew: true })).message)
    const b = JSON.stringify(toOrceMessage(customer({ prefix: "" }), context({ isNew: true })).message)
    expect(a).toBe(b)
    expect(Object.keys(JSON.parse(a))).toEqual([
      "alternateKeys", "firstName", "middleName", "lastName", "suffix", "businessName", "addresses", "emails",
      "phones", "contactPermissions", "birthDate", "signupStore", "homeStore", "source", "createUser",
      "updateUser"
    ])
  })

  describe("MAP-1 upper case", () => {
    it("MAP-1 upper-cases names and address but keeps the email's case", () => {
      const { message } = toOrceMessage(
        customer({
          prefix: "dr",
          firstName: "jöhn",
          middleInitial: "q",
          lastName: "o'brien",
          suffix: "iii",
          company: "acme inc",
          street: "1 main st",
          apartment: "apt b",
          address2: "c/o smith",
          city: "boston",
          state: "ma",
          postalCode: "k1a 0b1",
          country: "ca",
          email: "Mixed.Case@Example.COM"
        }),
        context()
      )
      expect(message).toMatchObject({
        prefix: "DR",
        firstName: "JÖHN",
        middleName: "Q",
        lastName: "O'BRIEN",
        suffix: "III",
        businessName: "ACME INC",
        addresses: [{
          address1: "1 MAIN ST",
          apartment: "APT B",
          address2: "C/O SMITH",
          city: "BOSTON",
          state: "MA",
          postalCode: "K1A 0B1",
          country: "CA"
        }],
        emails: [{ address: "Mixed.Case@Example.COM" }]
      })
    })

    it("MAP-1 upper-cases profile attribute values but not their names", () => {
      const { message } = toOrceMessage(
        customer(),
        context({ settings: { ...settings, sendProfileData: "Y" }, profile: [profileRow("Marital Status", "married")] })
      )
      expect(message.attributes).toEqual([{ name: "Marital Status", value: "MARRIED" }])
    })

    it("MAP-1 keeps the e-commerce ID as the web shop wrote it", () => {
      const { message } = toOrceMessage(customer({ ecommerceId: "abc-Def" }), context())
      expect(message.alternateKeys).toContainEqual({ type: "WEB_ID", value: "abc-Def" })
    })
  })

  describe("MAP-2 trailing spaces", () => {
    it("MAP-2 removes trailing spaces from every mapped value, leading ones stay", () => {
      const { message, truncations } = toOrceMessage(
        customer({
          firstName: "JOHN   ",
          lastName: " SMITH  ",
          street: "1 MAIN ST \t",
          apartment: "APT 2   ",
          city: "BOSTON ",
          email: "a@b.com  ",
          ecommerceId: "W1  ",
          dayPhone: "6175550100  "
        }),
        context()
      )
      expect(truncations).toEqual([])
      expect(message.firstName).toBe("JOHN")
      expect(message.lastName).toBe(" SMITH")
      expect(home(message)).toMatchObject({ address1: "1 MAIN ST", apartment: "APT 2", city: "BOSTON" })
      expect(message.emails?.[0]?.address).toBe("a@b.com")
      expect(message.alternateKeys?.[1]).toEqual({ type: "WEB_ID", value: "W1" })
      expect(message.phones?.[0]?.number).toBe("6175550100")
    })

    it("MAP-2 trailing spaces alone do not count as a truncation (MAP-3)", () => {
      const { truncations } = toOrceMessage(customer({ firstName: `${"A".repeat(15)}     ` }), context())
      expect(truncations).toEqual([])
    })

    it("MAP-2 removes a space that a truncation leaves at the end", () => {
      const { message, truncations } = toOrceMessage(customer({ firstName: "MARY ELIZABETH ANNE" }), context())
      // The 15-character cut is "MARY ELIZABETH ", whose trailing space MAP-2 removes.
      expect(message.firstName).toBe("MARY ELIZABETH")
      expect(truncations).toEqual([
        { customerNumber: "123456", relateId: "", field: "firstName", before: "MARY ELIZABETH ANNE", after: "MARY ELIZABETH" }
      ])
    })
  })

  describe("MAP-3 lengths", () => {
    type Message = ReturnType<typeof toOrceMessage>["message"]
    const cases: ReadonlyArray<readonly [LimitedField, number, (m: Message) => string | undefined]> = [
      ["prefix", 3, (m) => m.prefix],
      ["firstName", 15, (m) => m.firstName],
      ["middleInitial", 1, (m) => m.middleName],
      ["lastName", 25, (m) => m.lastName],
      ["suffix", 3, (m) => m.suffix],
      ["company", 30, (m) => m.businessName],
      ["street", 32, (m) => m.addresses?.[0]?.address1],
      ["apartment", 32, (m) => m.addresses?.[0]?.apartment],
      ["address2", 32, (m) => m.addresses?.[0]?.address2],
      ["address3", 32, (m) => m.addresses?.[0]?.address3],
      ["address4", 32, (m) => m.addresses?.[0]?.address4],
      ["city", 25, (m) => m.addresses?.[0]?.city],
      ["state", 2, (m) => m.addresses?.[0]?.state],
      ["postalCode", 10, (m) => m.addresses?.[0]?.postalCode],
      ["country", 2, (m) => m.addresses?.[0]?.country]
    ]

    it("MAP-3 the table below covers every OACS length", () => {
      expect(Object.fromEntries(cases.map(([field, length]) => [field, length]))).toEqual(oacsLengths)
    })

    for (const [field, length, read] of cases) {
      it(`MAP-3 truncates ${field} to ${length} and reports it`, () => {
        const before = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ".slice(0, length + 1)
        const after = before.slice(0, length).toUpperCase()
        const { message, truncations } = toOrceMessage(customer({ [field]: before }), context({ relateId: "R9" }))
        expect(read(message)).toBe(after)
        expect(truncations).toEqual([{ customerNumber: "123456", relateId: "R9", field, before, after }])
      })

      it(`MAP-3 keeps a ${field} of exactly ${length} characters`, () => {
        const value = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".slice(0, length)
        const { message, truncations } = toOrceMessage(customer({ [field]: value }), context())
        expect(read(message)).toBe(value)
        expect(truncations).toEqual([])
      })
    }

    it("MAP-3 truncates 10,000-character values and reports each, with the whole original", () => {
      const huge = "x".repeat(10_000)
      const { message, truncations } = toOrceMessage(
        customer({ firstName: huge, lastName: huge, street: huge, city: huge }),
        context()
      )
      expect(message.firstName).toBe("X".repeat(15))
      expect(message.lastName).toBe("X".repeat(25))
      expect(home(message)).toMatchObject({ address1: "X".repeat(32), city: "X".repeat(25) })
      expect(truncations.map((t) => [t.field, t.before.length, t.after.length])).toEqual([
        ["firstName", 10_000, 15],
        ["lastName", 10_000, 25],
        ["street", 10_000, 32],
        ["city", 10_000, 25]
      ])
    })

    it("MAP-3 counts characters, never splitting one outside the BMP", () => {
      const { message } = toOrceMessage(customer({ firstName: "😀".repeat(20) }), context())
      expect(message.firstName).toBe("😀".repeat(15))
    })

    it("MAP-3 truncates after upper-casing, which can lengthen a value", () => {
      const { message, truncations } = toOrceMessage(customer({ suffix: "ßß" }), context())
      expect(message.suffix).toBe("SSS")
      expect(truncations).toEqual([{ customerNumber: "123456", relateId: "", field: "suffix", before: "ßß", after: "SSS" }])
    })
  })

  describe("MAP-5 keys", () => {
    it("MAP-5 sends the customer number as the OROMS alt key and no WEB key without an e-commerce ID", () => {
      const { message } = toOrceMessage(customer(), context())
      expect(message.alternateKeys).toEqual([{ type: "OROMS_ID", value: "123456" }])
    })

    it("MAP-5 sends the e-commerce ID under the configured WEB alt-key type", () => {
      const { message } = toOrceMessage(
        customer({ ecommerceId: "W-99" }),
        context({ settings: { ...settings, altIdOroms: "OMS", altIdWeb: "SHOP" } })
      )
      expect(message.alternateKeys).toEqual([{ type: "OMS", value: "123456" }, { type: "SHOP", value: "W-99" }])
    })

    it("MAP-5 addresses the Relate ID given as the ORCE customer ID", () => {
      expect(toOrceMessage(customer(), context({ relateId: "77" })).message.customerId).toBe("77")
    })

    it("MAP-5 leaves the customer ID out when no Relate ID is given, even if the customer has a stale one", () => {
      const { message } = toOrceMessage(customer({ relateId: "STALE" }), context())
      expect("customerId" in message).toBe(false)
    })
  })

  describe("MAP-6 address", () => {
    it("MAP-6 sends exactly one address: HOME, primary, without county", () => {
      const { message } = toOrceMessage(customer(), context())
      expect(message.addresses).toHaveLength(1)
      expect(home(message)).toMatchObject({ type: "HOME", primary: true })
      expect("county" in home(message)).toBe(false)
    })

    it("MAP-6 sets the address-level permission from the mail flag", () => {
      expect(home(toOrceMessage(customer({ mailFlag: "Y" }), context()).message).contactPermission).toBe("Y")
      expect(home(toOrceMessage(customer({ mailFlag: "N" }), context()).message).contactPermission).toBe("N")
    })
  })

  describe("MAP-7 phones", () => {
    it("MAP-7 labels day, evening and third phones from the settings", () => {
      const { message } = toOrceMessage(
        customer(),
        context({ settings: { ...settings, dayPhoneLabel: "WORK", evePhoneLabel: "EVE", faxPhoneLabel: "MOBILE" } })
      )
      expect(message.phones?.map((p) => p.type)).toEqual(["WORK", "EVE", "MOBILE"])
    })

    it("MAP-7 removes formatting and the extension; extension fields are never sent", () => {
      const { message } = toOrceMessage(
        customer({
          dayPhone: "(617) 555-0100 x123",
          eveningPhone: "+1 617.555.0101 ext. 9",
          thirdPhone: "617-555-0102 #4",
          dayPhoneExt: "123"
        }),
        context()
      )
      expect(message.phones?.map((p) => p.number)).toEqual(["6175550100", "16175550101", "6175550102"])
      expect(JSON.stringify(message)).not.toContain("123\"")
      expect(message.phones?.every((p) => Object.keys(p).join() === "type,primary,number,contactPermission")).toBe(true)
    })

    it("MAP-7 makes the day phone primary when present", () => {
      const { message } = toOrceMessage(customer(), context())
      expect(message.phones?.map((p) => p.primary)).toEqual([true, false, false])
    })

    it("MAP-7 makes the evening phone primary without a day phone", () => {
      const { message } = toOrceMessage(customer({ dayPhone: "" }), context())
      expect(message.phones?.map((p) => [p.type, p.primary])).toEqual([["HOME", true], ["FAX", false]])
    })

    it("MAP-7 makes the third phone primary when it is the only one", () => {
      const { message } = toOrceMessage(customer({ dayPhone: "", eveningPhone: "  " }), context())
      expect(message.phones).toEqual([{ type: "FAX", primary: true, number: "6175550102", contactPermission: "Y" }])
    })

    it("MAP-7 treats a phone with no digits as absent", () => {
      const { message } = toOrceMessage(customer({ dayPhone: "(   )  -  " }), context())
      expect(message.phones?.[0]).toMatchObject({ type: "HOME", primary: true })
    })
  })

  describe("MAP-8 phone-level permission", () => {
    const third = (overrides: Parameters<typeof customer>[0], thirdPhoneType: "FAX" | "MOBILE") =>
      toOrceMessage(customer(overrides), context({ settings: { ...settings, thirdPhoneType } }))
        .message.phones?.find((p) => p.type === "FAX")

    it("MAP-8 day and evening phones that are present carry Y", () => {
      const { message } = toOrceMessage(customer({ doNotFax: "Y" }), context())
      expect(message.phones?.slice(0, 2).map((p) => p.contactPermission)).toEqual(["Y", "Y"])
    })

    it("MAP-8 an absent phone is not sent, so its N never overwrites ORCE", () => {
      const { message } = toOrceMessage(customer({ dayPhone: "", eveningPhone: "", thirdPhone: "" }), context())
      expect("phones" in message).toBe(false)
    })

    it("MAP-8 L53=FAX: a fax number carries Y when do not fax is not selected", () => {
      expect(third({ doNotFax: "N" }, "FAX")?.contactPermission).toBe("Y")
    })

    it("MAP-8 L53=FAX: a fax number carries N when do not fax is selected", () => {
      expect(third({ doNotFax: "Y" }, "FAX")?.contactPermission).toBe("N")
    })

    it("MAP-8 L53=MOBILE: a mobile number carries Y whatever do not fax says", () => {
      expect(third({ doNotFax: "Y" }, "MOBILE")?.contactPermission).toBe("Y")
      expect(third({ doNotFax: "N" }, "MOBILE")?.contactPermission).toBe("Y")
    })
  })

  describe("MAP-9 email", () => {
    it("MAP-9 sends the email as the primary HOME email with the opt-in as its permission", () => {
      expect(toOrceMessage(customer({ emailOptIn: "N" }), context()).message.emails).toEqual([
        { type: "HOME", primary: true, address: "John.Public@Example.com", contactPermission: "N" }
      ])
      expect(toOrceMessage(customer({ emailOptIn: "Y" }), context()).message.emails?.[0]?.contactPermission).toBe("Y")
    })
  })

  describe("MAP-10 customer-level permissions", () => {
    const permissions = (overrides: Parameters<typeof customer>[0], thirdPhoneType: "FAX" | "MOBILE" = "FAX") =>
      toOrceMessage(customer(overrides), context({ settings: { ...settings, thirdPhoneType } })).message
        .contactPermissions

    it("MAP-10 mail is Y when the mail flag is selected, else blank", () => {
      expect(permissions({ mailFlag: "Y" })?.mail).toBe("Y")
      expect(permissions({ mailFlag: "N" })?.mail).toBe("")
    })

    it("MAP-10 fax is Y only with L53=FAX and do not fax unselected, else blank", () => {
      expect(permissions({ doNotFax: "N" }, "FAX")?.fax).toBe("Y")
      expect(permissions({ doNotFax: "Y" }, "FAX")?.fax).toBe("")
      expect(permissions({ doNotFax: "N" }, "MOBILE")?.fax).toBe("")
    })

    it("MAP-10 rent and email copy their OACS flags", () => {
      expect(permissions({ rentFlag: "Y", emailOptIn: "N" })).toMatchObject({ rent: "Y", email: "N" })
      expect(permissions({ rentFlag: "N", emailOptIn: "Y" })).toMatchObject({ rent: "N", email: "Y" })
    })

    it("MAP-10 phone is Y with a day or evening phone, N with neither (a third phone does not count)", () => {
      expect(permissions({ eveningPhone: "" })?.phone).toBe("Y")
      expect(permissions({ dayPhone: "" })?.phone).toBe("Y")
      expect(permissions({ dayPhone: "", eveningPhone: "" })?.phone).toBe("N")
    })

    it("MAP-10 keeps the key order mail, fax, rent, email, phone", () => {
      expect(Object.keys(permissions({}) ?? {})).toEqual(["mail", "fax", "rent", "email", "phone"])
    })
  })

  describe("MAP-11 birth date", () => {
    it("MAP-11 sends month and day with year 1900", () => {
      expect(toOrceMessage(customer({ birthMonth: 12, birthDay: 31 }), context()).message.birthDate).toBe("1900-12-31")
    })

    it("MAP-11 keeps the birth year ORCE already holds", () => {
      const { message } = toOrceMessage(customer({ birthMonth: 3, birthDay: 7 }), context({ existingBirthDate: "1985-01-02" }))
      expect(message.birthDate).toBe("1985-03-07")
    })

    it("MAP-11 uses 1900 when ORCE's date has year 1900 or cannot be read", () => {
      expect(toOrceMessage(customer(), context({ existingBirthDate: "1900-01-02" })).message.birthDate).toBe("1900-03-07")
      expect(toOrceMessage(customer(), context({ existingBirthDate: "garbage" })).message.birthDate).toBe("1900-03-07")
    })

    it("MAP-11 leaves the birth date out when month or day is blank, so ORCE keeps its date", () => {
      for (const [birthMonth, birthDay] of [[null, null], [3, null], [null, 7], [0, 0]] as const) {
        const { message } = toOrceMessage(customer({ birthMonth, birthDay }), context({ existingBirthDate: "1985-01-02" }))
        expect("birthDate" in message).toBe(false)
      }
    })
  })

  describe("MAP-12 create and update", () => {
    it("MAP-12 a new customer gets K69 as signup and home store, Contact Center source and a create user", () => {
      const { message } = toOrceMessage(customer(), context({ isNew: true }))
      expect(message).toMatchObject({
        signupStore: "STORE1",
        homeStore: "STORE1",
        source: "Contact Center",
        createUser: "OROMS-BATCH",
        updateUser: "OROMS-BATCH"
      })
    })

    it("MAP-12 an existing customer gets only the update user", () => {
      const { message } = toOrceMessage(customer(), context({ isNew: false, relateId: "1" }))
      expect(message.updateUser).toBe("OROMS-BATCH")
      for (const key of ["signupStore", "homeStore", "source", "createUser"]) expect(key in message).toBe(false)
    })

    it("MAP-12 an empty K69 sends no store for a new customer", () => {
      const { message } = toOrceMessage(customer(), context({ isNew: true, settings: { ...settings, defaultLocation: "" } }))
      expect("signupStore" in message || "homeStore" in message).toBe(false)
      expect(message.source).toBe("Contact Center")
    })

    it("MAP-12 the user ID setting names the user", () => {
      const { message } = toOrceMessage(customer(), context({ isNew: true, settings: { ...settings, userId: "JSMITH" } }))
      expect([message.createUser, message.updateUser]).toEqual(["OROMS-JSMITH", "OROMS-JSMITH"])
    })
  })

  describe("MAP-13 profile data", () => {
    const profile = [
      profileRow("MARITAL STATUS", "MARRIED"),
      profileRow("HOBBY", "  "),
      profileRow("INCOME", "HIGH  "),
      profileRow("OTHER CUSTOMER", "X", 999)
    ]

    it("MAP-13 L51=Y sends this customer's non-blank profile data as attributes", () => {
      const { message } = toOrceMessage(customer(), context({ profile, settings: { ...settings, sendProfileData: "Y" } }))
      expect(message.attributes).toEqual([
        { name: "MARITAL STATUS", value: "MARRIED" },
        { name: "INCOME", value: "HIGH" }
      ])
    })

    it("MAP-13 L51=N sends no attributes", () => {
      const { message } = toOrceMessage(customer(), context({ profile, settings: { ...settings, sendProfileData: "N" } }))
      expect("attributes" in message).toBe(false)
    })

    it("MAP-13 L51=Y without profile data sends no attributes", () => {
      const { message } = toOrceMessage(customer(), context({ settings: { ...settings, sendProfileData: "Y" } }))
      expect("attributes" in message).toBe(false)
    })
  })

  describe("MAP-14 never sent", () => {
    it("MAP-14 PO box, delivery code, customer class and alternate customer number appear nowhere", () => {
      const { message } = toOrceMessage(
        customer({ poBox: "Y", deliveryCode: "DLVZ", customerClass: "CLSZ", alternateCustomerNumber: "ALTZ99" }),
        context({ isNew: true })
      )
      const json = JSON.stringify(message)
      for (const value of ["DLVZ", "CLSZ", "ALTZ99"]) expect(json).not.toContain(value)
      expect(json).not.toMatch(/poBox|deliveryCode|customerClass|alternateCustomerNumber|county|Ext/)
    })
  })

  describe("MAP-15 blanks", () => {
    const blank = customer({
      prefix: "",
      middleInitial: " ",
      suffix: "",
      company: "   ",
      apartment: "",
      address2: "  ",
      address3: "",
      address4: "",
      email: "",
      dayPhone: "",
      eveningPhone: "",
      thirdPhone: ""
    })

    it("MAP-15 blank apartment and address lines 2–4 are sent as empty, clearing ORCE", () => {
      expect(home(toOrceMessage(blank, context()).message)).toMatchObject({
        apartment: "",
        address2: "",
        address3: "",
        address4: ""
      })
    })

    it("MAP-15 blank prefix, middle initial, suffix, company, phones and email are left out", () => {
      const { message } = toOrceMessage(blank, context())
      for (const key of ["prefix", "middleName", "suffix", "businessName", "emails", "phones"]) {
        expect(key in message, key).toBe(false)
      }
      expect(message.firstName).toBe("JOHN")
    })

    it("MAP-15 every other blank field is left out too, never sent as empty", () => {
      const { message } = toOrceMessage(
        customer({ firstName: "", lastName: "", street: "", city: "", state: "", postalCode: "", country: "" }),
        context()
      )
      for (const key of ["firstName", "lastName"]) expect(key in message, key).toBe(false)
      expect(Object.keys(home(message))).toEqual([
        "type", "primary", "apartment", "address2", "address3", "address4", "contactPermission"
      ])
    })
  })
})
