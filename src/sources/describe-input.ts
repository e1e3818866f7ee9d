import { createHash } from "node:crypto"
import { createReadStream } from "node:fs"
import { Effect } from "effect"
import type { RunInput } from "../runs/run-ledger.ts"
import { CsvFileError } from "./csv/read-csv.ts"

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
      return { path, bytes, sha256: hash.digest("hex") }
    },
    catch: () => new CsvFileError({ path, message: `Cannot read ${path}; check that the file exists.` })
  })
