import type { StepProgress } from "../batch/progress.ts"

/**
 * A one-line progress bar on standard error when it is a terminal; silent otherwise, so logs and pipes
 * stay clean and the plain summary at the end says it all.
 */
export interface Progress {
  readonly update: (done: number, fraction?: number) => void
  readonly finish: () => void
}

const width = 28
const quiet: Progress = { update: () => {}, finish: () => {} }

export const progressBar = (label: string, unit: string, stream: NodeJS.WriteStream = process.stderr): Progress => {
  if (!stream.isTTY) return quiet
  const started = performance.now()
  let last = 0
  let drawn = false
  const draw = (done: number, fraction: number | undefined) => {
    const seconds = (performance.now() - started) / 1000
    const rate = seconds > 0 ? Math.round(done / seconds) : 0
    const bar = fraction === undefined
      ? ""
      : `[${"#".repeat(Math.round(fraction * width)).padEnd(width, "-")}] ${Math.floor(fraction * 100)}% `
    stream.write(`\r${label} ${bar}${done.toLocaleString("en-US")} ${unit} (${rate.toLocaleString("en-US")}/s)\x1b[K`)
    drawn = true
  }
  return {
    update: (done, fraction) => {
      const now = performance.now()
      if (now - last < 100) return
      last = now
      draw(done, fraction)
    },
    finish: () => {
      if (drawn) stream.write("\r\x1b[K")
    }
  }
}

const stepLabels: Record<string, string> = { "load-customers": "loading", "load-profiles": "loading profiles", sync: "synchronizing" }

/**
 * The progress of a job's steps, one bar at a time: a step's bar replaces the one before when the step starts
 * reporting. Given to the steps as the batch core's Progress.
 */
export const stepProgress = () => {
  let current: { readonly step: string; readonly bar: Progress } | undefined
  return {
    update: ({ done, fraction, step, unit }: StepProgress) => {
      if (current?.step !== step) {
        current?.bar.finish()
        current = { step, bar: progressBar(stepLabels[step] ?? step, unit) }
      }
      current.bar.update(done, fraction)
    },
    finish: () => current?.bar.finish()
  }
}
