import type {
  AlternateKey,
  OrceAddress,
  OrceAttribute,
  OrceContactPermissions,
  OrceCustomer,
  OrceCustomerMessage,
  OrceEmail,
  OrcePhone
} from "../../domain/orce-customer.ts"
import type { SearchRequest } from "../contract.ts"
import type { SoapContractChoices } from "./contract-choices.ts"
import { child, childrenNamed, childText, type XmlElement, type XmlOut } from "./xml.ts"

/**
 * The domain's ORCE customer to and from Customer Services' types, per the doc's section 7.3: CustomerType for
 * addOrUpdateCustomer, CustomerLookupType for searchCustomers, CustomerResponseType in answers. Children are
 * unqualified and written in schema order; a field the domain lacks is left out, an empty string is sent as
 * an empty element (MAP-15: it clears).
 */

const leaf = (name: string, text: string | undefined): XmlOut | undefined => (text === undefined ? undefined : { name, text })
const group = (name: string, children: ReadonlyArray<XmlOut | undefined>, attributes?: XmlOut["attributes"]): XmlOut | undefined =>
  children.some((c) => c !== undefined) ? { name, children, ...(attributes === undefined ? {} : { attributes }) } : undefined
const flag = (value: boolean | undefined) => (value === undefined ? undefined : value ? "true" : "false")
/** xsd:boolean allows 1/0 as well as true/false. */
const readFlag = (value: string | undefined) => (value === undefined ? undefined : value === "true" || value === "1")

/** OACS's Y/N permission as ORCE's boolean; anything else (blank) is not sent [assumed, doc 7.3]. */
const permissionFlag = (value: string | undefined) => {
  if (value === undefined) return undefined
  const first = value.charAt(0).toUpperCase()
  return first === "Y" ? "true" : first === "N" ? "false" : undefined
}
const permissionValue = (value: string | undefined) => {
  const read = readFlag(value)
  return read === undefined ? undefined : read ? "Y" : "N"
}

const contactTypes = [["mail", "Mail"], ["email", "Email"], ["phone", "Phone"], ["fax", "Fax"]] as const

// --- encoding (client requests, mock answers) ------------------------------------------------------

const nameEntries = (customer: OrceCustomerMessage): ReadonlyArray<XmlOut | undefined> => [
  customer.firstName === undefined ? undefined : { name: "Name", attributes: { Location: "First" }, text: customer.firstName },
  customer.middleName === undefined ? undefined : { name: "Name", attributes: { Location: "Middle" }, text: customer.middleName },
  customer.lastName === undefined ? undefined : { name: "Name", attributes: { Location: "Last" }, text: customer.lastName }
]

const addressOut = (address: OrceAddress, choices: SoapContractChoices): XmlOut => ({
  name: "Address",
  attributes: {
    TypeCode: address.type,
    PrimaryFlag: flag(address.primary),
    ContactPreferenceCode: preferenceCode(address.contactPermission, choices)
  },
  children: [
    leaf("AddressLine1", address.address1),
    leaf("AddressLine2", address.address2),
    leaf("AddressLine3", address.address3),
    leaf("AddressLine4", address.address4),
    leaf("ApartmentNumber", address.apartment),
    leaf("City", address.city),
    leaf("Country", address.country),
    leaf("County", address.county),
    leaf("Territory", address.state),
    leaf("PostalCode", address.postalCode)
  ]
})

const emailOut = (email: OrceEmail, choices: SoapContractChoices): XmlOut => ({
  name: "EMail",
  attributes: {
    TypeCode: email.type,
    PrimaryFlag: flag(email.primary),
    ContactPreferenceCode: preferenceCode(email.contactPermission, choices)
  },
  children: [{ name: "EMailAddress", text: email.address }]
})

const phoneOut = (phone: OrcePhone, choices: SoapContractChoices): XmlOut => ({
  name: "Telephone",
  attributes: {
    [choices.phoneTypeAttribute]: phone.type,
    PrimaryFlag: flag(phone.primary),
    ContactPreferenceCode: preferenceCode(phone.contactPermission, choices)
  },
  children: [{ name: "PhoneNumber", text: phone.number }]
})

const preferenceCode = (value: string | undefined, choices: SoapContractChoices) =>
  value === undefined ? undefined : (choices.contactPreferenceCodes[value] ?? value)

