import type { Customer, ProfileData } from "../../src/domain/customer.ts"
import type { OrceCustomer } from "../../src/domain/orce-customer.ts"
import type { MapSettings } from "../../src/stages/map/map-settings.ts"
import type { ToOrceContext } from "../../src/stages/map/to-orce.ts"

/** The SPEC defaults, with a K69 store so MAP-12 has something to send. */
export const settings: MapSettings = {
  altIdOroms: "OROMS_ID",
  altIdWeb: "WEB_ID",
  dayPhoneLabel: "BUSINESS",
  evePhoneLabel: "HOME",
  faxPhoneLabel: "FAX",
  thirdPhoneType: "FAX",
  defaultLocation: "STORE1",
  sendProfileData: "N",
  userId: "BATCH"
}

export const customer = (overrides: Partial<Customer> = {}): Customer => ({
  customerNumber: 123456,
  partyType: "I",
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
  poBox: "N",
  deliveryCode: "B",
  customerClass: "RT",
  alternateCustomerNumber: "ALT-77",
  email: "John.Public@Example.com",
  emailOptIn: "Y",
  dayPhone: "6175550100",
  dayPhoneExt: "12",
  eveningPhone: "6175550101",
  eveningPhoneExt: "",
  thirdPhone: "6175550102",
  thirdPhoneExt: "9",
  doNotFax: "N",
  mailFlag: "Y",
  rentFlag: "N",
  birthMonth: 3,
  birthDay: 7,
  relateId: "",
  ecommerceId: "",
  syncFlag: "Y",
  status: "A",
  ...overrides
})

export const context = (overrides: Partial<ToOrceContext> = {}): ToOrceContext => ({
  settings,
  profile: [],
  isNew: false,
  ...overrides
})

export const profileRow = (profileDescription: string, value: string, customerNumber = 123456): ProfileData => ({
  customerNumber,
  profileDescription,
  value
})

/** An ORCE customer already in OACS's shape: upper-case, within lengths, digits-only phones. */
export const orceCustomer = (overrides: Partial<OrceCustomer> = {}): OrceCustomer => ({
  customerId: "1000000001",
  alternateKeys: [{ type: "OROMS_ID", value: "123456" }, { type: "XSTORE_ID", value: "X1" }],
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
    county: "SUFFOLK",
    contactPermission: "Y"
  }],
  emails: [{ type: "HOME", primary: true, address: "John.Public@Example.com", contactPermission: "Y" }],
  phones: [
    { type: "BUSINESS", primary: true, number: "6175550100", contactPermission: "Y" },
    { type: "HOME", primary: false, number: "6175550101", contactPermission: "Y" },
    { type: "FAX", primary: false, number: "6175550102", contactPermission: "Y" }
  ],
  contactPermissions: { mail: "Y", fax: "Y", rent: "N", email: "Y", phone: "Y" },
  birthDate: "1985-03-07",
  ...overrides
})
