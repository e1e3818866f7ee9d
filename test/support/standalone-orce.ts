import type { FaultConfig } from "../../mock-orce/faults.ts"
import { mockOrceHandlers } from "../../mock-orce/handlers.ts"
import { droppedConnection, MockOrce } from "../../mock-orce/mock-orce.ts"
import { startMockOrceServer } from "../../mock-orce/server.ts"
import type { OrceSnapshot } from "../../mock-orce/snapshot.ts"
import type { TrafficEntry } from "../../mock-orce/traffic.ts"
import { knownBody } from "../../src/orce/known-bodies.ts"

export const mockToken = "mock-orce-token"

/**
 * Which requests a gate holds: from the `from`-th request of the kind on (1-based, in arrival order).
 * `apply: false` holds them before ORCE sees them (they are dropped, never applied, when released);
 * `apply: true` lets ORCE apply them and holds their answers.
 */
export interface HoldRule {
  readonly kind: "any" | "add-or-update"
  readonly from: number
  readonly apply: boolean
}

export interface StandaloneOrce {
  readonly url: string
  readonly mock: MockOrce
  /** Starts holding requests by the rule; counting starts from the requests seen so far. */
  readonly hold: (rule: HoldRule) => void
  /** Requests held so far under the current rule. */
  readonly held: () => number
  /** Ends the hold: held requests not applied are dropped, held answers are sent (to whoever still listens). */
  readonly release: () => void
  /** The exchanges ORCE answered, oldest first (admin and held-before-ORCE requests are not in it). */
  readonly journal: () => ReadonlyArray<TrafficEntry>
  readonly state: () => OrceSnapshot
  readonly close: () => Promise<void>
}

const isAddOrUpdate = (request: Request) => request.method === "POST" && addOrUpdateElement.test(knownBody(request) ?? "")
const addOrUpdateElement = /<(\w+:)?addOrUpdateCustomer[\s>]/

/**
 * The standalone mock ORCE (the same node:http server as `orce-sync mock-orce`) in the test process, so its
 * state outlives a child process that is killed, and a test can hold requests at a chosen point to make a
 * kill land exactly there.
 */
export const startStandaloneOrce = async (options: { readonly faults?: FaultConfig } = {}): Promise<StandaloneOrce> => {
  const mock = new MockOrce({ token: mockToken, ...(options.faults === undefined ? {} : { faults: options.faults }) })
  const original = mock.handle.bind(mock)
  let rule: HoldRule | undefined
  let seen = { any: 0, "add-or-update": 0 }
  let held = 0
  let release: () => void = () => {}
  let released = Promise.resolve()

  mock.handle = async (request: Request): Promise<Response> => {
    if (new URL(request.url).pathname.startsWith("/__admin")) return original(request)
    seen = { any: seen.any + 1, "add-or-update": seen["add-or-update"] + (isAddOrUpdate(request) ? 1 : 0) }
    const current = rule
    const matches = current !== undefined && (current.kind === "any" || isAddOrUpdate(request)) &&
      seen[current.kind] >= current.from
    if (!matches) return original(request)
    const wait = released
    if (current.apply) {
      const response = await original(request)
      held++
      await wait
      return response
    }
    held++
    await wait
    return droppedConnection()
  }

  const server = await startMockOrceServer(mockOrceHandlers(mock), { port: 0, host: "127.0.0.1", handlerBaseUrl: mock.baseUrl })
  return {
    url: server.url,
    mock,
    hold: (next) => {
      release()
      rule = { ...next, from: next.from + seen[next.kind] }
      held = 0
      released = new Promise((resolve) => (release = resolve))
    },
    held: () => held,
    release: () => {
      rule = undefined
      release()
    },
    journal: () => mock.traffic.journal(),
    state: () => mock.store.exportSnapshot(),
    close: async () => {
      rule = undefined
      release()
      await server.close()
      await mock.traffic.close()
    }
  }
}
