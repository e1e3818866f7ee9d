import { Effect } from "effect"
import { OrceClient } from "../src/orce/client.ts"
import { layerInProcessMock } from "../src/orce/mock-layer.ts"
const policy = { timeoutMs: 10_000, retries: 0, concurrency: 16 }
const msg = (n: number) => ({ alternateKeys: [{ type: "OROMS_ID", value: `B${n}` }], firstName: "Ada", lastName: "L", emails: [{ type: "HOME", primary: true, address: `a${n}@x.com` }] })
const prog = Effect.gen(function*() {
  const c = yield* OrceClient
  let n = 0
  const t = performance.now()
  yield* Effect.all(Array.from({ length: 16 }, () => Effect.whileLoop({ while: () => n < 40000, body: () => c.addOrUpdateCustomer(msg(n++)), step: () => {} })), { concurrency: "unbounded" })
  console.log(40000 / ((performance.now() - t) / 1000))
}).pipe(Effect.provide(layerInProcessMock({ policy })))
await Effect.runPromise(prog)
