import { Effect } from "effect"
import { OrceClient } from "../src/orce/client.ts"
import { layerInProcessMock, MockOrceService } from "../src/orce/mock-layer.ts"
const program = Effect.gen(function*() {
  const client = yield* OrceClient
  const a = yield* client.addOrUpdateCustomer({ firstName: "Ada", lastName: "Lovelace", alternateKeys: [{ type: "OROMS_ID", value: "1" }], emails: [{ type: "HOME", primary: true, address: "Ada@x.com" }] })
  const b = yield* client.addOrUpdateCustomer({ alternateKeys: [{ type: "OROMS_ID", value: "1" }], emails: [{ type: "HOME", primary: true, address: "ada2@x.com" }] })
  console.log(a, b)
  console.log(yield* client.searchCustomers({ email: "ada@X.com" }))
  const mock = yield* MockOrceService
  console.log(mock.traffic.journal().length, mock.store.typeCodes())
  const e = yield* Effect.flip(client.getCustomer("nope"))
  console.log(e)
}).pipe(Effect.provide(layerInProcessMock({ policy: { timeoutMs: 1000, retries: 2, concurrency: 4 } })))
Effect.runPromise(program).then(() => {}, (e) => console.error("FAIL", e))
