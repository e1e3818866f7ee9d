import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser"

/**
 * XML in and out through fast-xml-parser, as a small element tree with namespaces resolved. The library does
 * the parsing, entity handling and escaping; namespaces it leaves as prefixes, so they are resolved here
 * against the `xmlns` declarations in scope, which is what SOAP's rules are about.
 */

export interface XmlElement {
  /** Local name, without prefix. */
  readonly name: string
  /** The resolved namespace URI; "" for an unqualified element. */
  readonly namespace: string
  readonly attributes: Readonly<Record<string, string>>
  readonly children: ReadonlyArray<XmlElement>
  /** Text content: all text nodes joined; whitespace between child elements is dropped. */
  readonly text: string
}

/** An element to write: `prefix:name` already chosen by the caller, attributes as given (namespaces included). */
export interface XmlOut {
  readonly name: string
  readonly attributes?: Readonly<Record<string, string | undefined>>
  readonly children?: ReadonlyArray<XmlOut | undefined>
  readonly text?: string | undefined
}

export class XmlSyntaxError extends Error {}

type Ordered = Record<string, unknown> & { ":@"?: Record<string, string>; "#text"?: string }

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  // Values are kept exactly as sent (MOCK-3): whitespace-only text between elements is dropped below instead.
  trimValues: false,
  processEntities: true,
  // Decodes numeric character references (&#233;), which XML allows anywhere.
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // No callback here reads the path as a string: building it per element costs a third of the parse.
  jPath: false
})

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  suppressEmptyNode: true,
  processEntities: true
})

const isBlank = (text: string) => /^\s*$/.test(text)

const convert = (node: Ordered, scope: ReadonlyMap<string, string>): XmlElement | undefined => {
  let qname: string | undefined
  for (const key in node) {
    if (key !== ":@") {
      qname = key
      break
    }
  }
  if (qname === undefined || qname === "#text") return undefined
  const rawAttributes = node[":@"] ?? {}
  let inner = scope
  const attributes: Record<string, string> = {}
  for (const key in rawAttributes) {
    const value = String(rawAttributes[key])
    if (key === "xmlns" || key.startsWith("xmlns:")) {
      if (inner === scope) inner = new Map(scope)
      ;(inner as Map<string, string>).set(key === "xmlns" ? "" : key.slice(6), value)
    } else {
      attributes[key] = value
    }
  }
  const colon = qname.indexOf(":")
  const prefix = colon === -1 ? "" : qname.slice(0, colon)
  const namespace = inner.get(prefix)
  if (namespace === undefined) throw new XmlSyntaxError(`Element ${qname} uses an undeclared namespace prefix ${prefix}`)
  const children: Array<XmlElement> = []
  let text = ""
  for (const child of node[qname] as ReadonlyArray<Ordered>) {
    if ("#text" in child) {
      text += String(child["#text"])
      continue
    }
    const element = convert(child, inner)
    if (element !== undefined) children.push(element)
  }
  return {
    name: colon === -1 ? qname : qname.slice(colon + 1),
    namespace,
    attributes,
    children,
    text: children.length > 0 && isBlank(text) ? "" : text
  }
}

const rootScope: ReadonlyMap<string, string> = new Map([["", ""], ["xml", "http://www.w3.org/XML/1998/namespace"]])

/** The document element; throws XmlSyntaxError for anything that is not one well-formed XML document. */
export const parseXml = (text: string): XmlElement => {
  const valid = XMLValidator.validate(text)
  if (valid !== true) throw new XmlSyntaxError(`${valid.err.msg} (line ${valid.err.line})`)
  const roots = (parser.parse(text) as ReadonlyArray<Ordered>).flatMap((node) => {
    const element = convert(node, rootScope)
    return element === undefined ? [] : [element]
  })
  if (roots.length !== 1) throw new XmlSyntaxError("Expected exactly one document element")
  return roots[0]!
}

// XML 1.0 cannot carry these at all, escaped or not.
const notXmlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g
const clean = (value: string) => value.replace(notXmlCharacters, "")

const toOrdered = (element: XmlOut): Ordered => {
  const content: Array<Ordered> = []
  if (element.text !== undefined && element.text !== "") content.push({ "#text": clean(element.text) })
  for (const child of element.children ?? []) if (child !== undefined) content.push(toOrdered(child))
  const node: Ordered = { [element.name]: content }
  if (element.attributes !== undefined) {
    const attributes: Record<string, string> = {}
    let any = false
    for (const key in element.attributes) {
      const value = element.attributes[key]
      if (value !== undefined) {
        attributes[key] = clean(value)
        any = true
      }
    }
    if (any) node[":@"] = attributes
  }
  return node
}

export const xmlDeclaration = `<?xml version="1.0" encoding="UTF-8"?>`

/** One XML document, everything escaped by the library. */
export const buildXml = (root: XmlOut): string => xmlDeclaration + (builder.build([toOrdered(root)]) as string)

/** The first child element named `name` (unqualified children: namespace ignored by the caller's schema check). */
export const child = (element: XmlElement, name: string): XmlElement | undefined => element.children.find((c) => c.name === name)
export const childrenNamed = (element: XmlElement, name: string): Array<XmlElement> => element.children.filter((c) => c.name === name)
export const childText = (element: XmlElement | undefined, name: string): string | undefined => {
  if (element === undefined) return undefined
  const found = child(element, name)
  return found === undefined ? undefined : found.text
}
