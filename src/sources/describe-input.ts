import { createHash } from "node:crypto"
import { createReadStream } from "node:fs"
import { Effect } from "effect"
import type { RunInput } from "../runs/run-ledger.ts"
import { SourceError } from "./record-source.ts"

/** Size and SHA-256 of an input file, for the run's report (RPT-1). */
export const describeInput = (path: string) =>
  Effect.tryPromise({
    try: async (): Promise<RunInput> => {
      const hash = createHash("sha256")
      let bytes = 0
      for await (const chunk of createReadStream(path)) {
        bytes += (chunk as Buffer).length
        hash.update(chunk as Buffer)
      }
      return { source: path, bytes, sha256: hash.digest("hex") }
    },
    catch: () => new SourceError({ source: path, message: `Cannot read ${path}; check that the file exists.` })
  })
