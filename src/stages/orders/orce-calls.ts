import { Effect } from "effect"
import type { OrceCall } from "../../domain/order-decision.ts"
import type { OrceCustomer, OrceCustomerMessage } from "../../domain/orce-customer.ts"
import { OrceClient } from "../../orce/client.ts"
import type { OrceError } from "../../orce/errors.ts"

/**
 * The ORCE calls of one order message, through the OrceClient, each written down as the report lists it:
 * what was asked and what came back, by ID and count only (no name, email or address: the report is read
 * by people who need not see personal data).
 */
export interface OrceCalls {
  readonly calls: ReadonlyArray<OrceCall>
  readonly searchByEmail: (email: string) => Effect.Effect<ReadonlyArray<OrceCustomer>, OrceError>
  readonly addOrUpdate: (message: OrceCustomerMessage) => Effect.Effect<{ readonly customerId: string }, OrceError>
}

const failure = (error: OrceError) => `${error._tag}: ${error.message}`

export const orceCalls = Effect.gen(function*() {
  const orce = yield* OrceClient
  const calls: Array<OrceCall> = []
  const recorded = <A>(
    operation: OrceCall["operation"],
    by: string,
    effect: Effect.Effect<A, OrceError>,
    describe: (a: A) => string
  ) =>
    effect.pipe(
      Effect.tap((a) => Effect.sync(() => calls.push({ operation, by, answer: describe(a) }))),
      Effect.tapError((error) => Effect.sync(() => calls.push({ operation, by, answer: failure(error) })))
    )
  return {
    calls,
    searchByEmail: (email: string) =>
      recorded("searchCustomers", "email", orce.searchCustomers({ email }), (found) =>
        found.length === 0 ? "none found" : `${found.length} found: ${found.map((customer) => customer.customerId).join(", ")}`),
    addOrUpdate: (message: OrceCustomerMessage) =>
      recorded(
        "addOrUpdateCustomer",
        message.customerId === undefined ? "alt keys" : `customer ${message.customerId}`,
        orce.addOrUpdateCustomer(message),
        // ORCE answers an add-or-update with the customer's ID only: sent by alt keys, it may have created it.
        (answer) => message.customerId === undefined ? `answered ${answer.customerId}` : `updated ${answer.customerId}`
      )
  } satisfies OrceCalls
})
