import { assert, describe, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { mockOrceHandlers } from "../../mock-orce/handlers.ts"
import { inProcessFetch } from "../../mock-orce/in-process.ts"
import { MockOrce } from "../../mock-orce/mock-orce.ts"
import { OrceClient } from "../../src/orce/client.ts"
import { makeAuthorizer } from "../../src/orce/credentials.ts"
import { defaultContractChoices } from "../../src/orce/soap/contract-choices.ts"
import { makeSoapTransport } from "../../src/orce/soap-transport.ts"
import type { Fetch } from "../../src/orce/transport.ts"
import { customerMessage } from "../mock-orce/fixtures.ts"

const token = "lost-answer-token"
const securityUserId = "SYNC_USER"

/**
 * An ORCE whose first add-or-update is carried out but whose answer is lost on the way back, as when a
 * connection drops after the request reached the server.
 */
const withLostAnswers = (lost: number) => {
  const mock = new MockOrce({ token, securityUserId })
  const fetch = inProcessFetch(mockOrceHandlers(mock))
  let toLose = lost
  const lossy: Fetch = async (input, init) => {
    const response = await fetch(input, init)
    if (init?.method === "POST" && /<v3:addOrUpdateCustomer>/.test(String(init.body)) && toLose > 0) {
      toLose--
      throw new TypeError("fetch failed: socket hang up")
    }
    return response
  }
  const client = OrceClient.make(
    makeTransport(mock.soapEndpointUrl, lossy),
    { timeoutMs: 5_000, retries: 3, concurrency: 1, retryBaseDelayMs: 1, retryMaxDelayMs: 2 }
  )
  return { mock, client }
}

const makeTransport = (endpointUrl: string, fetch: Fetch) =>
  makeSoapTransport({
    endpointUrl,
    securityUserId,
    authorizer: makeAuthorizer({ kind: "bearer", token: Redacted.make(token) }, fetch),
    choices: defaultContractChoices,
    fetch
  })

const createShaped = (mock: MockOrce) =>
  mock.traffic.journal().filter((entry) =>
    entry.operation === "addOrUpdateCustomer" &&
    (entry.requestBody as { customer: { customerId?: string } }).customer.customerId === undefined
  ).length

describe("a create whose answer was lost", () => {
  it.live("SYNC-12 is looked up by its alt keys before it is sent again, and never creates a second customer", () =>
    Effect.gen(function*() {
      const { mock, client } = withLostAnswers(1)
      const orce = yield* client
      const answer = yield* orce.addOrUpdateCustomer(customerMessage(1))
      assert.strictEqual(mock.store.size, 1)
      assert.strictEqual(createShaped(mock), 1)
      const [only] = (yield* orce.searchCustomers({ alternateKey: { type: "OROMS_ID", value: "C1" } }))
      assert.strictEqual(only?.customerId, answer.customerId)
    }))

  it.live("SYNC-12 an update whose answer was lost is simply sent again", () =>
    Effect.gen(function*() {
      const { mock, client } = withLostAnswers(0)
      const orce = yield* client
      const { customerId } = yield* orce.addOrUpdateCustomer(customerMessage(2))
      const again = withLostAnswers(1)
      again.mock.store.reset(mock.store.exportSnapshot())
      const retried = yield* (yield* again.client).addOrUpdateCustomer({ ...customerMessage(2), customerId })
      assert.deepStrictEqual(retried, { customerId })
      assert.strictEqual(createShaped(again.mock), 0)
    }))
})
