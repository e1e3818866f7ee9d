#!/usr/bin/env -S node --max-semi-space-size=32 --no-wasm-code-gc
// The CLI is TypeScript that Node 24 runs as is (type stripping). On an older Node, hand over to the
// Node 24 that the `node` dev dependency installed, with the same Node options (src/cli/node-options.ts says
// why; package.json's scripts start Node the same way).
import { spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { constants } from "node:os"
import { fileURLToPath } from "node:url"

const main = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url))
const [major] = process.versions.node.split(".").map(Number)
if (major >= 24) {
  await import(main)
} else {
  const bundled = fileURLToPath(new URL("../node_modules/node/bin/node", import.meta.url))
  if (!existsSync(bundled)) {
    console.error(`orce-sync needs Node 24; this is Node ${process.versions.node}. Run npm ci first, or install Node 24.`)
    process.exit(2)
  }
  // A user or a process manager signals the PID it started, which is this one: the run, in the child, must
  // get the signal to stop cleanly, and this process must end with the run's exit code. The child also
  // stops by itself should this process die without passing a signal on (ORCE_SYNC_STARTER, src/cli/run-main.ts).
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"]
  const child = spawn(bundled, [...process.execArgv, main, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, ORCE_SYNC_STARTER: "bin/orce-sync.js" }
  })
  const passOn = (signal) => child.kill(signal)
  for (const signal of signals) process.on(signal, passOn)
  child.on("error", (error) => {
    console.error(`orce-sync could not start Node 24 (${bundled}): ${error.message}; run npm ci again.`)
    process.exit(1)
  })
  child.on("exit", (code, signal) => {
    if (signal === null) process.exit(code ?? 1)
    // The run died of a signal it does not handle: die of the same one, so the caller sees what happened.
    for (const each of signals) process.removeListener(each, passOn)
    process.exitCode = 128 + (constants.signals[signal] ?? 0)
    process.kill(process.pid, signal)
  })
}
