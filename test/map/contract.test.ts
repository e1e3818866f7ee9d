import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { OrceCustomerMessage } from "../../src/domain/orce-customer.ts"
import { Truncation } from "../../src/domain/truncation.ts"
import { CustomerFromOrce, fromOrceCustomer } from "../../src/stages/map/from-orce.ts"
import { toOrceMessage } from "../../src/stages/map/to-orce.ts"
import { context, customer, orceCustomer, settings } from "./fixtures.ts"

// Decoding with onExcessProperty "error" catches a key the schemas do not know, e.g. a misspelt field.
const strict = { onExcessProperty: "error" } as const

describe("schema contract", () => {
  it("the message and truncations of a customer with long values decode with the domain schemas", () => {
    const { message, truncations } = toOrceMessage(
      customer({ firstName: "x".repeat(100), ecommerceId: "W1" }),
      context({ isNew: true, settings: { ...settings, sendProfileData: "Y" } })
    )
    expect(Schema.decodeUnknownSync(OrceCustomerMessage)(message, strict)).toEqual(message)
    expect(truncations).toHaveLength(1)
    for (const truncation of truncations) expect(Schema.decodeUnknownSync(Truncation)(truncation, strict)).toEqual(truncation)
  })

  it("the record and the ORCE update of an ORCE customer with long values decode with their schemas", () => {
    const result = fromOrceCustomer(orceCustomer({ firstName: "x".repeat(100) }), settings)
    if (Result.isFailure(result)) throw new Error(result.failure.message)
    const { record, orceUpdate } = result.success
    expect(Schema.decodeUnknownSync(CustomerFromOrce)(record, strict)).toEqual(record)
    expect(orceUpdate).toBeDefined()
    expect(Schema.decodeUnknownSync(OrceCustomerMessage)(orceUpdate, strict)).toEqual(orceUpdate)
  })
})
