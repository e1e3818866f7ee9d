import { readdirSync, readFileSync } from "node:fs"

/** A process's state letter and parent PID from /proc (Linux), or undefined once it is gone. */
const statOf = (pid: number) => {
  try {
    // The command name in parentheses may hold blanks: the fields after it are what counts.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ")
    return { state: fields[0]!, parent: Number(fields[1]) }
  } catch {
    return undefined
  }
}

/** Whether the process still runs; a zombie no one has reaped yet has ended. */
export const isRunning = (pid: number): boolean => {
  const stat = statOf(pid)
  return stat !== undefined && stat.state !== "Z"
}

/** The PIDs of every process descended from `pid`, children first. */
export const descendantsOf = (pid: number): ReadonlyArray<number> => {
  const children = new Map<number, Array<number>>()
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    const stat = statOf(Number(entry))
    if (stat !== undefined) children.set(stat.parent, [...(children.get(stat.parent) ?? []), Number(entry)])
  }
  const found: Array<number> = []
  const queue = [pid]
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child)
      queue.push(child)
    }
  }
  return found
}
