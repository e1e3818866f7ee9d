import { Effect } from "effect"
import type { AlternateKey, OrceCustomer, OrceCustomerMessage } from "../domain/orce-customer.ts"
import type { GetCustomerResponse, SearchRequest } from "./contract.ts"
import type { Authorizer } from "./credentials.ts"
import { knownBody } from "./known-bodies.ts"
import { type OrceError, OrceLookupLimit, OrceMaskedResponse, OrceNotFound, OrceRejected, OrceUnauthorized, OrceUnavailable } from "./errors.ts"
import type { SoapContractChoices } from "./soap/contract-choices.ts"
import { customerDataOut, customerResponseIn, lookupOut } from "./soap/customer-xml.ts"
import { type Fault, readEnvelope, requestEnvelope, soapContentType } from "./soap/envelope.ts"
import { customerServicesNamespace, type OperationName, operations } from "./soap/schema.ts"
import { contractProblem } from "./soap/validate.ts"
import { child, childrenNamed, childText, type XmlElement, type XmlOut } from "./soap/xml.ts"
import type { Fetch, OrceTransport } from "./transport.ts"

/**
 * ORCE Customer Services v3.1 over SOAP 1.1 (shared/docs/ORCE-CUSTOMER-SERVICES.md): one POST per operation
 * to the service's endpoint, the security user in the body, faults mapped to the client's typed errors.
 */

export interface SoapTransportConfig {
  /** The service endpoint: the WSDL's URL without `?wsdl`. */
  readonly endpointUrl: string
  readonly securityUserId: string
  readonly authorizer: Authorizer
  readonly choices: SoapContractChoices
  readonly fetch: Fetch
  /** Who mergeCustomers names as the updating user (MAP-12's OROMS-<user ID>), when given. */
  readonly updateUserId?: string | undefined
}

const connectionError = (operation: string) => (cause: unknown) =>
  new OrceUnavailable({
    operation,
    reason: "connection",
    message: `Connection to ORCE failed: ${cause instanceof Error ? cause.message : String(cause)}`
  })

const invalidResponse = (operation: string, status: number, why: string) =>
  new OrceUnavailable({ operation, reason: "invalid-response", status, message: `ORCE answered with a message that does not match the contract: ${why}` })

/** A fault as the client's typed error, by relateExceptionCode (the codes are settings: contract-choices.ts). */
export const errorOfFault = (operation: string, status: number, fault: Fault, choices: SoapContractChoices): OrceError => {
  const codes = choices.faultCodes
  const code = fault.relateExceptionCode
  const message = fault.message ?? fault.faultString
  if (code === undefined) {
    // No RelateProcessingException: the SOAP stack itself refused (Client) or failed (Server).
    return fault.faultCode === "Server"
      ? new OrceUnavailable({ operation, reason: "server", status, message: `ORCE failed: ${message}` })
      : new OrceRejected({ operation, status, code: `SOAP_${fault.faultCode.toUpperCase()}`, message })
  }
  if (codes.notFound.includes(code)) return new OrceNotFound({ operation, message })
  if (codes.lookupLimit.includes(code)) return new OrceLookupLimit({ operation, message })
  if (codes.noAccess.includes(code)) {
    return new OrceMaskedResponse({ operation, customerIds: [], message: `ORCE refused access (${code}): the security user lacks read/write authority` })
  }
  if (codes.invalidUser.includes(code)) {
    return new OrceUnauthorized({ operation, message: `ORCE refused the security user (${code}): check ORCE_SECURITY_USER_ID` })
  }
  if (codes.unavailable.includes(code)) return new OrceUnavailable({ operation, reason: "server", status, message: `${code}: ${message}` })
  return new OrceRejected({ operation, status, code, message })
}

const refusedOver = (operation: string, status: number): OrceError => {
  if (status === 401) return new OrceUnauthorized({ operation, message: "ORCE refused the credentials (HTTP 401)" })
  if (status === 403) return new OrceUnauthorized({ operation, message: "ORCE refused access for these credentials (HTTP 403)" })
  if (status >= 500) return new OrceUnavailable({ operation, reason: "server", status, message: `ORCE answered HTTP ${status}` })
  return new OrceRejected({ operation, status, code: `HTTP_${status}`, message: `ORCE answered HTTP ${status}` })
}

/** The SOAP transport, with the one call `orce-sync orce check` makes besides the stages' operations. */
export interface SoapTransport extends OrceTransport {
  /** retrieveCustomer by one alternate key; undefined when ORCE knows no such customer. */
  readonly retrieveByAlternateKey: (key: AlternateKey) => Effect.Effect<OrceCustomer | undefined, OrceError>
}

