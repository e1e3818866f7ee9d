/**
 * The element structure of ORCE Customer Services v3.1 for the four operations orce-sync uses, as
 * shared/docs/ORCE-CUSTOMER-SERVICES.md sections 3 and 4 give it: children in schema order, their types and
 * occurrences, and each type's attributes. One description serves the client (encoding order, reading
 * answers), the mock (refusing what a real ORCE would refuse) and the mock's WSDL, so none can drift.
 *
 * `min` is what the mock requires, not the XSD's minOccurs: the XSD calls almost every request element
 * required, yet ORCE's own clients send sparse requests (doc section 4, "About required"), so only what an
 * operation cannot do without is required here.
 */

export const soapEnvelopeNamespace = "http://schemas.xmlsoap.org/soap/envelope/"
export const customerServicesNamespace = "http://v3_1.customer.webservices.csx.dtv.com/"
/**
 * The v3.1 service's path below ORCE's base URL (doc section 5, O3: Order Administration's
 * ORCE_CUSTOMER_SERVICE_SUFFIX; the captured cloud URL is `https://<host>/orce` + this). The WSDL is at the
 * endpoint with `?wsdl`.
 */
export const defaultServiceSuffix = "/OrceWebServices/v3_1/CustomerServicesApiService"
/** Where the mock serves the service, below its base URL. */
export const customerServicesPath = defaultServiceSuffix

export type SimpleType = "string" | "boolean" | "date" | "dateTime"

export interface ComplexType {
  readonly name: string
  readonly fields: ReadonlyArray<Field>
  readonly attributes: ReadonlyArray<string>
  /** Text content besides (or instead of) child elements. */
  readonly text?: boolean
  /** Content the contract does not describe for the operations here; accepted as it comes. */
  readonly open?: boolean
}

export interface Field {
  readonly name: string
  readonly type: SimpleType | ComplexType
  readonly min: 0 | 1
  readonly many: boolean
}

const field = (name: string, type: SimpleType | ComplexType, occurs: "0..1" | "1" | "0..n" = "0..1"): Field => ({
  name,
  type,
  min: occurs === "1" ? 1 : 0,
  many: occurs === "0..n"
})
const complex = (name: string, fields: ReadonlyArray<Field>, attributes: ReadonlyArray<string> = [], text = false): ComplexType => ({
  name,
  fields,
  attributes,
  text
})
const open = (name: string): ComplexType => ({ name, fields: [], attributes: [], open: true })
const strings = (...names: ReadonlyArray<string>) => names.map((name) => field(name, "string"))

// --- request types (addOrUpdateCustomer) -------------------------------------------------------------

