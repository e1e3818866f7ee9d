/**
 * Customer data is personal data: at INFO and above it is masked before it reaches a log (SYNC-13). Values
 * under personal keys are masked by pino's own `redact` (see logger.ts); free text with no key of its own
 * (a log message, an error's message) is scanned for emails and phone numbers. Run IDs, URLs, dates and codes
 * are not personal data and stay as they are.
 */

export const personalKeys: ReadonlyArray<string> = [
  "prefix", "firstName", "middleInitial", "middleName", "lastName", "suffix", "company", "businessName", "name",
  "street", "apartment", "address", "address1", "address2", "address3", "address4", "city", "postalCode", "county",
  "email", "emails", "dayPhone", "eveningPhone", "thirdPhone", "phone", "phones", "number", "birthDate",
  "first_name", "middle_initial", "last_name", "postal_code", "day_phone", "evening_phone", "third_phone",
  "birth_month", "birth_day", "birthMonth", "birthDay", "before", "after", "value", "addresses"
]

/** Fields that hold free text (a message of ours or of ORCE), scanned like a log message. */
export const freeTextKeys: ReadonlyArray<string> = ["error", "cause", "reason", "message"]

/** Personal keys at any depth a log entry of ours reaches: pino's redact names each path. */
export const redactPaths = (depth = 5): Array<string> =>
  personalKeys.flatMap((key) => Array.from({ length: depth }, (_, level) => [...Array<string>(level).fill("*"), key].join(".")))

/** Keeps a hint of the shape (its first character) so a masked log still helps debugging. */
export const maskText = (value: string): string => value === "" ? "" : `${value[0]}***`

/** What pino's redact writes in place of a personal value. */
export const censor = (value: unknown): unknown =>
  typeof value === "string" ? maskText(value) : typeof value === "number" ? "***" : value === null || value === undefined ? value : "[masked]"

const emailPattern = /[^\s@"',;<>]+@[^\s@"',;<>]+\.[A-Za-z]{2,}/g
// A phone number stands alone: not inside a run ID (…-20261124T101500Z-…), a URL, an address or a date.
const phonePattern = /(?<![\w/:.@(-])(?!\d{4}-\d\d-\d\d(?!\d))\+?\(?\d[\d\s().-]{5,}\d(?![\w/:@]|\.\d|-\d)/g

export const maskFreeText = (text: string): string =>
  text.replace(emailPattern, (email) => `${email[0]}***@***`).replace(phonePattern, "***")
