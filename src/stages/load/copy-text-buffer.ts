/**
 * A chunk's COPY text, written as UTF-8 into one buffer as its lines come. The buffer is the chunk's own,
 * never a slice of Node's shared pool, because it is handed to another thread; it starts at the size the
 * caller expects and doubles when a line might not fit.
 */
export class CopyTextBuffer {
  #bytes: Buffer<ArrayBuffer>
  #length = 0

  constructor(expectedBytes: number) {
    this.#bytes = Buffer.allocUnsafeSlow(Math.max(expectedBytes, 64 * 1024))
  }

  write(line: string) {
    // A UTF-16 code unit takes at most three bytes of UTF-8.
    const room = line.length * 3
    if (this.#length + room > this.#bytes.length) {
      const larger = Buffer.allocUnsafeSlow(Math.max(this.#bytes.length * 2, this.#length + room))
      larger.set(this.#bytes.subarray(0, this.#length))
      this.#bytes = larger
    }
    this.#length += this.#bytes.write(line, this.#length)
  }

  get length() {
    return this.#length
  }

  /** The text written, as a view of the buffer: handing it over hands over the whole buffer. */
  text(): Uint8Array<ArrayBuffer> {
    return this.#bytes.subarray(0, this.#length)
  }
}
