import { createWriteStream, mkdirSync } from "node:fs"
import { dirname } from "node:path"
import { once } from "node:events"
import { Effect } from "effect"
import { ReportError } from "./report-error.ts"

/** An append-only file of lines that waits for the disk when its buffer is full (bounded memory, REL-3). */
export const openLineWriter = (path: string) =>
  Effect.acquireRelease(
    Effect.try({
      try: () => {
        mkdirSync(dirname(path), { recursive: true })
        return createWriteStream(path)
      },
      catch: (cause) => new ReportError({ path, message: `Cannot write ${path}: ${String(cause)}` })
    }),
    (stream) => Effect.promise(() => new Promise<void>((resolve) => stream.end(resolve)))
  ).pipe(
    Effect.map((stream) => ({
      /** Writes the lines, each followed by a line break. */
      write: (lines: ReadonlyArray<string>) =>
        lines.length === 0 ? Effect.void : Effect.tryPromise({
          try: async () => {
            if (!stream.write(lines.join("\n") + "\n")) await once(stream, "drain")
          },
          catch: (cause) => new ReportError({ path, message: `Cannot write ${path}: ${String(cause)}` })
        })
    }))
  )
