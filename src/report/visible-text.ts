/**
 * Text from data as a person may safely see it: every control character — C0 (ESC, CR, LF, …), DEL, C1
 * — and the Unicode controls that reorder or break a line (bidi marks, embeddings, overrides and isolates,
 * line and paragraph separators) or that hide in it (zero-width space, word joiner, invisible operators,
 * byte order mark) shown as an escape such as `\x1b`, `\u202e` or `\u200b`. A value like `1213\e[2J`
 * then reads `1213\x1b[2J` on a terminal, in a spreadsheet or on the report page instead of clearing the
 * screen or reordering what follows, two names that differ only by an invisible character look different,
 * and nothing a value held is lost from sight. The zero-width (non-)joiners stay: words of several scripts
 * are spelt with them.
 */

const controls = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/
const controlsButTab = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/

/** What JSON.stringify leaves raw: C0 controls it escapes in strings (the raw ones left are its line breaks). */
const controlsJsonKeeps = /[\u007f-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g

/** A test first: most values hold no control, and a test costs far less than a replace (millions of cells). */
const matcher = (set: RegExp) => ({ any: set, each: new RegExp(set.source, "g") })
const withTab = matcher(controls)
const withoutTab = matcher(controlsButTab)

const escapeOf = (control: string) => {
  const code = control.charCodeAt(0)
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`
}

/**
 * `text` with its controls shown as escapes. A tab is kept where the format shows it as what it is (a CSV
 * cell); elsewhere (a terminal, an HTML page, which would show it as a space) it is escaped too.
 */
export const visibleText = (text: string, options?: { readonly keepTab?: boolean }): string => {
  const { any, each } = options?.keepTab === true ? withoutTab : withTab
  return any.test(text) ? text.replace(each, escapeOf) : text
}

/**
 * JSON text from JSON.stringify whose strings hold no raw control: it escapes C0 controls itself; DEL, C1
 * and the Unicode controls become `\u` escapes too, which a JSON reader decodes to the very same value,
 * while `cat report.json` on a terminal shows them as text. These can only stand inside strings.
 */
export const jsonWithEscapedControls = (json: string): string =>
  json.replace(controlsJsonKeeps, (control) => `\\u${control.charCodeAt(0).toString(16).padStart(4, "0")}`)