const instrumentType = complex("InstrumentType", strings("CardNumber", "CardSerialNumber"))
const lastUpdateInfoType = complex("LastUpdateInfoType", [field("UpdateUserID", "string"), field("UpdateDate", "dateTime")])
const affiliationType = complex("AffiliationType", [field("RetailStoreID", "string")], ["Action"])
const nameEntry = complex("CustomerNameTypeEntry", [], ["Location"], true)
const customerNameType = complex("CustomerNameType", [field("Name", nameEntry, "0..n")])
const addressType = complex("AddressType", [
  ...strings("AddressLine1", "AddressLine2", "AddressLine3", "AddressLine4", "ApartmentNumber", "City", "Country", "County"),
  ...strings("Territory", "PostalCode")
], ["TypeCode", "PrimaryFlag", "Label", "ContactPreferenceCode", "ValidFlag", "SequenceNumber", "DeleteAllByType"])
const emailType = complex("EMailType", [field("EMailAddress", "string", "1")], [
  "PrimaryFlag",
  "TypeCode",
  "DeleteAllByType",
  "Label",
  "ContactPreferenceCode",
  "FormatPreferenceCode",
  "SequenceNumber"
])
const telephoneType = complex("TelephoneType", [field("PhoneNumber", "string", "1"), field("Extension", "string")], [
  "PrimaryFlag",
  "TypeCode",
  "DeleteAllByType",
  "Label",
  "ContactPreferenceCode",
  "SequenceNumber"
])
const contactInformationType = complex("ContactInformationType", [
  field("Address", addressType, "0..n"),
  field("EMail", emailType, "0..n"),
  field("Telephone", telephoneType, "0..n")
])
const personalSummaryType = complex("PersonalSummaryType", [
  field("GenderType", "string"),
  field("BirthDate", "date"),
  field("Anniversary", "date"),
  field("MaritalStatusCode", "string"),
  field("Ethnicity", "string"),
  field("Rent", "boolean"),
  field("LanguageCode", "string")
])
const socioEconomicProfileType = complex("SocioEconomicProfileType", strings("AnnualIncomeAmount", "NetWorth", "HighestEducationalLevelName"))
const individualType = complex("IndividualType", [
  field("Name", customerNameType),
  ...strings("Suffix", "SortingName", "NickName", "Salutation"),
  field("ContactInformation", contactInformationType),
  field("PersonalSummary", personalSummaryType),
  field("SocioEconomicProfile", socioEconomicProfileType)
])
const entityInformationType = complex("EntityInformationType", [field("Individual", individualType, "1")])
const contactPreferenceType = complex("ContactPreferenceType", [], ["ContactType", "Permission"])
const personalPreferencesType = complex("PersonalPreferencesType", [field("ContactPreference", contactPreferenceType, "0..n")])
const alternateKeyType = complex("AlternateKeyType", [field("AlternateID", "string", "1")], ["TypeCode"])
const customAttributeType = complex("CustomAttributeType", [field("AttributeValue", "string", "0..n")], ["name"])
const customerNoteType = complex("CustomerNoteType", [], ["action", "createDate", "createUser", "type", "location", "sequence", "privateFlag"], true)
const customerNotesContainerType = complex("CustomerNotesContainerType", [field("CustomerNote", customerNoteType, "0..n")])

export const customerType = complex("CustomerType", [
  field("RetailStoreID", "string"),
  field("Instrument", instrumentType),
  ...strings("CustomerID", "OrgName", "CustOrgTypcode", "EmployeeID", "BusinessName", "CustomerClass", "Source"),
  field("Prospect", "boolean"),
  ...strings("CustomerOwnerID", "CustomerNumber", "CustomerReference"),
  field("LastUpdateInfo", lastUpdateInfoType),
  field("Affiliation", affiliationType, "0..n"),
  field("EntityInformation", entityInformationType),
  field("PersonalPreferences", personalPreferencesType),
  field("AlternateKey", alternateKeyType, "0..n"),
  field("CustomAttribute", customAttributeType, "0..n"),
  field("CustomerNotes", customerNotesContainerType),
  field("SignupDate", "date"),
  field("AssociateAssignments", open("AssociateAssignmentsContainerType")),
  field("PreferenceCenters", open("PreferenceCenterContainerRequestType"))
])

// --- lookup types (searchCustomers, retrieveCustomer) --------------------------------------------------

