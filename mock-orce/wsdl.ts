import {
  type ComplexType,
  customerServicesNamespace,
  type Field,
  operationNames,
  operations,
  relateProcessingException
} from "../src/orce/soap/schema.ts"
import { buildXml, type XmlOut } from "../src/orce/soap/xml.ts"

/**
 * The WSDL the mock serves at `?wsdl`: the four operations and their types, written from schema.ts (our
 * reading of the contract, doc sections 1, 3 and 4), not copied from Oracle's. Children unqualified
 * (elementFormDefault left at its default), one fault per operation, `soapAction=""`, SOAP 1.1 binding.
 */

const wsdl = "http://schemas.xmlsoap.org/wsdl/"
const soap = "http://schemas.xmlsoap.org/wsdl/soap/"
const xsd = "http://www.w3.org/2001/XMLSchema"

const typeRef = (field: Field) => (typeof field.type === "string" ? `xs:${field.type}` : `tns:${field.type.name}`)

const complexTypeOut = (type: ComplexType): XmlOut => {
  if (type.open === true) {
    return {
      name: "xs:complexType",
      attributes: { name: type.name },
      children: [{ name: "xs:sequence", children: [{ name: "xs:any", attributes: { processContents: "lax", minOccurs: "0", maxOccurs: "unbounded" } }] }]
    }
  }
  const attributes = type.attributes.map((name): XmlOut => ({ name: "xs:attribute", attributes: { name, type: "xs:string" } }))
  const sequence: XmlOut = {
    name: "xs:sequence",
    children: type.fields.map((field) => ({
      name: "xs:element",
      attributes: { name: field.name, type: typeRef(field), minOccurs: String(field.min), maxOccurs: field.many ? "unbounded" : undefined }
    }))
  }
  if (type.text === true) {
    return {
      name: "xs:complexType",
      attributes: { name: type.name },
      children: [{ name: "xs:simpleContent", children: [{ name: "xs:extension", attributes: { base: "xs:string" }, children: attributes }] }]
    }
  }
  return { name: "xs:complexType", attributes: { name: type.name }, children: [sequence, ...attributes] }
}

/** Every complex type reachable from the operations, each once, in first-seen order. */
const allTypes = (): Array<ComplexType> => {
  const seen = new Map<string, ComplexType>()
  const visit = (type: ComplexType) => {
    if (seen.has(type.name)) return
    seen.set(type.name, type)
    for (const field of type.fields) if (typeof field.type !== "string") visit(field.type)
  }
  for (const name of operationNames) {
    visit(operations[name].request)
    visit(operations[name].response)
  }
  visit(relateProcessingException)
  return [...seen.values()]
}

let cached: string | undefined
let cachedFor: string | undefined

export const customerServicesWsdl = (endpointUrl: string): string => {
  if (cached !== undefined && cachedFor === endpointUrl) return cached
  const globals = [...operationNames.flatMap((name) => [operations[name].request.name, operations[name].response.name]), relateProcessingException.name]
  const schema: XmlOut = {
    name: "xs:schema",
    attributes: { targetNamespace: customerServicesNamespace, version: "1.0" },
    children: [
      ...globals.map((name): XmlOut => ({ name: "xs:element", attributes: { name, type: `tns:${name}` } })),
      ...allTypes().map(complexTypeOut)
    ]
  }
  const message = (name: string, element: string): XmlOut => ({
    name: "wsdl:message",
    attributes: { name },
    children: [{ name: "wsdl:part", attributes: { name: "parameters", element: `tns:${element}` } }]
  })
  const portType: XmlOut = {
    name: "wsdl:portType",
    attributes: { name: "CustomerServicesApi" },
    children: operationNames.map((name) => ({
      name: "wsdl:operation",
      attributes: { name },
      children: [
        { name: "wsdl:input", attributes: { message: `tns:${name}` } },
        { name: "wsdl:output", attributes: { message: `tns:${name}Response` } },
        { name: "wsdl:fault", attributes: { name: "RelateProcessingException", message: "tns:RelateProcessingException" } }
      ]
    }))
  }
  const literal = { use: "literal" }
  const binding: XmlOut = {
    name: "wsdl:binding",
    attributes: { name: "CustomerServicesApiPortBinding", type: "tns:CustomerServicesApi" },
    children: [
      { name: "soap:binding", attributes: { transport: "http://schemas.xmlsoap.org/soap/http", style: "document" } },
      ...operationNames.map((name): XmlOut => ({
        name: "wsdl:operation",
        attributes: { name },
        children: [
          { name: "soap:operation", attributes: { soapAction: "" } },
          { name: "wsdl:input", children: [{ name: "soap:body", attributes: literal }] },
          { name: "wsdl:output", children: [{ name: "soap:body", attributes: literal }] },
          {
            name: "wsdl:fault",
            attributes: { name: "RelateProcessingException" },
            children: [{ name: "soap:fault", attributes: { name: "RelateProcessingException", ...literal } }]
          }
        ]
      }))
    ]
  }
  cached = buildXml({
    name: "wsdl:definitions",
    attributes: {
      "xmlns:wsdl": wsdl,
      "xmlns:soap": soap,
      "xmlns:xs": xsd,
      "xmlns:tns": customerServicesNamespace,
      targetNamespace: customerServicesNamespace,
      name: "CustomerServicesApiService"
    },
    children: [
      { name: "wsdl:types", children: [{ name: "xs:schema", attributes: { "xmlns:tns": customerServicesNamespace, ...schema.attributes }, children: schema.children }] },
      ...operationNames.flatMap((name) => [message(name, name), message(`${name}Response`, `${name}Response`)]),
      message("RelateProcessingException", "RelateProcessingException"),
      portType,
      binding,
      {
        name: "wsdl:service",
        attributes: { name: "CustomerServicesApiService" },
        children: [{
          name: "wsdl:port",
          attributes: { name: "CustomerServicesApiPort", binding: "tns:CustomerServicesApiPortBinding" },
          children: [{ name: "soap:address", attributes: { location: endpointUrl } }]
        }]
      }
    ]
  })
  cachedFor = endpointUrl
  return cached
}
