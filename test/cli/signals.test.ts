import { afterAll, afterEach, describe, expect, it } from "vitest"
import { type ChildProcess, spawn, type SpawnOptions } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { delimiter, dirname, join } from "node:path"
import { nodeOptions } from "../../src/cli/node-options.ts"
import { isolatedDirs, readReportJson, waitFor } from "../support/cli-run.ts"
import { cleanRow, customersCsv } from "../support/customers-csv.ts"
import { tempFile } from "../support/files.ts"
import { descendantsOf, isRunning } from "../support/processes.ts"
import { type StandaloneOrce, startStandaloneOrce } from "../support/standalone-orce.ts"

/**
 * REL-2 from every documented way of starting a run (README: `npm start`, `npm run orce-sync`,
 * bin/orce-sync.js, which on a Node older than 24 hands over to the bundled Node 24): the signal goes to the
 * PID the user started, as `kill` or a process manager sends it, not to the process group. The run, held by
 * the mock ORCE in its second chunk, must roll back, write the partial report and exit 130, the starter with
 * it, and no process of the run may stay behind.
 */

const root = join(import.meta.dirname, "..", "..")
const bin = join(root, "bin", "orce-sync.js")
const pretendNode22 = join(root, "test", "support", "pretend-node-22.ts")
const chunkSize = 10
const csv = tempFile(customersCsv(Array.from({ length: 30 }, (_, i) => cleanRow(1001 + i))))
const testTimeout = 120_000

/** The environment of a user's shell: none of this test run's npm or ORCE_SYNC_ variables. */
const userEnvironment = (env: Record<string, string>) => ({
  ...Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("ORCE_SYNC_") && !key.startsWith("npm_"))
  ),
  npm_config_update_notifier: "false",
  ...env
})

type Starter = (args: ReadonlyArray<string>, env: Record<string, string>) => ChildProcess

const options = (env: Record<string, string>): SpawnOptions => ({ cwd: root, env: userEnvironment(env), stdio: ["ignore", "pipe", "pipe"] })

const starters: Record<string, Starter> = {
  "npm start": (args, env) => spawn("npm", ["start", "--", ...args], options(env)),
  "npm run orce-sync": (args, env) => spawn("npm", ["run", "orce-sync", "--", ...args], options(env)),
  "bin/orce-sync.js on Node 24": (args, env) =>
    spawn(bin, args, options({ ...env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}` })),
  "bin/orce-sync.js handing over to the bundled Node": (args, env) =>
    spawn(process.execPath, [...nodeOptions, "--import", pretendNode22, bin, ...args], options(env))
}

interface Ended {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly output: () => string
}

/** Resolves when the starter itself has exited — not when its output closes, which an orphaned run keeps open. */
const endOf = (child: ChildProcess): Promise<Ended> => {
  let output = ""
  child.stdout?.on("data", (chunk) => (output += chunk))
  child.stderr?.on("data", (chunk) => (output += chunk))
  return new Promise((resolve, reject) => {
    child.on("error", reject)
    child.on("exit", (code, signal) => resolve({ code, signal, output: () => output }))
  })
}

const sawChunkCommitted = (logFile: string) =>
  existsSync(logFile) && readFileSync(logFile, "utf8").split("\n").some((line) => line.includes(`"msg":"chunk committed"`) && line.includes(`"step":"sync"`))

const started: Array<StandaloneOrce> = []
let strays: ReadonlyArray<number> = []

afterEach(() => {
  // A run left behind by a failed test would wait on the held ORCE for good.
  for (const pid of strays.filter(isRunning)) process.kill(pid, "SIGKILL")
  strays = []
})

afterAll(async () => {
  await Promise.all(started.map((orce) => orce.close()))
})

/**
 * Starts the export the given way, waits until its first chunk is committed and ORCE holds a request of the
 * second, sends `signal` to the starter's PID, and answers how the starter ended, once every process of
 * the run has ended too, with the run's report.
 */
const interrupt = async (starter: Starter, signal: NodeJS.Signals) => {
  const orce = await startStandaloneOrce()
  started.push(orce)
  orce.hold({ kind: "add-or-update", from: chunkSize + 5, apply: false })
  const dirs = isolatedDirs()
  const child = starter(["export", csv, "--orce-url", orce.url, "--chunk-size", String(chunkSize)], {
    ...dirs.env,
    ORCE_SYNC_LOG_LEVEL: "debug"
  })
  let ended: Ended | undefined
  const end = endOf(child).then((result) => (ended = result))
  await waitFor("the sync to start and ORCE to hold a request of its second chunk", () => {
    if (ended !== undefined) throw new Error(`The run ended (exit ${ended.code}) before ORCE held it:\n${ended.output()}`)
    return orce.held() > 0 && sawChunkCommitted(dirs.logFile)
  })
  const processes = [child.pid!, ...descendantsOf(child.pid!)]
  strays = processes
  process.kill(child.pid!, signal)
  const exit = await end
  await waitFor(`every process of the run to end (${processes.join(", ")})`, () => !processes.some(isRunning), 30_000)
  orce.release()
  const runs = existsSync(dirs.reportsDir) ? readdirSync(dirs.reportsDir) : []
  expect(runs, exit.output()).toHaveLength(1)
  return { exit, report: readReportJson(dirs.reportsDir, runs[0]!) }
}

describe("a run stopped by a signal to the process the user started (REL-2)", () => {
  it.each([
    ["npm start", "SIGTERM"],
    ["npm run orce-sync", "SIGINT"],
    ["bin/orce-sync.js on Node 24", "SIGHUP"],
    ["bin/orce-sync.js handing over to the bundled Node", "SIGTERM"],
    ["bin/orce-sync.js handing over to the bundled Node", "SIGHUP"]
  ] as const)("REL-2 %s, %s: the run rolls back, writes its partial report and exits 130, and so does the starter", async (way, signal) => {
    const { exit, report } = await interrupt(starters[way]!, signal)
    expect({ code: exit.code, signal: exit.signal }, exit.output()).toEqual({ code: 130, signal: null })
    expect(report).toMatchObject({ status: "interrupted", partial: true })
  }, testTimeout)

  it("REL-2 npm start, SIGHUP, which npm does not pass on: npm dies of it, and the run stops by itself with a partial report", async () => {
    const { exit, report } = await interrupt(starters["npm start"]!, "SIGHUP")
    expect(exit.signal, exit.output()).toBe("SIGHUP")
    expect(report).toMatchObject({ status: "interrupted", partial: true })
  }, testTimeout)

  it("REL-2 bin/orce-sync.js handing over, SIGKILL, which no process can pass on: the run stops by itself with a partial report", async () => {
    const { exit, report } = await interrupt(starters["bin/orce-sync.js handing over to the bundled Node"]!, "SIGKILL")
    expect(exit.signal, exit.output()).toBe("SIGKILL")
    expect(report).toMatchObject({ status: "interrupted", partial: true })
  }, testTimeout)
})
