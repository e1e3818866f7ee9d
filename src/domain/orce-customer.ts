import { Schema } from "effect"

/**
 * The ORCE customer as the stages see it, modelled on Customer Engagement's data model (CST_CUSTOMER with its
 * alternate keys, addresses, emails, phones and attributes). src/orce/soap/customer-xml.ts maps it to and from
 * Customer Services' CustomerType and CustomerResponseType (shared/docs/ORCE-CUSTOMER-SERVICES.md, 7.3).
 *
 * Every field of the message is optional: MAP-15 says a blank OACS value is left out of the message (ORCE
 * keeps what it has), while an empty string clears the field in ORCE.
 */

export const AlternateKey = Schema.Struct({
  type: Schema.String,
  value: Schema.String
})
export type AlternateKey = typeof AlternateKey.Type

export const OrceAddress = Schema.Struct({
  /** Address type code; OACS maps only HOME (MAP-6). */
  type: Schema.String,
  primary: Schema.Boolean,
  address1: Schema.optional(Schema.String),
  apartment: Schema.optional(Schema.String),
  address2: Schema.optional(Schema.String),
  address3: Schema.optional(Schema.String),
  address4: Schema.optional(Schema.String),
  city: Schema.optional(Schema.String),
  state: Schema.optional(Schema.String),
  postalCode: Schema.optional(Schema.String),
  country: Schema.optional(Schema.String),
  /** ORCE holds a county; OACS never maps it (MAP-6). */
  county: Schema.optional(Schema.String),
  /** Address-level (mail) contact permission as ORCE stores it; must start with Y or N for OACS (MAP-16). */
  contactPermission: Schema.optional(Schema.String)
})
export type OrceAddress = typeof OrceAddress.Type

export const OrceEmail = Schema.Struct({
  type: Schema.String,
  primary: Schema.Boolean,
  address: Schema.String,
  contactPermission: Schema.optional(Schema.String)
})
export type OrceEmail = typeof OrceEmail.Type

export const OrcePhone = Schema.Struct({
  /** Telephone type code, from ORCE_DAY/EVE/FAX_PHONE_LABEL (MAP-7). */
  type: Schema.String,
  primary: Schema.Boolean,
  number: Schema.String,
  contactPermission: Schema.optional(Schema.String)
})
export type OrcePhone = typeof OrcePhone.Type

/** Customer-level permissions: informational in ORCE (MAP-10). "Y", "N" or "" (blank). */
export const OrceContactPermissions = Schema.Struct({
  mail: Schema.optional(Schema.String),
  fax: Schema.optional(Schema.String),
  rent: Schema.optional(Schema.String),
  email: Schema.optional(Schema.String),
  phone: Schema.optional(Schema.String)
})
export type OrceContactPermissions = typeof OrceContactPermissions.Type

export const OrceAttribute = Schema.Struct({
  name: Schema.String,
  value: Schema.String
})
export type OrceAttribute = typeof OrceAttribute.Type

const customerFields = {
  alternateKeys: Schema.optional(Schema.Array(AlternateKey)),
  prefix: Schema.optional(Schema.String),
  firstName: Schema.optional(Schema.String),
  middleName: Schema.optional(Schema.String),
  lastName: Schema.optional(Schema.String),
  suffix: Schema.optional(Schema.String),
  businessName: Schema.optional(Schema.String),
  addresses: Schema.optional(Schema.Array(OrceAddress)),
  emails: Schema.optional(Schema.Array(OrceEmail)),
  phones: Schema.optional(Schema.Array(OrcePhone)),
  contactPermissions: Schema.optional(OrceContactPermissions),
  /** ISO date YYYY-MM-DD; OACS sends year 1900 unless ORCE holds a real year (MAP-11). */
  birthDate: Schema.optional(Schema.String),
  attributes: Schema.optional(Schema.Array(OrceAttribute)),
  signupStore: Schema.optional(Schema.String),
  homeStore: Schema.optional(Schema.String),
  source: Schema.optional(Schema.String),
  createUser: Schema.optional(Schema.String),
  updateUser: Schema.optional(Schema.String)
}

/** What orce-sync sends in an add-or-update: the customer ID when it knows one, else the alt keys identify it. */
export const OrceCustomerMessage = Schema.Struct({
  customerId: Schema.optional(Schema.String),
  ...customerFields
})
export type OrceCustomerMessage = typeof OrceCustomerMessage.Type

/** A customer as ORCE returns it from get and search. */
export const OrceCustomer = Schema.Struct({
  customerId: Schema.String,
  ...customerFields,
  createDate: Schema.optional(Schema.String),
  updateDate: Schema.optional(Schema.String)
})
export type OrceCustomer = typeof OrceCustomer.Type
