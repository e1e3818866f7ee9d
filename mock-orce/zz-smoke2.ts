import { Effect, Redacted } from "effect"
import { OrceClient } from "../src/orce/client.ts"
import { startMockOrce } from "./serve.ts"
const program = Effect.gen(function*() {
  const { server, mock } = yield* startMockOrce({ port: 0, token: "t", snapshot: "/tmp/exp/snap.json" })
  console.log(server.url)
  const r = yield* Effect.provide(Effect.gen(function*() {
    const c = yield* OrceClient
    return yield* c.addOrUpdateCustomer({ lastName: "X", alternateKeys: [{ type: "OROMS_ID", value: "9" }] })
  }), OrceClient.layerHttp({ baseUrl: server.url, token: Redacted.make("t"), securityUserId: "S", policy: { timeoutMs: 1000, retries: 0, concurrency: 2 } }))
  console.log(r, mock.traffic.journal())
}).pipe(Effect.scoped)
Effect.runPromise(program).then(() => console.log("done"), (e) => console.error("FAIL", e))
