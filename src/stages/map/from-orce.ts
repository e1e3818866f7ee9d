import { Result, Schema, Struct } from "effect"
import { Customer, CustomerNumber, YesNo } from "../../domain/customer.ts"
import type {
  OrceAddress,
  OrceCustomer,
  OrceCustomerMessage,
  OrceEmail,
  OrcePhone
} from "../../domain/orce-customer.ts"
import type { Truncation } from "../../domain/truncation.ts"
import { fromOrceBirthDate } from "./birth-date.ts"
import { type FromOrceError, invalidMailPermission, noHomeAddress } from "./errors.ts"
import type { LimitedField } from "./lengths.ts"
import { HOME, oromsUser, type MapSettings } from "./map-settings.ts"
import { yesNoPrefix } from "./permissions.ts"
import { phoneDigits, phoneOfType } from "./phones.ts"
import { oacsText, trimTrailing } from "./text.ts"

/**
 * The OACS Customer fields an ORCE customer supplies, as OACS would hold them. Text is "" when ORCE has no
 * value: the seed says deleting a name, company, address line, apartment or email in ORCE deletes it in
 * OACS. The optional fields are the ones ORCE cannot clear: a phone missing from ORCE leaves the OACS
 * number alone (the seed: "deleting phone numbers in CE does not delete the phone numbers in OA"), and a
 * permission ORCE does not hold leaves the OACS flag alone.
 *
 * Customer-level permissions are never read back (MAP-10), nor county (MAP-6) or extensions (MAP-7).
 */
export const CustomerFromOrce = Schema.Struct({
  /** MAP-5: Relate ID = ORCE customer ID. */
  relateId: Schema.String,
  /** MAP-5: from the ORCE_ALT_ID_OROMS alt key, when ORCE holds one that is a valid OACS customer number. */
  customerNumber: Schema.optional(CustomerNumber),
  ...Struct.pick(Customer.fields, [
    "prefix", "firstName", "middleInitial", "lastName", "suffix", "company",
    "street", "apartment", "address2", "address3", "address4", "city", "state", "postalCode", "country",
    "email", "birthMonth", "birthDay"
  ]),
  /** MAP-16: the HOME address's mail permission, by its first letter. */
  mailFlag: Schema.optional(YesNo),
  /** The primary HOME email's permission, when it starts with Y or N. */
  emailOptIn: Schema.optional(YesNo),
  // A phone deleted in ORCE does not delete the OACS one, so an absent phone is left out, not blank.
  dayPhone: Schema.optional(Schema.String),
  eveningPhone: Schema.optional(Schema.String),
  thirdPhone: Schema.optional(Schema.String)
})
export type CustomerFromOrce = typeof CustomerFromOrce.Type

export interface FromOrce {
  readonly record: CustomerFromOrce
  readonly truncations: ReadonlyArray<Truncation>
  /**
   * MAP-4: present exactly when OACS holds a value ORCE does not (cut, trimmed, upper-cased, or a phone
   * with its formatting removed). It carries what OACS now holds for every mapped field ORCE had, addressed
   * by customer ID, so the update makes ORCE equal to OACS.
   */
  readonly orceUpdate?: OrceCustomerMessage
}

type Draft<T> = { -readonly [K in keyof T]: T[K] }

const customerNumberText = /^[0-9]{1,9}$/

/**
 * ORCE → OACS (MAP-1..MAP-16): what OACS takes from one ORCE customer, or why it cannot.
 *
 * Returned as a Result rather than an Effect: it is pure, runs per customer in hot loops, and its two
 * failures are data for the caller's report, not control flow.
 */
