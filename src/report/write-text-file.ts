import { mkdirSync, writeFileSync } from "node:fs"
import { Effect } from "effect"
import { ReportError } from "./report-error.ts"

/** Creates a report's directory (and its parents) when it is not there yet. */
export const makeReportDirectory = (directory: string) =>
  Effect.try({
    try: () => void mkdirSync(directory, { recursive: true }),
    catch: (cause) => new ReportError({ path: directory, message: `Cannot create ${directory}: ${String(cause)}` })
  })

/** Writes a whole report file at once: for files whose size the report bounds (report.json, the HTML page). */
export const writeTextFile = (path: string, text: string) =>
  Effect.try({
    try: () => writeFileSync(path, text),
    catch: (cause) => new ReportError({ path, message: `Cannot write ${path}: ${String(cause)}` })
  })
