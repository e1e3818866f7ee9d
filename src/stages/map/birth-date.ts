/**
 * MAP-11. OACS holds only a birth month and day; ORCE holds a date. Year 1900 stands for "no year known".
 */

const NO_YEAR = "1900"
const isoDate = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))

const isMonthDay = (month: number | null, day: number | null): boolean =>
  month !== null && day !== null && Number.isInteger(month) && Number.isInteger(day) &&
  month >= 1 && month <= 12 && day >= 1 && day <= 31

/**
 * The birth date to send, or undefined to leave it out: a blank (or zero) month or day never clears
 * ORCE's date. ORCE's own year is kept when it holds one, so OACS never overwrites a real year with 1900.
 * Feb 29 is sent as is even when the year is not a leap year (1900 is not): OACS has no year to check it
 * against, and ORCE is what stores it.
 */
export const toOrceBirthDate = (
  month: number | null,
  day: number | null,
  existingBirthDate: string | undefined
): string | undefined => {
  if (!isMonthDay(month, day)) return undefined
  const existingYear = existingBirthDate === undefined ? undefined : isoDate.exec(existingBirthDate)?.[1]
  const year = existingYear !== undefined && existingYear !== "0000" ? existingYear : NO_YEAR
  return `${year}-${pad2(month as number)}-${pad2(day as number)}`
}

/** ORCE → OACS: month and day of ORCE's date; both null when ORCE has none or one OACS could not hold. */
export const fromOrceBirthDate = (
  birthDate: string | undefined
): { readonly birthMonth: number | null; readonly birthDay: number | null } => {
  const match = birthDate === undefined ? null : isoDate.exec(birthDate)
  const month = match ? Number(match[2]) : null
  const day = match ? Number(match[3]) : null
  return isMonthDay(month, day) ? { birthMonth: month, birthDay: day } : { birthMonth: null, birthDay: null }
}
