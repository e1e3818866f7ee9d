/**
 * Splits CSV text into records before any field is parsed, so that one malformed record can be rejected
 * alone and the rest of the file still read (VAL-8). A line ends at CRLF, LF or a lone CR, as exports of
 * every system end them, and each counts one line; a record ends at a line end outside quotes.
 */

export interface RawRecord {
  /** 1-based line on which the record starts. */
  readonly line: number
  /** Physical lines the record spans (quoted line breaks make it more than one). */
  readonly lineCount: number
  readonly text: string
}

/** A quoted field longer than this many lines is taken for a quote that was never closed. */
export const maxLinesPerRecord = 50

/** A line end, kept by `split` beside the lines it ends. */
const lineEnd = /(\r\n|\r|\n)/

const countQuotes = (text: string) => {
  let count = 0
  for (let at = text.indexOf("\""); at !== -1; at = text.indexOf("\"", at + 1)) count++
  return count
}

/**
 * Incremental splitter: push text as it is decoded, take the records that are complete. `finish` hands
 * back what is left at the end of the input.
 */
export class RecordSplitter {
  #carry = ""
  #nextLine = 1
  /** The lines of the record still open (inside quotes) and the end that follows each. */
  #open: Array<string> = []
  #ends: Array<string> = []
  #openQuotes = 0

  push(text: string): Array<RawRecord> {
    const out: Array<RawRecord> = []
    const all = this.#carry + text
    if (!all.includes("\r")) {
      const lines = all.split("\n")
      this.#carry = lines.pop()!
      for (const line of lines) this.#line(line, "\n", out)
      return out
    }
    // A CR that ends the text may be the first half of a CRLF whose LF comes with the next text: it stays
    // with its line, to be read with that text.
    const held = all.endsWith("\r")
    const parts = (held ? all.slice(0, -1) : all).split(lineEnd)
    this.#carry = held ? `${parts.pop()!}\r` : parts.pop()!
    for (let at = 0; at < parts.length; at += 2) this.#line(parts[at]!, parts[at + 1]!, out)
    return out
  }

  finish(): Array<RawRecord> {
    const out: Array<RawRecord> = []
    if (this.#carry !== "") this.#line(this.#carry.endsWith("\r") ? this.#carry.slice(0, -1) : this.#carry, "\n", out)
    this.#carry = ""
    // Still inside quotes at the end of the input: the quote was never closed.
    if (this.#open.length > 0) this.#unclosed(out)
    return out
  }

  /** A malformed multi-line record: blame its first line and read the following lines again as records. */
  reread(record: RawRecord): Array<RawRecord> {
    const out: Array<RawRecord> = []
    const parts = record.text.split(lineEnd)
    const saved = { open: this.#open, ends: this.#ends, quotes: this.#openQuotes, next: this.#nextLine }
    this.#open = []
    this.#ends = []
    this.#openQuotes = 0
    this.#nextLine = record.line + 1
    for (let at = 2; at < parts.length; at += 2) this.#line(parts[at]!, parts[at + 1] ?? "\n", out)
    if (this.#open.length > 0) this.#unclosed(out)
    this.#open = saved.open
    this.#ends = saved.ends
    this.#openQuotes = saved.quotes
    this.#nextLine = saved.next
    return out
  }

  /** Reads one line; `end` is the line end that followed it. */
  #line(line: string, end: string, out: Array<RawRecord>) {
    const quotes = countQuotes(line)
    if (this.#open.length === 0 && quotes % 2 === 0) {
      // A record of one line, as most are; a blank line between records holds no record.
      if (line !== "") out.push({ line: this.#nextLine, lineCount: 1, text: line })
      this.#nextLine++
      return
    }
    this.#open.push(line)
    this.#ends.push(end)
    this.#openQuotes += quotes
    this.#nextLine++
    if (this.#openQuotes % 2 === 0) {
      const lineCount = this.#open.length
      out.push({ line: this.#nextLine - lineCount, lineCount, text: this.#openText() })
      this.#open = []
      this.#ends = []
      this.#openQuotes = 0
    } else if (this.#open.length >= maxLinesPerRecord) {
      this.#unclosed(out)
    }
  }

  /**
   * The open record's text. Inside quotes a line end is data: a CRLF is read as LF, as it always was, and a
   * lone CR is kept.
   */
  #openText(): string {
    let text = this.#open[0]!
    for (let at = 1; at < this.#open.length; at++) text += (this.#ends[at - 1] === "\r" ? "\r" : "\n") + this.#open[at]!
    return text
  }

  /** Emits the open record's first line alone (it will fail to parse) and re-reads the lines after it. */
  #unclosed(out: Array<RawRecord>) {
    const lines = this.#open
    const ends = this.#ends
    const start = this.#nextLine - lines.length
    this.#open = []
    this.#ends = []
    this.#openQuotes = 0
    out.push({ line: start, lineCount: 1, text: lines[0]! })
    this.#nextLine = start + 1
    // The lines after it are read again; one may open a quote that then waits for more input as usual.
    for (let at = 1; at < lines.length; at++) this.#line(lines[at]!, ends[at]!, out)
  }
}
