import type { ChildProcess } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { parse } from "csv-parse/sync"
import { tempPath } from "./files.ts"

/** A CLI run's own embedded database, log and reports, and the ORCE token of the mocks. */
export const isolatedDirs = () => {
  const dataDir = tempPath("db")
  const reportsDir = tempPath("reports")
  const logFile = tempPath("orce-sync.log")
  return {
    dataDir,
    reportsDir,
    logFile,
    env: {
      ORCE_SYNC_DATA_DIR: dataDir,
      ORCE_SYNC_REPORTS_DIR: reportsDir,
      ORCE_SYNC_LOG_FILE: logFile,
      ORCE_SYNC_ORCE_TOKEN: "mock-orce-token"
    }
  }
}

export interface Exited {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** Collects a spawned child's output; resolves when it has exited. Call right after spawning. */
export const whenExited = (child: ChildProcess): Promise<Exited> =>
  new Promise((resolve, reject) => {
    let stdout = ""
    let stderr = ""
    child.stdout?.on("data", (chunk) => (stdout += chunk))
    child.stderr?.on("data", (chunk) => (stderr += chunk))
    child.on("error", reject)
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }))
  })

/** Polls until `condition` holds; fails naming `what` after `timeoutMs` (generous: this is no timing assert). */
export const waitFor = async (what: string, condition: () => boolean, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** report.json of a run, when the run wrote one. */
export const readReportJson = (reportsDir: string, runId: string): unknown => {
  const path = join(reportsDir, runId, "report.json")
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : undefined
}

/** outcomes.csv of a run as rows keyed by its header. */
export const readOutcomesCsv = (reportsDir: string, runId: string): ReadonlyArray<Record<string, string>> => {
  return parse(readFileSync(join(reportsDir, runId, "outcomes.csv")), { columns: true, bom: true }) as Array<Record<string, string>>
}

/** What a run says on standard error when nothing went wrong: that it started (or resumed), with its ID. */
export const onlyStartedOrResumed = /^(Run [\w-]+ started; if it stops, continue it with: orce-sync resume [\w-]+\n|Run [\w-]+ resumed\.\n)$/
