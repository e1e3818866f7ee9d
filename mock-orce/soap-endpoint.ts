import type { OrceCustomer } from "../src/domain/orce-customer.ts"
import { defaultContractChoices } from "../src/orce/soap/contract-choices.ts"
import { customerDataIn, customerResponseOut, lookupIn } from "../src/orce/soap/customer-xml.ts"
import { type Fault, faultEnvelope, NotSoapError, readEnvelope, responseEnvelope } from "../src/orce/soap/envelope.ts"
import { customerServicesNamespace, type OperationName, operationNames, operations } from "../src/orce/soap/schema.ts"
import { contractProblem } from "../src/orce/soap/validate.ts"
import { child, childrenNamed, childText, XmlSyntaxError } from "../src/orce/soap/xml.ts"
import type { Answer } from "./http-json.ts"
import { findRoute, type RouteEntry, type RouteRequest } from "./routes.ts"

/**
 * The mock's SOAP face: a Customer Services v3.1 request becomes the request of the store route that does the
 * same (routes.ts), and the route's answer becomes the operation's response or a RelateProcessingException
 * fault. What a real ORCE would refuse (not SOAP, a wrong namespace, an unknown element, one out of schema
 * order, a missing required one) is refused as a Client fault naming the element.
 */

const choices = defaultContractChoices

export interface SoapRequest {
  readonly operation: OperationName
  readonly securityUserId: string | undefined
  readonly route: RouteEntry
  readonly routeRequest: RouteRequest
  /** retrieveCustomer by alternate key runs as a search and answers its only customer. */
  readonly retrieveByKey: boolean
}

export interface SoapAnswer {
  readonly status: number
  readonly text: string
  readonly contentType: string
}

export const xmlContentType = "text/xml; charset=utf-8"

export const faultAnswer = (fault: Fault): SoapAnswer => ({ status: 500, text: faultEnvelope(fault), contentType: xmlContentType })
const clientFault = (faultString: string) => faultAnswer({ faultCode: "Client", faultString })
const relateFault = (relateExceptionCode: string, message: string) =>
  faultAnswer({ faultCode: "Server", faultString: message, relateExceptionCode, message })

const isOperation = (name: string): name is OperationName => (operationNames as ReadonlyArray<string>).includes(name)

const route = (method: string, segments: ReadonlyArray<string>) => findRoute(method, segments)!

/** A SOAP request as the route that serves it, or the fault that refuses it. */
export const decodeSoapRequest = (text: string): SoapRequest | SoapAnswer => {
  let content: ReturnType<typeof readEnvelope>
  try {
    content = readEnvelope(text)
  } catch (error) {
    if (error instanceof XmlSyntaxError || error instanceof NotSoapError) return clientFault(`Not a SOAP 1.1 request: ${error.message}`)
    throw error
  }
  if (content.kind === "fault") return clientFault("A Fault is not a request")
  const wrapper = content.element
  if (!isOperation(wrapper.name)) return clientFault(`Unknown operation ${wrapper.name}`)
  if (wrapper.namespace !== customerServicesNamespace) {
    return clientFault(`${wrapper.name} must be in the namespace ${customerServicesNamespace}, not "${wrapper.namespace}"`)
  }
  const operation = wrapper.name
  const problem = contractProblem(wrapper, operations[operation].request, operation)
  if (problem !== undefined) return clientFault(problem)
  const securityUserId = childText(wrapper, "securityUserId")
  const base = { operation, securityUserId, retrieveByKey: false }
  switch (operation) {
    case "addOrUpdateCustomer": {
      // CustomerType has no create user: the store records the updating user as creator [assumed].
      const body = { customer: customerDataIn(child(wrapper, "customerData")!, choices) }
      return { ...base, route: route("POST", ["customers"]), routeRequest: { method: "POST", segments: ["customers"], body } }
    }
    case "retrieveCustomer": {
      const customerId = childText(wrapper, "customerId")
      const keys = childrenNamed(wrapper, "alternateKeyList")
      if (customerId !== undefined && keys.length === 0) {
        const segments = ["customers", customerId]
        return { ...base, route: route("GET", segments), routeRequest: { method: "GET", segments, body: undefined } }
      }
      if (customerId === undefined && keys.length === 1) {
        const alternateKey = { type: keys[0]!.attributes["TypeCode"] ?? "", value: childText(keys[0], "AlternateID") ?? "" }
        const segments = ["customers", "search"]
        return { ...base, retrieveByKey: true, route: route("POST", segments), routeRequest: { method: "POST", segments, body: { alternateKey } } }
      }
      return relateFault("REQUIRED_PARAMETERS_MISSING", "retrieveCustomer needs a customerId or one alternateKeyList")
    }
    case "searchCustomers": {
      const query = lookupIn(child(wrapper, "customerData")!)
      if (typeof query === "string") return relateFault("INSUFFICIENT_DATA_SUPPLIED", `The mock ${query}`)
      const segments = ["customers", "search"]
      return { ...base, route: route("POST", segments), routeRequest: { method: "POST", segments, body: query } }
    }
    case "mergeCustomers": {
      const source = childText(child(wrapper, "mergeSource"), "customerId")
      const targets = childrenNamed(wrapper, "mergeTargetSet")
      const target = targets.length === 1 ? childText(targets[0], "customerId") : undefined
      if (source === undefined || target === undefined) {
        return relateFault("MERGE_TARGET_SET_UNSPECIFIED", "The mock merges one mergeSource into one mergeTargetSet, each by customerId")
      }
      // The doc's assumed direction (3.4): the source is merged away into the target.
      const segments = ["customers", source, "merge"]
      return { ...base, route: route("POST", segments), routeRequest: { method: "POST", segments, body: { intoCustomerId: target } } }
    }
  }
}

