import { oacsLengths } from "../stages/map/lengths.ts"
// OACS stores names and addresses upper case and in fixed lengths (MAP-3); clean generated values keep
// to both so that only the rows made dirty on purpose need truncation.

/** The OACS lengths of MAP-3, with one entry for the three address lines that share a length. */
export const oacsLength = { ...oacsLengths, addressLine: oacsLengths.address2 } as const

/** Removes accents, so that names such as MÜLLER give ASCII email addresses. */
export const foldAscii = (text: string): string => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")

/** Lower-case letters and digits only: the part of a name that goes into an email address. */
export const emailPart = (text: string): string => foldAscii(text).toLowerCase().replace(/[^a-z0-9]/g, "")

export const upper = (text: string): string => text.toUpperCase()

export const fitsIn = (max: number) => (text: string): boolean => text.length > 0 && text.length <= max
