import type { Customer, ProfileData } from "../../domain/customer.ts"
import type {
  AlternateKey,
  OrceAddress,
  OrceAttribute,
  OrceCustomerMessage,
  OrcePhone
} from "../../domain/orce-customer.ts"
import type { Truncation } from "../../domain/truncation.ts"
import { toOrceBirthDate } from "./birth-date.ts"
import { HOME, oromsUser, type MapSettings } from "./map-settings.ts"
import { customerPermissions, thirdPhonePermission } from "./permissions.ts"
import { phoneDigits } from "./phones.ts"
import { oacsText, trimTrailing } from "./text.ts"

export interface ToOrceContext {
  readonly settings: MapSettings
  /** This customer's Customer Profile rows (MAP-13); rows of other customers are ignored. */
  readonly profile: ReadonlyArray<ProfileData>
  /**
   * The ORCE customer ID to address, when the caller has established one. The customer's own stored
   * relateId is deliberately not read: a Relate ID that ORCE does not know is not valid (SYNC-6), and only
   * the sync stage can tell.
   */
  readonly relateId?: string | undefined
  /** The customer is new to ORCE: MAP-12 store, source and create user are sent. */
  readonly isNew: boolean
  /** ORCE's current birth date, so its real year survives (MAP-11). */
  readonly existingBirthDate?: string | undefined
}

export interface ToOrceResult {
  readonly message: OrceCustomerMessage
  readonly truncations: ReadonlyArray<Truncation>
}

type Draft<T> = { -readonly [K in keyof T]: T[K] }

/** MAP-15: a blank value is left out of the message, so ORCE keeps what it holds. */
const setPresent = <T, K extends keyof T>(target: T, key: K, value: T[K] & string): void => {
  if (value !== "") target[key] = value
}

/** MAP-12: the source ORCE records for a customer OACS created. */
export const CONTACT_CENTER = "Contact Center"

/**
 * OACS → ORCE (MAP-1..MAP-15): the add-or-update message for one customer, and the values MAP-3 had to cut.
 *
 * Keys are written in the schema's field order and only ever added in that order, so the same customer
 * always serializes to the same bytes (`orce-sync map` output is compared across runs).
 *
 * A blank value is left out of the message so ORCE keeps what it has (MAP-15), with two exceptions: the
 * apartment and address lines 2–4, which OACS clears in ORCE. That "left out" covers every blank field
 * that is not one of those four, not only the ones MAP-15 lists: the seed says deleting any other data in
 * OACS does not delete it in ORCE.
 *
 * Never read (MAP-14): poBox, deliveryCode, customerClass, alternateCustomerNumber; nor the phone
 * extensions (MAP-7), partyType, status and syncFlag, which ORCE has no field for.
 */
