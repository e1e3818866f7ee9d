/**
 * Single-field checks of VAL-3, VAL-6 and VAL-7. Each takes trimmed text and returns the reason it is
 * bad, or undefined when it is fine. Reasons never repeat an email or a phone number: they are personal
 * data and rejects end up in spreadsheets.
 */

const digitsOnly = /^\d+$/

/** VAL-3. Leading zeros are padding, not digits of the number. */
export const customerNumberProblem = (value: string): string | undefined => {
  if (value === "") return "customer number is required"
  if (!digitsOnly.test(value)) return "customer number is not numeric"
  const significant = value.replace(/^0+/, "")
  if (significant === "") return "customer number must be greater than 0"
  if (significant.length > 9) return `customer number has ${significant.length} digits; at most 9 are allowed`
  return undefined
}

/** VAL-7: Y or N in any case; blank means N. Undefined when the value is neither. */
export const yesNo = (value: string): "Y" | "N" | undefined => {
  if (value === "" || value === "N" || value === "n") return "N"
  if (value === "Y" || value === "y") return "Y"
  return undefined
}

// dot-atom local part and LDH domain labels (RFC 5321/5322), widened to non-ASCII characters because
// internationalised addresses (RFC 6531) are real customer data; quoted local parts and IP-literal
// domains are legal but never seen from a web shop, so they are refused.
const atext = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\u0080-\\uFFFF-]"
const labelChar = "[A-Za-z0-9\\u0080-\\uFFFF]"
const label = `${labelChar}(?:[A-Za-z0-9\\u0080-\\uFFFF-]{0,61}${labelChar})?`
const topLevel = "(?:[A-Za-z\\u0080-\\uFFFF]{2,63}|xn--[A-Za-z0-9-]{1,59})"
const emailPattern = new RegExp(`^${atext}+(?:\\.${atext}+)*@(?:${label}\\.)+${topLevel}$`)

/** VAL-6; blank is allowed (a customer may have no email). */
export const emailProblem = (value: string): string | undefined => {
  if (value === "") return undefined
  const at = value.lastIndexOf("@")
  // RFC 5321 limits; checked first so the pattern never runs over a huge value
  if (value.length > 254 || at > 64 || !emailPattern.test(value)) return "email is not a valid address"
  return undefined
}

const phoneExtension = /\s*(?:#|x|ext\.?|extn\.?|extension)\s*\d{1,10}$/i
const phoneFormatting = /[\s().\-/]/g

/**
 * VAL-6: digits once spaces, dashes, dots, slashes, parentheses and a leading + are removed; an
 * extension written into the number ("x123", "ext. 12") is dropped before counting, as MAP-7 never
 * sends it. Blank is allowed.
 */
export const phoneProblem = (label: string, value: string): string | undefined => {
  if (value === "") return undefined
  let number = value.replace(phoneExtension, "")
  if (number.startsWith("+")) number = number.slice(1)
  const digits = number.replace(phoneFormatting, "")
  if (!digitsOnly.test(digits)) {
    return digits === ""
      ? `${label} has no digits; 7 to 15 are required`
      : `${label} has characters other than digits and formatting`
  }
  if (digits.length < 7 || digits.length > 15) return `${label} has ${digits.length} digits; 7 to 15 are required`
  return undefined
}

// February has 29 days: OACS keeps no birth year, so 29 February cannot be ruled out.
const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

export interface BirthDate {
  readonly month: number | null
  readonly day: number | null
  readonly monthProblem: string | undefined
  readonly dayProblem: string | undefined
}

const smallNumber = (value: string): number | undefined =>
  value.length <= 4 && digitsOnly.test(value) ? Number(value) : undefined

/** VAL-7: month 1-12 and a day of that month; both blank is fine, one without the other is not. */
export const birthDate = (monthText: string, dayText: string): BirthDate => {
  if (monthText === "" && dayText === "") {
    return { month: null, day: null, monthProblem: undefined, dayProblem: undefined }
  }
  const month = smallNumber(monthText)
  const day = smallNumber(dayText)
  let monthProblem: string | undefined
  let dayProblem: string | undefined
  if (monthText === "") monthProblem = "birth month is required when a birth day is given"
  else if (month === undefined) monthProblem = "birth month is not a number"
  else if (month < 1 || month > 12) monthProblem = `birth month ${month} is not 1 to 12`
  if (dayText === "") dayProblem = "birth day is required when a birth month is given"
  else if (day === undefined) dayProblem = "birth day is not a number"
  else if (day < 1 || day > 31) dayProblem = `birth day ${day} is not 1 to 31`
  else if (monthProblem === undefined && month !== undefined && day > (daysInMonth[month - 1] ?? 31)) {
    dayProblem = `birth day ${day} does not exist in month ${month}`
  }
  return { month: month ?? null, day: day ?? null, monthProblem, dayProblem }
}
