/** Numbers as a person reads them in a summary: 1,234,567, and "1 chunk" but "2 chunks". */
export { formatCount as count, formatCountOf as plural } from "../report/html-text.ts"