const searchable = (name: string) => complex(name, [], ["SearchType"], true)
const addressLineLookup = searchable("AddressLineLookupType")
const addressLookupType = complex("AddressLookupType", [
  field("Country", "string"),
  field("County", "string"),
  field("ApartmentNumber", "string"),
  field("AddressLine1", addressLineLookup),
  field("AddressLine2", addressLineLookup),
  field("AddressLine3", addressLineLookup),
  field("AddressLine4", addressLineLookup),
  field("City", addressLineLookup),
  field("Territory", searchable("TerritoryLookupType")),
  field("PostalCode", searchable("PostalCodeLookupType"))
], ["TypeCode", "SequenceNumber"])
const emailLookupType = complex("EMailLookupType", [field("EMailAddress", "string", "1")], ["TypeCode", "SearchType"])
const telephoneLookupType = complex("TelephoneLookupType", strings("PhoneNumber", "Extension"), ["TypeCode", "SearchType", "SequenceNumber"])
const nameLookupEntry = complex("CustomerNameLookupTypeEntry", [], ["Location", "SearchType"], true)
const individualLookupType = complex("IndividualLookupType", [
  field("Name", complex("CustomerNameLookupType", [field("Name", nameLookupEntry, "0..n")])),
  field("ContactInformation", complex("ContactInformationLookupType", [
    field("Address", addressLookupType, "0..n"),
    field("EMail", emailLookupType, "0..n"),
    field("Telephone", telephoneLookupType, "0..n")
  ]))
])
const alterKeyLookupType = complex("AlterKeyLookupType", [field("AlternateID", "string", "1")], ["TypeCode"])
export const customerLookupType = complex("CustomerLookupType", [
  field("Instrument", complex("InstrumentLookupType", strings("CardNumber", "CardSerialNumber"))),
  ...strings("CustomerID", "BusinessName"),
  field("EntityInformation", complex("EntityInformationLookupType", [field("Individual", individualLookupType, "1")])),
  field("AlternateKey", alterKeyLookupType, "0..n"),
  field("SegmentID", "string")
])
const alternateKeyLookupType = complex("AlternateKeyLookupType", [field("AlternateID", "string", "1")], ["TypeCode"])
const custIdentifier = complex("custIdentifier", strings("alternateKey", "alternateKeyTypeCode", "customerId"))

// --- response types -----------------------------------------------------------------------------------

const nameReturnEntry = complex("CustomerNameTypeReturnEntry", [], ["Location"], true)
const addressReturnType = complex("AddressReturnType", addressType.fields, [
  "TypeCode",
  "PrimaryFlag",
  "Label",
  "ContactPreferenceCode",
  "ValidFlag",
  "SequenceNumber",
  "UpdateType"
])
const emailReturnType = complex("EMailReturnType", [field("EMailAddress", "string", "1")], [
  "PrimaryFlag",
  "TypeCode",
  "Label",
  "ContactPreferenceCode",
  "FormatPreferenceCode",
  "UpdateType",
  "SearchType",
  "SequenceNumber",
  "ValidFlag"
])
const telephoneReturnType = complex("TelephoneReturnType", strings("PhoneNumber", "Extension"), [
  "PrimaryFlag",
  "TypeCode",
  "Label",
  "ContactPreferenceCode",
  "UpdateType",
  "SearchType",
  "SequenceNumber",
  "ValidFlag"
])
const individualReturnType = complex("IndividualReturnType", [
  ...strings("Suffix", "SortingName", "NickName", "Salutation"),
  field("Name", complex("NameType", [field("Name", nameReturnEntry, "0..n")])),
  field("ContactInformation", complex("ContactInformationReturnType", [
    field("Address", addressReturnType, "0..n"),
    field("EMail", emailReturnType, "0..n"),
    field("Telephone", telephoneReturnType, "0..n")
  ])),
  field("PersonalSummary", complex("PersonalSummaryReturnType", personalSummaryType.fields)),
  field("SocioEconomicProfile", complex("SocioEconomicProfileReturnType", socioEconomicProfileType.fields)),
  field("LifetimeActivitySummary", open("LifetimeActivitySummaryType")),
  field("YearToDateActivitySummary", open("YearToDateActivitySummaryType"))
])

