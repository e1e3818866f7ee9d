import type {
  AlternateKey,
  OrceAddress,
  OrceAttribute,
  OrceContactPermissions,
  OrceCustomer,
  OrceCustomerMessage,
  OrceEmail,
  OrcePhone
} from "../src/domain/orce-customer.ts"

/**
 * How an add-or-update message changes a stored customer, as ORCE does it (MAP-15, MOCK-3):
 * a field absent from the message is kept, a field sent as "" is cleared, anything else is stored exactly as
 * sent. Addresses and phones are merged by type; emails are added and never removed (an email the customer
 * already has, compared case-insensitively, is updated in place); alternate keys are added and never removed.
 * A primary entry in the message takes the primary flag away from the customer's other entries of that kind.
 */

type Mutable<T> = { -readonly [K in keyof T]: T[K] }
type Fields = Record<string, unknown>

const scalarFields = [
  "prefix",
  "firstName",
  "middleName",
  "lastName",
  "suffix",
  "businessName",
  "birthDate",
  "signupStore",
  "homeStore",
  "source",
  "updateUser"
] as const

/** Copies the message's optional string fields over `target`: "" clears, absent keeps. */
const overlay = (target: Fields, source: Fields, keys: Iterable<string>): void => {
  for (const key of keys) {
    const value = source[key]
    if (value === undefined) continue
    if (value === "") delete target[key]
    else target[key] = value
  }
}

const withoutPrimary = <T extends { readonly primary: boolean }>(entries: ReadonlyArray<T>): Array<T> =>
  entries.map((entry) => (entry.primary ? { ...entry, primary: false } : entry))

const mergeByType = <T extends { readonly type: string; readonly primary: boolean }>(
  current: ReadonlyArray<T> | undefined,
  incoming: ReadonlyArray<T>
): Array<T> => {
  let result = current === undefined ? [] : [...current]
  for (const entry of incoming) {
    if (entry.primary) result = withoutPrimary(result)
    const index = result.findIndex((existing) => existing.type === entry.type)
    if (index === -1) {
      const created: Fields = {}
      overlay(created, entry, Object.keys(entry))
      result.push(created as unknown as T)
    } else {
      const merged: Fields = { ...result[index] }
      overlay(merged, entry, Object.keys(entry))
      result[index] = merged as unknown as T
    }
  }
  return result
}

const mergeEmails = (current: ReadonlyArray<OrceEmail> | undefined, incoming: ReadonlyArray<OrceEmail>) => {
  let result = current === undefined ? [] : [...current]
  for (const email of incoming) {
    if (email.address === "") continue
    if (email.primary) result = withoutPrimary(result)
    const lower = email.address.toLowerCase()
    const index = result.findIndex((existing) => existing.address.toLowerCase() === lower)
    if (index === -1) result.push(email)
    else result[index] = { ...result[index], ...email }
  }
  return result
}

export const addAlternateKeys = (
  current: ReadonlyArray<AlternateKey> | undefined,
  incoming: ReadonlyArray<AlternateKey>
): Array<AlternateKey> => {
  const result = current === undefined ? [] : [...current]
  for (const key of incoming) {
    if (!result.some((existing) => existing.type === key.type && existing.value === key.value)) result.push(key)
  }
  return result
}

const mergeAttributes = (current: ReadonlyArray<OrceAttribute> | undefined, incoming: ReadonlyArray<OrceAttribute>) => {
  const result = current === undefined ? [] : [...current]
  for (const attribute of incoming) {
    const index = result.findIndex((existing) => existing.name === attribute.name)
    if (attribute.value === "") {
      if (index !== -1) result.splice(index, 1)
    } else if (index === -1) result.push(attribute)
    else result[index] = attribute
  }
  return result
}

const mergePermissions = (current: OrceContactPermissions | undefined, incoming: OrceContactPermissions) => {
  const result: Fields = { ...current }
  overlay(result, incoming, Object.keys(incoming))
  return result as OrceContactPermissions
}

/** Returns a new customer; the stored one is never mutated, so callers may hold on to what they were given. */
export const applyMessage = (
  current: OrceCustomer,
  message: OrceCustomerMessage,
  stamp: { readonly updateDate: string }
): OrceCustomer => {
  const next: Mutable<OrceCustomer> & Fields = { ...current }
  overlay(next, message, scalarFields)
  if (message.alternateKeys !== undefined) next.alternateKeys = addAlternateKeys(current.alternateKeys, message.alternateKeys)
  if (message.addresses !== undefined) next.addresses = mergeByType<OrceAddress>(current.addresses, message.addresses)
  if (message.phones !== undefined) next.phones = mergeByType<OrcePhone>(current.phones, message.phones)
  if (message.emails !== undefined) next.emails = mergeEmails(current.emails, message.emails)
  if (message.attributes !== undefined) next.attributes = mergeAttributes(current.attributes, message.attributes)
  if (message.contactPermissions !== undefined) {
    next.contactPermissions = mergePermissions(current.contactPermissions, message.contactPermissions)
  }
  next.updateDate = stamp.updateDate
  return next
}

/** A new customer: the message applied to an empty one, with the create user and dates set once. */
export const createFromMessage = (
  customerId: string,
  message: OrceCustomerMessage,
  stamp: { readonly createDate: string }
): OrceCustomer => {
  const created = applyMessage({ customerId }, message, { updateDate: stamp.createDate })
  const createUser = message.createUser ?? message.updateUser
  return {
    ...created,
    ...(createUser === undefined || createUser === "" ? {} : { createUser }),
    createDate: stamp.createDate
  }
}