const contactInformation = (customer: OrceCustomerMessage, choices: SoapContractChoices) =>
  group("ContactInformation", [
    ...(customer.addresses ?? []).map((address) => addressOut(address, choices)),
    ...(customer.emails ?? []).map((email) => emailOut(email, choices)),
    ...(customer.phones ?? []).map((phone) => phoneOut(phone, choices))
  ])

const personalSummary = (customer: OrceCustomerMessage) =>
  group("PersonalSummary", [leaf("BirthDate", customer.birthDate), leaf("Rent", permissionFlag(customer.contactPermissions?.rent))])

const personalPreferences = (permissions: OrceContactPermissions | undefined) =>
  group(
    "PersonalPreferences",
    contactTypes.map(([key, contactType]) => {
      const permission = permissionFlag(permissions?.[key])
      return permission === undefined ? undefined : { name: "ContactPreference", attributes: { ContactType: contactType, Permission: permission } }
    })
  )

const alternateKeysOut = (keys: ReadonlyArray<AlternateKey> | undefined, name: string) =>
  (keys ?? []).map((key): XmlOut => ({ name, attributes: { TypeCode: key.type }, children: [{ name: "AlternateID", text: key.value }] }))

/** Attributes are multi-valued in ORCE: one CustomAttribute per name, in order of first appearance. */
const customAttributes = (attributes: ReadonlyArray<OrceAttribute> | undefined) => {
  const byName = new Map<string, Array<string>>()
  for (const attribute of attributes ?? []) {
    const values = byName.get(attribute.name)
    if (values === undefined) byName.set(attribute.name, [attribute.value])
    else values.push(attribute.value)
  }
  return [...byName].map(([name, values]): XmlOut => ({
    name: "CustomAttribute",
    attributes: { name },
    children: values.map((value) => ({ name: "AttributeValue", text: value }))
  }))
}

/** CustomerType: the `customerData` of addOrUpdateCustomer. */
export const customerDataOut = (message: OrceCustomerMessage, choices: SoapContractChoices): XmlOut => ({
  name: "customerData",
  children: [
    leaf("RetailStoreID", message.signupStore),
    leaf("CustomerID", message.customerId),
    leaf("BusinessName", message.businessName),
    leaf("Source", message.source),
    group("LastUpdateInfo", [leaf("UpdateUserID", message.updateUser)]),
    group("Affiliation", [leaf("RetailStoreID", message.homeStore)]),
    group("EntityInformation", [
      group("Individual", [
        group("Name", nameEntries(message)),
        leaf("Suffix", message.suffix),
        leaf("Salutation", message.prefix),
        contactInformation(message, choices),
        personalSummary(message)
      ])
    ]),
    personalPreferences(message.contactPermissions),
    ...alternateKeysOut(message.alternateKeys, "AlternateKey"),
    ...customAttributes(message.attributes)
  ]
})

/** CustomerResponseType (in response order, which differs from CustomerType's): `return` or `Customer`. */
export const customerResponseOut = (name: string, customer: OrceCustomer, choices: SoapContractChoices, maskData: boolean): XmlOut => ({
  name,
  children: [
    { name: "CustomerID", text: customer.customerId },
    leaf("SignupDate", customer.createDate?.slice(0, 10)),
    leaf("RetailStoreID", customer.signupStore),
    leaf("BusinessName", customer.businessName),
    leaf("Source", customer.source),
    group("LastUpdateInfo", [leaf("UpdateUserID", customer.updateUser), leaf("UpdateDate", customer.updateDate)]),
    group("Affiliation", [leaf("RetailStoreID", customer.homeStore)]),
    group("EntityInformation", [
      group("Individual", [
        leaf("Suffix", customer.suffix),
        leaf("Salutation", customer.prefix),
        group("Name", nameEntries(customer)),
        contactInformation(customer, choices),
        personalSummary(customer)
      ])
    ]),
    personalPreferences(customer.contactPermissions),
    ...alternateKeysOut(customer.alternateKeys, "AlternateKey"),
    ...customAttributes(customer.attributes),
    { name: "MaskData", text: maskData ? "true" : "false" }
  ]
})

