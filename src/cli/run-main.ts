import { Runtime } from "effect"

/**
 * The signals that stop a run as Ctrl-C does: the chunk in flight is rolled back, the partial report
 * written, exit 130. SIGHUP too — a closed terminal or a process manager's stop must not kill a run mid-chunk
 * (Node resets SIGHUP to its default, so even `nohup` would not protect the run without this).
 */
const stopSignals = ["SIGINT", "SIGTERM", "SIGHUP"] as const

/** Set by bin/orce-sync.js for the Node 24 it hands over to; npm marks its scripts with npm_lifecycle_event. */
export const starterVariable = "ORCE_SYNC_STARTER"

/**
 * Whether the parent started this process to wait for it and pass on its exit: npm running a script, or
 * bin/orce-sync.js handing over to the bundled Node. Only such a parent's death means "stop": a CLI a shell
 * script starts in the background and leaves running is meant to outlive it.
 */
const parentRelaysExit = () => process.env.npm_lifecycle_event !== undefined || process.env[starterVariable] !== undefined

const parentCheckMs = 500

/**
 * Calls `onGone` once the parent has died. npm passes on SIGINT and SIGTERM but not SIGHUP, and nothing
 * passes on a SIGKILL: either leaves the run orphaned, going on with no one to report to. An orphan is
 * adopted by another process, so its parent PID changes.
 */
const whenParentGone = (onGone: () => void) => {
  const parent = process.ppid
  const timer = setInterval(() => {
    if (process.ppid === parent) return
    clearInterval(timer)
    onGone()
  }, parentCheckMs)
  timer.unref()
  return () => clearInterval(timer)
}

/**
 * Runs the CLI's main effect as NodeRuntime.runMain does, stopping it on SIGINT, SIGTERM and SIGHUP, and
 * when the process that started it and relays its exit has died.
 */
export const runMain = Runtime.makeRunMain(({ fiber, teardown }) => {
  let stopped = false
  const stop = () => {
    stopped = true
    fiber.interruptUnsafe(fiber.id)
  }
  for (const signal of stopSignals) process.on(signal, stop)
  const stopWatching = parentRelaysExit() ? whenParentGone(stop) : () => {}

  fiber.addObserver((exit) => {
    for (const signal of stopSignals) process.removeListener(signal, stop)
    stopWatching()
    teardown(exit, (code) => {
      // A run that ended well leaves when its output is flushed; one stopped or failed leaves now.
      if (stopped || code !== 0) process.exit(code)
    })
  })
})
