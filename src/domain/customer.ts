import { Schema } from "effect"

/** Y/N flags of the Customer Sold To table. */
export const YesNo = Schema.Literals(["Y", "N"])
export type YesNo = typeof YesNo.Type

/** I = individual, O = organization (DUP-6, MRG-2). */
export const PartyType = Schema.Literals(["I", "O"])
export type PartyType = typeof PartyType.Type

/** A = active, I = inactive (a merged-away customer is inactivated, MRG-7). */
export const CustomerStatus = Schema.Literals(["A", "I"])
export type CustomerStatus = typeof CustomerStatus.Type

/** OACS customer numbers are numeric, at most 9 digits (VAL-3). */
export const CustomerNumber = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 999_999_999 }))

/**
 * One OACS Customer Sold To record as it stands in the staging database after validation.
 * Text fields are never null: a blank value is the empty string, as in OACS.
 */
export const Customer = Schema.Struct({
  customerNumber: CustomerNumber,
  partyType: PartyType,
  prefix: Schema.String,
  firstName: Schema.String,
  middleInitial: Schema.String,
  lastName: Schema.String,
  suffix: Schema.String,
  company: Schema.String,
  street: Schema.String,
  apartment: Schema.String,
  address2: Schema.String,
  address3: Schema.String,
  address4: Schema.String,
  city: Schema.String,
  state: Schema.String,
  postalCode: Schema.String,
  country: Schema.String,
  poBox: YesNo,
  deliveryCode: Schema.String,
  customerClass: Schema.String,
  alternateCustomerNumber: Schema.String,
  email: Schema.String,
  emailOptIn: YesNo,
  dayPhone: Schema.String,
  dayPhoneExt: Schema.String,
  eveningPhone: Schema.String,
  eveningPhoneExt: Schema.String,
  thirdPhone: Schema.String,
  thirdPhoneExt: Schema.String,
  doNotFax: YesNo,
  mailFlag: YesNo,
  rentFlag: YesNo,
  birthMonth: Schema.NullOr(Schema.Int),
  birthDay: Schema.NullOr(Schema.Int),
  relateId: Schema.String,
  ecommerceId: Schema.String,
  syncFlag: YesNo,
  status: CustomerStatus
})
export type Customer = typeof Customer.Type

/** A customer with nothing filled in (blank texts, N flags, no birth date), active and not flagged for ORCE: what callers start from and fill in. */
export const blankCustomer = (customerNumber: number): Customer => ({
  customerNumber, partyType: "I", prefix: "", firstName: "", middleInitial: "", lastName: "", suffix: "", company: "",
  street: "", apartment: "", address2: "", address3: "", address4: "", city: "", state: "", postalCode: "", country: "",
  poBox: "N", deliveryCode: "", customerClass: "", alternateCustomerNumber: "", email: "", emailOptIn: "N",
  dayPhone: "", dayPhoneExt: "", eveningPhone: "", eveningPhoneExt: "", thirdPhone: "", thirdPhoneExt: "",
  doNotFax: "N", mailFlag: "N", rentFlag: "N", birthMonth: null, birthDay: null, relateId: "", ecommerceId: "",
  syncFlag: "N", status: "A"
})

/** The customer fields, in export column order. */
export const customerFields = Object.keys(Customer.fields) as ReadonlyArray<keyof Customer>

/** One row of the Customer Profile table: a demographic value sent as an ORCE attribute when L51=Y (MAP-13). */
export const ProfileData = Schema.Struct({
  customerNumber: CustomerNumber,
  profileDescription: Schema.String,
  value: Schema.String
})
export type ProfileData = typeof ProfileData.Type