export const fromOrceCustomer = (
  orce: OrceCustomer,
  settings: MapSettings
): Result.Result<FromOrce, FromOrceError> => {
  const customerId = orce.customerId
  const home = homeAddress(orce.addresses)
  if (home === undefined) return Result.fail(noHomeAddress(customerId))

  // MAP-16. A HOME address with no permission at all is not an invalid one: OACS keeps its own flag.
  // An empty permission is a value that starts with neither letter, so it fails.
  let mailFlag: YesNo | undefined
  if (home.contactPermission !== undefined) {
    mailFlag = yesNoPrefix(home.contactPermission)
    if (mailFlag === undefined) return Result.fail(invalidMailPermission(customerId, home.contactPermission))
  }

  const oromsKey = orce.alternateKeys?.find((key) => key.type === settings.altIdOroms)
  const oromsNumber = oromsKey === undefined ? "" : trimTrailing(oromsKey.value)
  const truncations: Array<Truncation> = []
  const text = oacsText(oromsNumber, customerId, truncations)
  let changed = false
  const update: Draft<OrceCustomerMessage> = { customerId }

  // MAP-1..4: each value is normalized as OACS stores it; a value ORCE lacks is blank in OACS and is not
  // sent back (there is nothing in ORCE to correct). Callers below go in the schema's field order, so the
  // update serializes the same way every run.
  const take = (target: Record<string, unknown>, key: string, field: LimitedField, raw: string | undefined) => {
    if (raw === undefined) return ""
    const value = text(field, raw)
    if (value !== raw) changed = true
    target[key] = value
    return value
  }
  const names: Record<string, unknown> = update
  const prefix = take(names, "prefix", "prefix", orce.prefix)
  const firstName = take(names, "firstName", "firstName", orce.firstName)
  const middleInitial = take(names, "middleName", "middleInitial", orce.middleName)
  const lastName = take(names, "lastName", "lastName", orce.lastName)
  const suffix = take(names, "suffix", "suffix", orce.suffix)
  const company = take(names, "businessName", "company", orce.businessName)

  // MAP-6: sent back as the primary HOME address, as OACS always sends it; county stays ORCE's; the
  // mail permission is not sent back, since OACS read it as given and did not change it.
  const address: Draft<OrceAddress> = { type: HOME, primary: true }
  const anyAddress: Record<string, unknown> = address
  const street = take(anyAddress, "address1", "street", home.address1)
  const apartment = take(anyAddress, "apartment", "apartment", home.apartment)
  const address2 = take(anyAddress, "address2", "address2", home.address2)
  const address3 = take(anyAddress, "address3", "address3", home.address3)
  const address4 = take(anyAddress, "address4", "address4", home.address4)
  const city = take(anyAddress, "city", "city", home.city)
  const state = take(anyAddress, "state", "state", home.state)
  const postalCode = take(anyAddress, "postalCode", "postalCode", home.postalCode)
  const country = take(anyAddress, "country", "country", home.country)
  update.addresses = [address]

  // MAP-9: only the primary HOME email; it keeps its case (MAP-1).
  const primaryEmail = orce.emails?.find((email) => email.type === HOME && email.primary)
  let email = ""
  let emailOptIn: YesNo | undefined
  if (primaryEmail !== undefined) {
    email = trimTrailing(primaryEmail.address)
    if (email !== primaryEmail.address) changed = true
    const sent: Draft<OrceEmail> = { type: HOME, primary: true, address: email }
    if (primaryEmail.contactPermission !== undefined) {
      sent.contactPermission = primaryEmail.contactPermission
      emailOptIn = yesNoPrefix(primaryEmail.contactPermission)
    }
    update.emails = [sent]
  }

  // MAP-7: by type label, digits only; a number with no digits is treated as no number.
  const phones: Array<OrcePhone> = []
  const phone = (label: string): string | undefined => {
    const found = phoneOfType(orce.phones, label)
    if (found === undefined) return undefined
    const digits = phoneDigits(found.number)
    if (digits === "") return undefined
    if (digits !== found.number) changed = true
    // Two settings naming one label would otherwise send the same phone twice.
    if (!phones.some((sent) => sent.type === label)) {
      const sent: Draft<OrcePhone> = { type: label, primary: found.primary, number: digits }
      if (found.contactPermission !== undefined) sent.contactPermission = found.contactPermission
      phones.push(sent)
    }
    return digits
  }
  const dayPhone = phone(settings.dayPhoneLabel)
  const eveningPhone = phone(settings.evePhoneLabel)
  const thirdPhone = phone(settings.faxPhoneLabel)
  if (phones.length > 0) update.phones = phones
  update.updateUser = oromsUser(settings)

  const birth = fromOrceBirthDate(orce.birthDate)
  const customerNumber = customerNumberText.test(oromsNumber) && Number(oromsNumber) > 0
    ? Number(oromsNumber)
    : undefined
  const record: CustomerFromOrce = {
    relateId: customerId,
    ...(customerNumber !== undefined && { customerNumber }),
    prefix,
    firstName,
    middleInitial,
    lastName,
    suffix,
    company,
    street,
    apartment,
    address2,
    address3,
    address4,
    city,
    state,
    postalCode,
    country,
    ...(mailFlag !== undefined && { mailFlag }),
    email,
    ...(emailOptIn !== undefined && { emailOptIn }),
    ...(dayPhone !== undefined && { dayPhone }),
    ...(eveningPhone !== undefined && { eveningPhone }),
    ...(thirdPhone !== undefined && { thirdPhone }),
    birthMonth: birth.birthMonth,
    birthDay: birth.birthDay
  }

  return Result.succeed(changed ? { record, truncations, orceUpdate: update } : { record, truncations })
}

/** MAP-6: the primary HOME address, else the first HOME one; other types never map. */
const homeAddress = (addresses: ReadonlyArray<OrceAddress> | undefined): OrceAddress | undefined => {
  if (addresses === undefined) return undefined
  let first: OrceAddress | undefined
  for (const address of addresses) {
    if (address.type !== HOME) continue
    if (address.primary) return address
    first ??= address
  }
  return first
}
