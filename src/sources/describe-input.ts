import { createHash } from "node:crypto"
import { open } from "node:fs/promises"
import { Effect } from "effect"
import type { RunInput } from "../runs/run-ledger.ts"
import { SourceError } from "./record-source.ts"

/** Bytes hashed per read. */
const readBytes = 1024 * 1024

/**
 * Size and SHA-256 of an input file, for the run's report (RPT-1). The file is read into one buffer, over
 * and over: a stream would leave a buffer per read for the collector, tens of megabytes on a large
 * export, at the start of a load.
 */
export const describeInput = (path: string) =>
  Effect.tryPromise({
    try: async (): Promise<RunInput> => {
      const hash = createHash("sha256")
      const buffer = Buffer.allocUnsafeSlow(readBytes)
      const file = await open(path)
      let bytes = 0
      try {
        for (;;) {
          const { bytesRead } = await file.read(buffer, 0, readBytes, null)
          if (bytesRead === 0) break
          bytes += bytesRead
          hash.update(buffer.subarray(0, bytesRead))
        }
      } finally {
        await file.close()
      }
      return { source: path, bytes, sha256: hash.digest("hex") }
    },
    catch: () => new SourceError({ source: path, message: `Cannot read ${path}; check that the file exists.` })
  })
