import { hostname } from "node:os"

/** The merge batches this process is running now, by run ID. */
const running = new Set<string>()

export const thisHost = hostname()

/** How long a batch on another host stays alive without committing a set. */
export const leaseMs = 10 * 60_000

export const batchStarted = (runId: string) => running.add(runId)
export const batchEnded = (runId: string) => running.delete(runId)

const processAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process is there, only not ours to signal.
    return (error as NodeJS.ErrnoException).code === "EPERM"
  }
}

/** What the ledger knows of a batch that holds requests. */
export interface BatchHolder {
  readonly runId: string
  readonly status: string | null
  readonly host: string | null
  readonly pid: number | null
  readonly heartbeatAt: Date | null
}

/**
 * Whether a batch that holds requests is still running (MRG-9). On this host the process decides: it is
 * gone after a crash or `kill -9`, and in this process the batch must be one that has not ended. On another
 * host only the heartbeat can tell, with a lease.
 */
export const isAlive = (batch: BatchHolder, now: Date) => {
  if (batch.status !== "running" || batch.pid === null || batch.host === null) return false
  if (batch.host === thisHost) return batch.pid === process.pid ? running.has(batch.runId) : processAlive(batch.pid)
  return batch.heartbeatAt !== null && now.getTime() - batch.heartbeatAt.getTime() < leaseMs
}
