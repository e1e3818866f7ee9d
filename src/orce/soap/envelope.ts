import { customerServicesNamespace, type OperationName, soapEnvelopeNamespace } from "./schema.ts"
import { buildXml, child, childText, documentAround, parseXml, type XmlElement, type XmlOut } from "./xml.ts"

/**
 * SOAP 1.1 envelopes of Customer Services: the operation's wrapper element in the target namespace, its
 * children unqualified (doc section 1). Requests are written as the doc's examples (`soapenv`/`v3`),
 * answers as a JAX-WS RI server writes them (`S`/`ns2`).
 */

export const soapContentType = "text/xml; charset=utf-8"

const requestFrames = new Map<OperationName, (children: ReadonlyArray<XmlOut | undefined>) => string>()
const responseFrames = new Map<OperationName, (children: ReadonlyArray<XmlOut | undefined>) => string>()

/** Each envelope's static part is written once per operation (documentAround); a message writes its content only. */
const frameOf = (
  frames: Map<OperationName, (children: ReadonlyArray<XmlOut | undefined>) => string>,
  operation: OperationName,
  frame: (content: XmlOut) => XmlOut
) => {
  let fill = frames.get(operation)
  if (fill === undefined) {
    fill = documentAround(frame)
    frames.set(operation, fill)
  }
  return fill
}

export const requestEnvelope = (operation: OperationName, children: ReadonlyArray<XmlOut | undefined>): string =>
  frameOf(requestFrames, operation, (content) => ({
    name: "soapenv:Envelope",
    attributes: { "xmlns:soapenv": soapEnvelopeNamespace, "xmlns:v3": customerServicesNamespace },
    children: [{ name: "soapenv:Header" }, { name: "soapenv:Body", children: [{ name: `v3:${operation}`, children: [content] }] }]
  }))(children)

const answerEnvelope = (content: XmlOut): string =>
  buildXml({
    name: "S:Envelope",
    attributes: { "xmlns:S": soapEnvelopeNamespace },
    children: [{ name: "S:Body", children: [content] }]
  })

export const responseEnvelope = (operation: OperationName, children: ReadonlyArray<XmlOut | undefined>): string =>
  frameOf(responseFrames, operation, (content) => ({
    name: "S:Envelope",
    attributes: { "xmlns:S": soapEnvelopeNamespace },
    children: [{ name: "S:Body", children: [{ name: `ns2:${operation}Response`, attributes: { "xmlns:ns2": customerServicesNamespace }, children: [content] }] }]
  }))(children)

export interface Fault {
  /** `Client` or `Server` (the local part of faultcode). */
  readonly faultCode: string
  readonly faultString: string
  /** RelateProcessingException's code and message, when the fault carries one. */
  readonly relateExceptionCode?: string | undefined
  readonly message?: string | undefined
}

export const faultEnvelope = (fault: Fault): string =>
  answerEnvelope({
    name: "S:Fault",
    children: [
      { name: "faultcode", text: `S:${fault.faultCode}` },
      { name: "faultstring", text: fault.faultString },
      fault.relateExceptionCode === undefined ? undefined : {
        name: "detail",
        children: [{
          name: "ns2:RelateProcessingException",
          attributes: { "xmlns:ns2": customerServicesNamespace },
          children: [
            { name: "message", text: fault.message ?? fault.faultString },
            { name: "relateExceptionCode", text: fault.relateExceptionCode }
          ]
        }]
      }
    ]
  })

/** What a SOAP message's Body holds: one element, or a Fault. */
export type BodyContent =
  | { readonly kind: "element"; readonly element: XmlElement }
  | { readonly kind: "fault"; readonly fault: Fault }

export class NotSoapError extends Error {}

/** Reads an envelope; throws NotSoapError (or XmlSyntaxError) when the text is not one SOAP 1.1 message. */
export const readEnvelope = (text: string): BodyContent => {
  const root = parseXml(text)
  if (root.name !== "Envelope" || root.namespace !== soapEnvelopeNamespace) {
    throw new NotSoapError(`The document element is {${root.namespace}}${root.name}, not a SOAP 1.1 Envelope`)
  }
  const body = root.children.find((element) => element.name === "Body" && element.namespace === soapEnvelopeNamespace)
  if (body === undefined) throw new NotSoapError("The SOAP Envelope has no Body")
  const unexpected = root.children.find((element) =>
    element.namespace !== soapEnvelopeNamespace || (element.name !== "Header" && element.name !== "Body")
  )
  if (unexpected !== undefined) throw new NotSoapError(`The SOAP Envelope holds an unexpected element ${unexpected.name}`)
  if (body.children.length !== 1) throw new NotSoapError(`The SOAP Body holds ${body.children.length} elements, not one`)
  const content = body.children[0]!
  if (content.name === "Fault" && content.namespace === soapEnvelopeNamespace) {
    const faultCode = childText(content, "faultcode") ?? ""
    const detail = child(content, "detail")
    const relate = detail === undefined ? undefined : child(detail, "RelateProcessingException")
    return {
      kind: "fault",
      fault: {
        faultCode: faultCode.slice(faultCode.indexOf(":") + 1),
        faultString: childText(content, "faultstring") ?? "",
        relateExceptionCode: relate === undefined ? undefined : childText(relate, "relateExceptionCode"),
        message: relate === undefined ? undefined : childText(relate, "message")
      }
    }
  }
  return { kind: "element", element: content }
}
