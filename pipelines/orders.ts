import { Effect, Schema } from "effect"
import type { JobDefinition } from "../src/batch/job.ts"
import { AppSettings } from "../src/config/app-settings.ts"
import { ordersReport } from "../src/report/orders-report.ts"
import { runReport } from "../src/report/report-listener.ts"
import { describeInput } from "../src/sources/describe-input.ts"
import { type LoadError, type LoadRequirements, loadSteps } from "../src/stages/load/load-step.ts"
import { describeSources, openLoadSources, opened, openWhenStarted, SourceSpec } from "../src/stages/load/open-sources.ts"
import { type OrderStepError, type OrderStepRequirements, orderMessagesStep } from "../src/stages/orders/order-step.ts"
import { integrationOff } from "../src/stages/sync/integration-check.ts"

/** The OACS customers as they stand before the orders (loaded, not flagged), and the order messages (NDJSON). */
export const OrdersInput = Schema.Struct({
  customers: Schema.optional(Schema.UndefinedOr(SourceSpec)),
  orders: Schema.String
})
export type OrdersInput = typeof OrdersInput.Type

/**
 * Order messages replayed (ORD-1..ORD-5), when the integration is on (SYNC-1): load the OACS customers the
 * orders meet, if any → each order message's customer block through the order-API decisions, against ORCE.
 */
export const ordersJob: JobDefinition<OrdersInput, LoadError | OrderStepError, LoadRequirements | OrderStepRequirements> = {
  name: "orders",
  parameters: OrdersInput,
  talksToOrce: true,
  precondition: integrationOff,
  build: Effect.fnUntraced(function*(input: OrdersInput, resuming: boolean) {
    const settings = yield* AppSettings
    const listeners = [runReport, ordersReport]
    const orders = orderMessagesStep(input.orders)
    if (input.customers === undefined) {
      return { name: "orders", inputs: resuming ? [] : [yield* describeInput(input.orders)], steps: [orders], listeners }
    }
    const loadInput = { customers: input.customers, profiles: undefined }
    if (resuming) {
      return { name: "orders", inputs: [], steps: [...loadSteps(openWhenStarted(loadInput), settings, { flagForSync: false }), orders], listeners }
    }
    const sources = yield* openLoadSources(loadInput)
    return {
      name: "orders",
      inputs: [...yield* describeSources(sources), yield* describeInput(input.orders)],
      steps: [...loadSteps(opened(sources), settings, { flagForSync: false }), orders],
      listeners
    }
  })
}
