/**
 * A URL's user and password, in whatever setting they were written, never reach a terminal, the run ledger or a
 * report (REL-4). They run from the scheme to the last `@` before the path, so a password holding an
 * unencoded `@`, `:` or `#` is hidden whole even where the URL does not parse.
 */
const userinfo = /\b([a-z][a-z0-9+.-]*:\/\/)[^/?\s]*@/gi

/** The text with the user and password of every URL in it replaced by "(hidden)". */
export const hideUserinfo = (text: string): string => text.replace(userinfo, "$1(hidden)@")