export const toOrceMessage = (customer: Customer, context: ToOrceContext): ToOrceResult => {
  const { settings } = context
  const relateId = context.relateId ?? ""
  const truncations: Array<Truncation> = []
  const text = oacsText(String(customer.customerNumber), relateId, truncations)
  const message: Draft<OrceCustomerMessage> = {}

  // MAP-5
  if (relateId !== "") message.customerId = relateId
  const alternateKeys: Array<AlternateKey> = [{ type: settings.altIdOroms, value: String(customer.customerNumber) }]
  // The e-commerce ID is the web shop's key, matched as the shop wrote it: it is not upper-cased (MAP-1
  // is about names and addresses OACS keys in), only trimmed.
  const ecommerceId = trimTrailing(customer.ecommerceId)
  if (ecommerceId !== "") alternateKeys.push({ type: settings.altIdWeb, value: ecommerceId })
  message.alternateKeys = alternateKeys

  setPresent(message, "prefix", text("prefix", customer.prefix))
  setPresent(message, "firstName", text("firstName", customer.firstName))
  setPresent(message, "middleName", text("middleInitial", customer.middleInitial))
  setPresent(message, "lastName", text("lastName", customer.lastName))
  setPresent(message, "suffix", text("suffix", customer.suffix))
  setPresent(message, "businessName", text("company", customer.company))

  // MAP-6: one address, always the primary HOME one; county is never sent.
  const address: Draft<OrceAddress> = { type: HOME, primary: true }
  setPresent(address, "address1", text("street", customer.street))
  // MAP-15: sent even when blank, which clears them in ORCE.
  address.apartment = text("apartment", customer.apartment)
  address.address2 = text("address2", customer.address2)
  address.address3 = text("address3", customer.address3)
  address.address4 = text("address4", customer.address4)
  setPresent(address, "city", text("city", customer.city))
  setPresent(address, "state", text("state", customer.state))
  setPresent(address, "postalCode", text("postalCode", customer.postalCode))
  setPresent(address, "country", text("country", customer.country))
  address.contactPermission = customer.mailFlag
  message.addresses = [address]

  // MAP-9: email keeps its case (MAP-1) and is left out when blank (MAP-15).
  const email = trimTrailing(customer.email)
  if (email !== "") {
    message.emails = [{ type: HOME, primary: true, address: email, contactPermission: customer.emailOptIn }]
  }

  // MAP-7/8. An absent phone is left out (MAP-15), so the "N if absent" of MAP-8 has no phone to travel
  // on: ORCE keeps whatever number and permission it had. Every phone that is sent is present, hence Y,
  // except a fax whose customer chose "do not fax". The customer-level phone permission (MAP-10) still
  // says N when OACS has neither a day nor an evening number.
  const day = phoneDigits(customer.dayPhone)
  const evening = phoneDigits(customer.eveningPhone)
  const third = phoneDigits(customer.thirdPhone)
  const phones: Array<OrcePhone> = []
  if (day !== "") {
    phones.push({ type: settings.dayPhoneLabel, primary: true, number: day, contactPermission: "Y" })
  }
  if (evening !== "") {
    phones.push({ type: settings.evePhoneLabel, primary: day === "", number: evening, contactPermission: "Y" })
  }
  if (third !== "") {
    phones.push({
      type: settings.faxPhoneLabel,
      primary: day === "" && evening === "",
      number: third,
      contactPermission: thirdPhonePermission(customer, settings)
    })
  }
  if (phones.length > 0) message.phones = phones

  // MAP-10
  message.contactPermissions = customerPermissions(customer, settings, day !== "" || evening !== "")

  // MAP-11
  const birthDate = toOrceBirthDate(customer.birthMonth, customer.birthDay, context.existingBirthDate)
  if (birthDate !== undefined) message.birthDate = birthDate

  // MAP-13
  if (settings.sendProfileData === "Y") {
    const attributes = profileAttributes(customer.customerNumber, context.profile)
    if (attributes.length > 0) message.attributes = attributes
  }

  // MAP-12
  if (context.isNew) {
    // An empty K69 is no store: sending "" would blank a store ORCE may have got from elsewhere.
    const store = trimTrailing(settings.defaultLocation)
    if (store !== "") {
      message.signupStore = store
      message.homeStore = store
    }
    message.source = CONTACT_CENTER
    message.createUser = oromsUser(settings)
  }
  message.updateUser = oromsUser(settings)

  return { message, truncations }
}

/**
 * MAP-13 attributes, in profile row order. The value is upper-cased like every OACS value (MAP-1); the
 * name is not: it must equal the attribute definition set up in ORCE, which is matched as written. A row
 * with a blank name or value is left out (MAP-15: blank never clears ORCE).
 */
const profileAttributes = (
  customerNumber: number,
  profile: ReadonlyArray<ProfileData>
): Array<OrceAttribute> => {
  const attributes: Array<OrceAttribute> = []
  for (const row of profile) {
    if (row.customerNumber !== customerNumber) continue
    const name = trimTrailing(row.profileDescription)
    const value = trimTrailing(row.value).toUpperCase()
    if (name !== "" && value !== "") attributes.push({ name, value })
  }
  return attributes
}