export const makeSoapTransport = (config: SoapTransportConfig): SoapTransport => {
  const { choices, authorizer, fetch } = config
  const securityUser: XmlOut = { name: "securityUserId", text: config.securityUserId }

  const post = (operation: OperationName, body: string, authorization: string) =>
    Effect.tryPromise({
      try: async (signal) => {
        const response = await fetch(config.endpointUrl, {
          method: "POST",
          headers: { authorization, "content-type": soapContentType, accept: "text/xml", soapaction: '""' },
          body,
          signal
        })
        return { status: response.status, text: knownBody(response) ?? (await response.text()) }
      },
      catch: connectionError(operation)
    })

  /** The operation's answer wrapper, or the typed error of a fault or refusal; undefined for an expected fault. */
  const call = <A = never>(
    operation: OperationName,
    children: ReadonlyArray<XmlOut | undefined>,
    onFault?: (fault: Fault) => A | undefined
  ): Effect.Effect<XmlElement | A, OrceError> =>
    Effect.gen(function*() {
      const body = requestEnvelope(operation, children)
      yield* Effect.logDebug("ORCE request", { operation, body })
      const started = performance.now()
      let authorization = yield* authorizer.header
      let answer = yield* post(operation, body, authorization)
      // A token that expired early, or was revoked: renewed once, then ORCE's refusal stands.
      if (answer.status === 401 && authorizer.renew(authorization)) {
        authorization = yield* authorizer.header
        answer = yield* post(operation, body, authorization)
      }
      const { status, text } = answer
      yield* Effect.logDebug("ORCE response", { operation, status, durationMs: performance.now() - started, body: text })
      if (status === 401 || status === 403) return yield* Effect.fail(refusedOver(operation, status))
      let content: ReturnType<typeof readEnvelope>
      try {
        content = readEnvelope(text)
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error)
        return yield* Effect.fail(status === 200 ? invalidResponse(operation, status, why) : refusedOver(operation, status))
      }
      if (content.kind === "fault") {
        const expected = onFault?.(content.fault)
        if (expected !== undefined) return expected
        return yield* Effect.fail(errorOfFault(operation, status, content.fault, choices))
      }
      if (status !== 200) return yield* Effect.fail(refusedOver(operation, status))
      const wrapper = content.element
      const type = operations[operation].response
      if (wrapper.name !== type.name || wrapper.namespace !== customerServicesNamespace) {
        return yield* Effect.fail(invalidResponse(operation, status, `expected ${type.name}, got {${wrapper.namespace}}${wrapper.name}`))
      }
      const problem = contractProblem(wrapper, type, type.name, true)
      if (problem !== undefined) return yield* Effect.fail(invalidResponse(operation, status, problem))
      return wrapper
    })

  const isCode = (codes: ReadonlyArray<string>) => (fault: Fault) =>
    fault.relateExceptionCode !== undefined && codes.includes(fault.relateExceptionCode) ? notFound : undefined
  const notFound = Symbol("notFound")

  const refuseMasked = (operation: string, found: ReadonlyArray<{ customer: OrceCustomer; maskData: boolean }>) => {
    const masked = found.filter((entry) => entry.maskData).map((entry) => entry.customer.customerId)
    return masked.length === 0 ? Effect.void : Effect.fail(
      new OrceMaskedResponse({ operation, customerIds: masked, message: "ORCE masked the customer's values (MaskData): the security user lacks read/write authority" })
    )
  }

  return {
    addOrUpdateCustomer: (message: OrceCustomerMessage) =>
      Effect.map(
        call("addOrUpdateCustomer", [customerDataOut(message, choices), securityUser]),
        (wrapper) => ({ customerId: childText(wrapper, "customerId") ?? "" })
      ),
    findCustomer: (customerId: string) =>
      Effect.gen(function*() {
        const answer = yield* call("retrieveCustomer", [{ name: "customerId", text: customerId }, securityUser], isCode(choices.faultCodes.notFound))
        if (answer === notFound) return undefined
        const found = child(answer, "return")
        if (found === undefined) return undefined
        const read = customerResponseIn(found, choices)
        yield* refuseMasked("getCustomer", [read])
        // ORCE answers a merged-away ID with its survivor [inferred]: the ID asked for is where it resolved from.
        return (read.customer.customerId === customerId
          ? { customer: read.customer }
          : { customer: read.customer, resolvedFrom: customerId }) satisfies GetCustomerResponse
      }),
    retrieveByAlternateKey: (key: AlternateKey) =>
      Effect.gen(function*() {
        const lookup: XmlOut = { name: "alternateKeyList", attributes: { TypeCode: key.type }, children: [{ name: "AlternateID", text: key.value }] }
        const answer = yield* call("retrieveCustomer", [lookup, securityUser], isCode(choices.faultCodes.notFound))
        if (answer === notFound) return undefined
        const found = child(answer, "return")
        return found === undefined ? undefined : customerResponseIn(found, choices).customer
      }),
    searchCustomers: (query: SearchRequest) =>
      Effect.gen(function*() {
        const answer = yield* call("searchCustomers", [lookupOut(query), securityUser], isCode(choices.faultCodes.noneFound))
        if (answer === notFound) return { customers: [] }
        const list = child(answer, "return")
        const read = list === undefined ? [] : childrenNamed(list, "Customer").map((customer) => customerResponseIn(customer, choices))
        yield* refuseMasked("searchCustomers", read)
        return { customers: read.map((entry) => entry.customer) }
      }),
    mergeCustomers: (fromCustomerId: string, intoCustomerId: string) => {
      const identifier = (name: string, customerId: string): XmlOut => ({ name, children: [{ name: "customerId", text: customerId }] })
      const [source, target] = choices.mergeFromGoesTo === "mergeSource" ? [fromCustomerId, intoCustomerId] : [intoCustomerId, fromCustomerId]
      return Effect.map(
        call("mergeCustomers", [
          identifier("mergeSource", source),
          identifier("mergeTargetSet", target),
          config.updateUserId === undefined ? undefined : { name: "updateUserId", text: config.updateUserId },
          securityUser
        ]),
        (wrapper) => ({ customerId: childText(wrapper, "customerId") ?? "" })
      )
    }
  }
}