/** CustomerLookupType: the `customerData` of searchCustomers for each search orce-sync makes. */
export const lookupOut = (query: SearchRequest): XmlOut => {
  if ("alternateKey" in query) {
    return { name: "customerData", children: alternateKeysOut([query.alternateKey], "AlternateKey") }
  }
  const individual: ReadonlyArray<XmlOut | undefined> = "email" in query
    ? [group("ContactInformation", [{ name: "EMail", children: [{ name: "EMailAddress", text: query.email }] }])]
    : [
      { name: "Name", children: [{ name: "Name", attributes: { Location: "Last", SearchType: "Exact" }, text: query.lastName }] },
      { name: "ContactInformation", children: [{ name: "Address", children: [{ name: "PostalCode", text: query.postalCode }] }] }
    ]
  return { name: "customerData", children: [{ name: "EntityInformation", children: [{ name: "Individual", children: individual }] }] }
}

// --- decoding (mock requests, client answers) --------------------------------------------------------

const assign = <T extends object>(target: T, key: keyof T, value: unknown) => {
  if (value !== undefined) (target as Record<keyof T, unknown>)[key] = value
}

const namesOf = (nameGroup: XmlElement | undefined) => {
  const names: { firstName?: string; middleName?: string; lastName?: string } = {}
  for (const entry of nameGroup === undefined ? [] : childrenNamed(nameGroup, "Name")) {
    const location = entry.attributes["Location"]
    if (location === "First") names.firstName = entry.text
    else if (location === "Middle") names.middleName = entry.text
    else if (location === "Last") names.lastName = entry.text
  }
  return names
}

const preferenceValue = (code: string | undefined, choices: SoapContractChoices) => {
  if (code === undefined) return undefined
  for (const key in choices.contactPreferenceCodes) if (choices.contactPreferenceCodes[key] === code) return key
  return code
}

const addressIn = (element: XmlElement, choices: SoapContractChoices): OrceAddress => {
  const address: Record<string, unknown> = {
    type: element.attributes["TypeCode"] ?? "",
    primary: readFlag(element.attributes["PrimaryFlag"]) ?? false
  }
  const fields = [
    ["AddressLine1", "address1"],
    ["ApartmentNumber", "apartment"],
    ["AddressLine2", "address2"],
    ["AddressLine3", "address3"],
    ["AddressLine4", "address4"],
    ["City", "city"],
    ["Territory", "state"],
    ["PostalCode", "postalCode"],
    ["Country", "country"],
    ["County", "county"]
  ] as const
  for (const [xml, domain] of fields) assign(address, domain, childText(element, xml))
  assign(address, "contactPermission", preferenceValue(element.attributes["ContactPreferenceCode"], choices))
  return address as unknown as OrceAddress
}

const emailIn = (element: XmlElement, choices: SoapContractChoices): OrceEmail => {
  const email: Record<string, unknown> = {
    type: element.attributes["TypeCode"] ?? "",
    primary: readFlag(element.attributes["PrimaryFlag"]) ?? false,
    address: childText(element, "EMailAddress") ?? ""
  }
  assign(email, "contactPermission", preferenceValue(element.attributes["ContactPreferenceCode"], choices))
  return email as unknown as OrceEmail
}

const phoneIn = (element: XmlElement, choices: SoapContractChoices): OrcePhone => {
  const phone: Record<string, unknown> = {
    type: element.attributes[choices.phoneTypeAttribute] ?? "",
    primary: readFlag(element.attributes["PrimaryFlag"]) ?? false,
    number: childText(element, "PhoneNumber") ?? ""
  }
  assign(phone, "contactPermission", preferenceValue(element.attributes["ContactPreferenceCode"], choices))
  return phone as unknown as OrcePhone
}

const alternateKeysIn = (element: XmlElement, name: string): Array<AlternateKey> =>
  childrenNamed(element, name).map((key) => ({ type: key.attributes["TypeCode"] ?? "", value: childText(key, "AlternateID") ?? "" }))