export const customerResponseType = complex("CustomerResponseType", [
  field("CustomerID", "string", "1"),
  field("SignupDate", "date"),
  ...strings("ResponseDescription", "FaultDetail", "ErrorCode", "RetailStoreID"),
  field("FirstPurchaseDate", "date"),
  field("LastPurchaseDate", "date"),
  field("Validation", complex("ValidationType", [], ["ValidFlag"], true)),
  ...strings("OrgName", "CustOrgTypcode", "EmployeeID", "BusinessName", "CustomerClass", "Source"),
  field("Prospect", "boolean"),
  ...strings("CustomerOwnerID", "HouseholdKey", "CustomerNumber", "CustomerReference"),
  field("LastUpdateInfo", complex("LastUpdateInfoReturnType", lastUpdateInfoType.fields)),
  field("Affiliation", complex("AffiliationReturnType", affiliationType.fields, ["Action"]), "0..n"),
  field("EntityInformation", complex("EntityInformationReturnType", [field("Individual", individualReturnType, "1")])),
  field("PersonalPreferences", complex("PersonalPreferencesReturnType", [
    field("ContactPreference", complex("ContactPreferenceReturnType", [], ["ContactType", "Permission"], true), "0..n")
  ])),
  field("AlternateKey", complex("AlternateKeyReturnType", [field("AlternateID", "string", "1")], ["TypeCode", "UpdateType"]), "0..n"),
  field("CustomAttribute", complex("CustomAttributeReturnType", [field("AttributeValue", "string", "0..n")], ["name", "editable"]), "0..n"),
  field("CustomerNotes", open("CustomerNotesContainerReturnType")),
  field("EligiblePromotionDeals", open("EligiblePromotionDealsType")),
  field("CustomerSegments", open("CustomerSegmentsType")),
  field("CustomerCards", open("CustomerCardsType")),
  field("MaskData", "boolean", "1"),
  field("AssociateAssignments", open("AssociateAssignmentContainerReturnType")),
  ...strings("SecurityPrivilege", "SystemCurrencyCode", "RequestedCurrencyCode"),
  field("PreferenceCenters", open("PreferenceCenterContainerReturnType")),
  field("Franchisees", open("CustomerFranchiseeContainerReturnType"))
], ["ResponseCode"])

const customersResponseType = complex("CustomersResponseType", [
  field("DateTime", "dateTime", "1"),
  field("Customer", customerResponseType, "0..n")
])

// --- the four operations --------------------------------------------------------------------------------

export type OperationName = "addOrUpdateCustomer" | "retrieveCustomer" | "searchCustomers" | "mergeCustomers"

export interface Operation {
  readonly name: OperationName
  readonly request: ComplexType
  readonly response: ComplexType
}

const securityUserId = field("securityUserId", "string")

export const operations: Readonly<Record<OperationName, Operation>> = {
  addOrUpdateCustomer: {
    name: "addOrUpdateCustomer",
    request: complex("addOrUpdateCustomer", [field("customerData", customerType, "1"), securityUserId]),
    response: complex("addOrUpdateCustomerResponse", [field("customerId", "string", "1")])
  },
  retrieveCustomer: {
    name: "retrieveCustomer",
    request: complex("retrieveCustomer", [
      field("customerId", "string"),
      field("alternateKeyList", alternateKeyLookupType, "0..n"),
      ...strings("cardNumber", "currencyCode"),
      securityUserId
    ]),
    response: complex("retrieveCustomerResponse", [field("return", customerResponseType)])
  },
  searchCustomers: {
    name: "searchCustomers",
    request: complex("searchCustomers", [field("customerData", customerLookupType, "1"), securityUserId, field("AssociateId", "string")]),
    response: complex("searchCustomersResponse", [field("return", customersResponseType)])
  },
  mergeCustomers: {
    name: "mergeCustomers",
    request: complex("mergeCustomers", [
      field("mergeSource", custIdentifier, "1"),
      {
        ...field("mergeTargetSet", custIdentifier, "0..n"),
        min: 1
      },
      field("updateUserId", "string"),
      securityUserId
    ]),
    response: complex("mergeCustomersResponse", [field("customerId", "string", "1")])
  }
}

export const operationNames = Object.keys(operations) as ReadonlyArray<OperationName>

export const relateProcessingException = complex("RelateProcessingException", strings("message", "relateExceptionCode"))