const faultCodeOfError = (operation: OperationName, code: string) => {
  switch (code) {
    case "NOT_FOUND":
      return "CUSTOMER_NOT_FOUND"
    case "CONFLICT":
      return operation === "mergeCustomers" ? "MERGE_CUSTOMER_CREATION_EXCEPTION" : "DUPLICATE_CUSTOMER_ALT_KEY_EXISTS"
    case "LOOKUP_LIMIT":
      return "MAXIMUM_LOOKUP_RESULTS_ERROR"
    default:
      return "INSUFFICIENT_DATA_SUPPLIED"
  }
}

/** A store route's answer as the operation's SOAP answer. A 5xx stays a bare HTTP error, as from a gateway. */
export const encodeSoapAnswer = (
  request: SoapRequest,
  reply: Answer,
  now: () => Date,
  isMasked: (customerId: string) => boolean
): SoapAnswer => {
  const { operation } = request
  if (reply.status >= 500) return { status: reply.status, text: "Service temporarily unavailable", contentType: "text/plain" }
  if (reply.status !== 200) {
    const error = (reply.body as { error: { code: string; message: string } }).error
    return relateFault(faultCodeOfError(operation, error.code), error.message)
  }
  const customerOut = (name: string, customer: OrceCustomer) => customerResponseOut(name, customer, choices, isMasked(customer.customerId))
  const ok = (children: Parameters<typeof responseEnvelope>[1]): SoapAnswer => ({
    status: 200,
    text: responseEnvelope(operation, children),
    contentType: xmlContentType
  })
  switch (operation) {
    case "addOrUpdateCustomer":
    case "mergeCustomers":
      return ok([{ name: "customerId", text: (reply.body as { customerId: string }).customerId }])
    case "retrieveCustomer": {
      if (request.retrieveByKey) {
        const [found] = (reply.body as { customers: ReadonlyArray<OrceCustomer> }).customers
        return found === undefined ? relateFault("CUSTOMER_NOT_FOUND", "Customer not found") : ok([customerOut("return", found)])
      }
      return ok([customerOut("return", (reply.body as { customer: OrceCustomer }).customer)])
    }
    case "searchCustomers": {
      const customers = (reply.body as { customers: ReadonlyArray<OrceCustomer> }).customers
      return ok([{ name: "return", children: [{ name: "DateTime", text: now().toISOString() }, ...customers.map((c) => customerOut("Customer", c))] }])
    }
  }
}
