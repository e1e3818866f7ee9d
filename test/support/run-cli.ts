import { spawn } from "node:child_process"
import { join } from "node:path"
import { nodeOptions } from "../../src/cli/node-options.ts"

const main = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts")

export interface CliResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Starts the real CLI in a child process and hands it back, for commands that run until stopped. */
export const spawnCli = (args: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("ORCE_SYNC_")))
  return spawn(process.execPath, [...nodeOptions, main, ...args], { env: { ...inherited, ...env }, stdio: ["ignore", "pipe", "pipe"] })
}

/** Runs the real CLI in a child process, as a user would, with no ORCE_SYNC_* variables of the caller. */
export const runCli = (args: ReadonlyArray<string>, env: Record<string, string> = {}): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const child = spawnCli(args, env)
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.on("error", reject)
    child.on("close", (code) => resolve({ code, stdout, stderr }))
  })
