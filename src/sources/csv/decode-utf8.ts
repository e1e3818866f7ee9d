/**
 * Decodes a CSV file's bytes as UTF-8 a piece at a time, marking the lines that are not UTF-8 so that
 * their records can be rejected (VAL-8). A U+FFFD the file spells out (EF BF BD) is text like any other:
 * a decoder that replaces invalid bytes with U+FFFD could not tell the two apart, so the bytes are
 * checked before they are decoded.
 */
import { isUtf8 } from "node:buffer"

/**
 * Put in a line that holds bytes that are not UTF-8. A lone surrogate, which no decoding of bytes
 * yields, so no file can spell it; it is no quote or line end, so the records split as they would without it.
 */
export const invalidUtf8Mark = "\uDFFF"

const lineFeed = 0x0a
const carriageReturn = 0x0d

/**
 * The end of the whole characters in `bytes[0, end)`: `end`, or the start of a character cut by it, so
 * that a piece decoded alone never splits one. Bytes that cannot start a character are left to be
 * found invalid.
 */
export const wholeCharactersEnd = (bytes: Uint8Array, end: number): number => {
  for (let at = end - 1; at >= Math.max(end - 4, 0); at--) {
    const byte = bytes[at]!
    if ((byte & 0xc0) === 0x80) continue // a continuation byte: its character starts further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
    return at + length > end ? at : end
  }
  return end
}

/** Decodes whole characters; a line holding bytes that are not UTF-8 holds `invalidUtf8Mark` too. */
export const decodeUtf8 = (bytes: Buffer): string => isUtf8(bytes) ? bytes.toString("utf8") : decodeMarking(bytes)

const decodeMarking = (bytes: Buffer): string => {
  let text = ""
  let start = 0
  for (let at = 0; at <= bytes.length; at++) {
    // CR and LF are single bytes in UTF-8 and inside no other character: lines are cut at them as bytes.
    if (at < bytes.length && bytes[at] !== lineFeed && bytes[at] !== carriageReturn) continue
    const line = bytes.subarray(start, at)
    text += isUtf8(line) ? line.toString("utf8") : invalidUtf8Mark + line.toString("utf8")
    if (at < bytes.length) text += bytes[at] === lineFeed ? "\n" : "\r"
    start = at + 1
  }
  return text
}
