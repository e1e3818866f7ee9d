/**
 * Text written as UTF-8 into one buffer as it comes: a chunk's COPY lines, or its index. The buffer is
 * the chunk's own, never a slice of Node's shared pool, because it is handed to another thread; it
 * starts at the size the caller expects and doubles when a piece might not fit.
 */
export class TextBuffer {
  #bytes: Buffer<ArrayBuffer>
  #length = 0

  constructor(expectedBytes: number) {
    this.#bytes = Buffer.allocUnsafeSlow(Math.max(expectedBytes, 16 * 1024))
  }

  write(text: string) {
    // A UTF-16 code unit takes at most three bytes of UTF-8.
    const room = text.length * 3
    if (this.#length + room > this.#bytes.length) {
      const larger = Buffer.allocUnsafeSlow(Math.max(this.#bytes.length * 2, this.#length + room))
      larger.set(this.#bytes.subarray(0, this.#length))
      this.#bytes = larger
    }
    this.#length += this.#bytes.write(text, this.#length)
  }

  get length() {
    return this.#length
  }

  /** The text written, as a view of the buffer: handing it over hands over the whole buffer. */
  text(): Uint8Array<ArrayBuffer> {
    return this.#bytes.subarray(0, this.#length)
  }
}
