import { Exit } from "effect"
import { answer, type Answer, errorAnswer } from "./http-json.ts"
import { decodeSnapshot } from "./snapshot.ts"
import type { OrceStore } from "./store.ts"
import type { TrafficLog } from "./traffic.ts"

/**
 * The admin API under /__admin, so QA can verify what a run sent. Admin requests are neither faulted nor
 * journalled: checking a run must not change what the run sees.
 *
 *   POST /__admin/reset            body: a snapshot, or nothing for an empty store; clears the journal
 *   GET  /__admin/state            the state as a snapshot
 *   GET  /__admin/journal?since=N  journal entries with sequence > N
 *   GET  /__admin/calls?operation=addOrUpdateCustomer&customerId=…   { "count": n }
 */

export const adminSegment = "__admin"

export const runAdmin = (
  store: OrceStore,
  traffic: TrafficLog,
  method: string,
  action: string | undefined,
  query: URLSearchParams,
  body: unknown
): Answer => {
  const route = `${method} ${action ?? ""}`
  switch (route) {
    case "POST reset": {
      if (body === undefined) {
        store.reset()
      } else {
        const decoded = decodeSnapshot(body)
        if (Exit.isFailure(decoded)) return errorAnswer(400, "BAD_REQUEST", "Request body is not a valid snapshot")
        store.reset(decoded.value)
      }
      traffic.clear()
      return answer(200, { customers: store.size })
    }
    case "GET state":
      return answer(200, store.exportSnapshot())
    case "GET journal": {
      const since = Number(query.get("since") ?? "0")
      return answer(200, { entries: traffic.journal().filter((entry) => entry.sequence > since) })
    }
    case "GET calls": {
      const operation = query.get("operation")
      const customerId = query.get("customerId")
      if (operation === null || customerId === null) {
        return errorAnswer(400, "BAD_REQUEST", "Give both operation and customerId")
      }
      return answer(200, { count: traffic.countCalls(operation, customerId) })
    }
    default:
      return errorAnswer(404, "NOT_FOUND", `No admin operation ${route}`)
  }
}
