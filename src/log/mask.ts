/**
 * Customer data is personal data: at INFO and above it is masked before it reaches a log (SYNC-13).
 * Values under personal keys are masked whole; free text is scanned for emails and phone numbers.
 */

const personalKeys = new Set(
  [
    "prefix", "firstName", "middleInitial", "middleName", "lastName", "suffix", "company", "businessName", "name",
    "street", "apartment", "address", "address1", "address2", "address3", "address4", "city", "postalCode", "county",
    "email", "emails", "dayPhone", "eveningPhone", "thirdPhone", "phone", "phones", "number", "birthDate",
    "first_name", "middle_initial", "last_name", "postal_code", "day_phone", "evening_phone", "third_phone",
    "birth_month", "birth_day", "birthMonth", "birthDay", "before", "after", "value", "addresses"
  ].map((key) => key.toLowerCase())
)

const emailPattern = /[^\s@"',;<>]+@[^\s@"',;<>]+\.[A-Za-z]{2,}/g
const phonePattern = /\+?\d[\d\s().-]{5,}\d/g

/** Keeps a hint of the shape (first character, length class) so a masked log still helps debugging. */
export const maskText = (value: string): string => value === "" ? "" : `${value[0]}***`

export const maskFreeText = (text: string): string =>
  text.replace(emailPattern, (email) => `${email[0]}***@***`).replace(phonePattern, "***")

export const maskPersonalData = (value: unknown, key?: string): unknown => {
  if (key !== undefined && personalKeys.has(key.toLowerCase())) {
    if (typeof value === "string") return maskText(value)
    if (typeof value === "number") return "***"
    if (Array.isArray(value) || (value !== null && typeof value === "object")) return "[masked]"
    return value
  }
  if (typeof value === "string") return maskFreeText(value)
  if (Array.isArray(value)) return value.map((item) => maskPersonalData(item))
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {}
    for (const [entryKey, entry] of Object.entries(value)) out[entryKey] = maskPersonalData(entry, entryKey)
    return out
  }
  return value
}
