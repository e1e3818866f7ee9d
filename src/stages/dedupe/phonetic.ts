import { doubleMetaphone } from "double-metaphone"

/**
 * The primary Double Metaphone code of a name (SMITH and SMYTH → SM0), "" for a blank one. The npm package
 * `double-metaphone` (wooorm) implements Philips' published rules; codes are computed once per record,
 * never per pair, so its speed is no concern.
 */
export const soundOf = (name: string): string => (name === "" ? "" : doubleMetaphone(name)[0])
