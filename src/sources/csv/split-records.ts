/**
 * Splits CSV text into records before any field is parsed, so that one malformed record can be rejected
 * alone and the rest of the file still read (VAL-8). A record ends at a line break outside quotes.
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
  #open: Array<string> = []
  #openQuotes = 0

  push(text: string): Array<RawRecord> {
    const out: Array<RawRecord> = []
    const lines = (this.#carry + text).split("\n")
    this.#carry = lines.pop()!
    for (const line of lines) this.#line(line.endsWith("\r") ? line.slice(0, -1) : line, out)
    return out
  }

  finish(): Array<RawRecord> {
    const out: Array<RawRecord> = []
    if (this.#carry !== "") this.#line(this.#carry.endsWith("\r") ? this.#carry.slice(0, -1) : this.#carry, out)
    this.#carry = ""
    // Still inside quotes at the end of the input: the quote was never closed.
    if (this.#open.length > 0) this.#unclosed(out)
    return out
  }

  /** A malformed multi-line record: blame its first line and read the following lines again as records. */
  reread(record: RawRecord): Array<RawRecord> {
    const out: Array<RawRecord> = []
    const lines = record.text.split("\n").slice(1)
    const saved = { open: this.#open, quotes: this.#openQuotes, next: this.#nextLine }
    this.#open = []
    this.#openQuotes = 0
    this.#nextLine = record.line + 1
    for (const line of lines) this.#line(line, out)
    if (this.#open.length > 0) this.#unclosed(out)
    this.#open = saved.open
    this.#openQuotes = saved.quotes
    this.#nextLine = saved.next
    return out
  }

  #line(line: string, out: Array<RawRecord>) {
    if (line === "" && this.#open.length === 0) {
      // A blank line between records holds no record.
      this.#nextLine++
      return
    }
    this.#open.push(line)
    this.#openQuotes += countQuotes(line)
    this.#nextLine++
    if (this.#openQuotes % 2 === 0) {
      const lineCount = this.#open.length
      out.push({ line: this.#nextLine - lineCount, lineCount, text: this.#open.join("\n") })
      this.#open = []
      this.#openQuotes = 0
    } else if (this.#open.length >= maxLinesPerRecord) {
      this.#unclosed(out)
    }
  }

  /** Emits the open record's first line alone (it will fail to parse) and re-reads the lines after it. */
  #unclosed(out: Array<RawRecord>) {
    const [first, ...rest] = this.#open
    const start = this.#nextLine - this.#open.length
    this.#open = []
    this.#openQuotes = 0
    out.push({ line: start, lineCount: 1, text: first! })
    this.#nextLine = start + 1
    // The lines after it are read again; one may open a quote that then waits for more input as usual.
    for (const line of rest) this.#line(line, out)
  }
}
