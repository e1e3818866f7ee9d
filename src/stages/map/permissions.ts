import type { Customer, YesNo } from "../../domain/customer.ts"
import type { OrceContactPermissions } from "../../domain/orce-customer.ts"
import type { MapSettings } from "./map-settings.ts"

/**
 * MAP-8 third phone: a mobile is reachable when present; a fax only when present and "do not fax" is not
 * selected. Day and evening phones carry Y whenever they are sent (see to-orce.ts for absent phones).
 */
export const thirdPhonePermission = (customer: Customer, settings: MapSettings): YesNo =>
  settings.thirdPhoneType === "FAX" && customer.doNotFax === "Y" ? "N" : "Y"

/**
 * MAP-10 customer-level permissions, informational in ORCE. Mail and fax are "Y" or blank, as the seed
 * says ("otherwise leave blank"); rent and email copy their OACS flags. Phone is Y when a day or evening
 * number is present, else N: those are the numbers the seed ties to the phone permission, and a customer
 * with only a fax/mobile number has no number OACS treats as a voice contact.
 */
export const customerPermissions = (
  customer: Customer,
  settings: MapSettings,
  hasDayOrEveningPhone: boolean
): OrceContactPermissions => ({
  mail: customer.mailFlag === "Y" ? "Y" : "",
  fax: settings.thirdPhoneType === "FAX" && customer.doNotFax === "N" ? "Y" : "",
  rent: customer.rentFlag,
  email: customer.emailOptIn,
  phone: hasDayOrEveningPhone ? "Y" : "N"
})

/**
 * MAP-16: ORCE's free-text permission as an OACS flag, when it consists of or starts with the letter Y or N.
 * Case is ignored ("yes", "No"), since the letter alone carries the meaning; anything else is undefined.
 */
export const yesNoPrefix = (permission: string): YesNo | undefined => {
  const first = permission.charAt(0)
  if (first === "Y" || first === "y") return "Y"
  if (first === "N" || first === "n") return "N"
  return undefined
}