/** The fields CustomerType and CustomerResponseType share, read from either. */
const customerFieldsIn = (element: XmlElement, choices: SoapContractChoices) => {
  const customer: Record<string, unknown> = {}
  const keys = alternateKeysIn(element, "AlternateKey")
  if (keys.length > 0) customer["alternateKeys"] = keys
  const individual = child(child(element, "EntityInformation") ?? element, "Individual")
  if (individual !== undefined) {
    Object.assign(customer, namesOf(child(individual, "Name")))
    assign(customer, "prefix", childText(individual, "Salutation"))
    assign(customer, "suffix", childText(individual, "Suffix"))
    const contact = child(individual, "ContactInformation")
    if (contact !== undefined) {
      const addresses = childrenNamed(contact, "Address").map((a) => addressIn(a, choices))
      const emails = childrenNamed(contact, "EMail").map((e) => emailIn(e, choices))
      const phones = childrenNamed(contact, "Telephone").map((p) => phoneIn(p, choices))
      if (addresses.length > 0) customer["addresses"] = addresses
      if (emails.length > 0) customer["emails"] = emails
      if (phones.length > 0) customer["phones"] = phones
    }
    const summary = child(individual, "PersonalSummary")
    assign(customer, "birthDate", childText(summary, "BirthDate"))
    const rent = permissionValue(childText(summary, "Rent"))
    if (rent !== undefined) customer["contactPermissions"] = { rent }
  }
  const preferences = child(element, "PersonalPreferences")
  if (preferences !== undefined) {
    const permissions: Record<string, string> = { ...(customer["contactPermissions"] as object | undefined) }
    for (const preference of childrenNamed(preferences, "ContactPreference")) {
      const type = contactTypes.find(([, contactType]) => contactType === preference.attributes["ContactType"])
      const value = permissionValue(preference.attributes["Permission"])
      if (type !== undefined && value !== undefined) permissions[type[0]] = value
    }
    if (Object.keys(permissions).length > 0) customer["contactPermissions"] = permissions
  }
  const attributes = childrenNamed(element, "CustomAttribute").flatMap((attribute) =>
    childrenNamed(attribute, "AttributeValue").map((value) => ({ name: attribute.attributes["name"] ?? "", value: value.text }))
  )
  if (attributes.length > 0) customer["attributes"] = attributes
  assign(customer, "businessName", childText(element, "BusinessName"))
  assign(customer, "signupStore", childText(element, "RetailStoreID"))
  assign(customer, "homeStore", childText(child(element, "Affiliation"), "RetailStoreID"))
  assign(customer, "source", childText(element, "Source"))
  assign(customer, "updateUser", childText(child(element, "LastUpdateInfo"), "UpdateUserID"))
  return customer
}

/** A CustomerType (mock side). CustomerType has no create user: ORCE records the updating user [assumed]. */
export const customerDataIn = (element: XmlElement, choices: SoapContractChoices): OrceCustomerMessage => {
  const message = customerFieldsIn(element, choices)
  assign(message, "customerId", childText(element, "CustomerID"))
  return message as OrceCustomerMessage
}

/** A CustomerResponseType (client side), with ORCE's own masking flag. */
export const customerResponseIn = (element: XmlElement, choices: SoapContractChoices): { customer: OrceCustomer; maskData: boolean } => {
  const customer = customerFieldsIn(element, choices)
  customer["customerId"] = childText(element, "CustomerID") ?? ""
  assign(customer, "createDate", childText(element, "SignupDate"))
  assign(customer, "updateDate", childText(child(element, "LastUpdateInfo"), "UpdateDate"))
  return { customer: customer as OrceCustomer, maskData: readFlag(childText(element, "MaskData")) ?? false }
}

/** A CustomerLookupType as one of orce-sync's searches, or why the mock cannot run it. */
export const lookupIn = (element: XmlElement): SearchRequest | string => {
  const [key, ...moreKeys] = alternateKeysIn(element, "AlternateKey")
  const individual = child(child(element, "EntityInformation") ?? element, "Individual")
  const contact = individual === undefined ? undefined : child(individual, "ContactInformation")
  const emails = contact === undefined ? [] : childrenNamed(contact, "EMail")
  const lastName = namesOf(individual === undefined ? undefined : child(individual, "Name")).lastName
  const postalCode = contact === undefined ? undefined : childText(child(contact, "Address"), "PostalCode")
  if (key !== undefined && moreKeys.length === 0 && individual === undefined) return { alternateKey: key }
  if (key === undefined && emails.length === 1 && lastName === undefined) return { email: childText(emails[0], "EMailAddress") ?? "" }
  if (key === undefined && emails.length === 0 && lastName !== undefined && postalCode !== undefined) return { lastName, postalCode }
  return "searches by one AlternateKey, by one EMail/EMailAddress, or by the Last Name with an Address/PostalCode"
}
