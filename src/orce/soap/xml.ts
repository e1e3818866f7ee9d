import { XMLBuilder } from "fast-xml-parser"
import { SaxesParser, type SaxesTagNS } from "saxes"

/**
 * XML in and out through two well-kept libraries, as a small element tree with namespaces resolved. Reading
 * is saxes (jsdom's parser): strict XML 1.0 and Namespaces in XML in one pass, so a cut-off or malformed
 * document, an undeclared prefix or an unknown entity is an error, never a partial tree; no DTD is ever
 * loaded. Writing is fast-xml-parser's builder, which escapes every text and attribute value.
 */

export interface XmlElement {
  /** Local name, without prefix. */
  readonly name: string
  /** The resolved namespace URI; "" for an unqualified element. */
  readonly namespace: string
  /** Unqualified attributes by name; qualified ones by `prefix:name`. Namespace declarations are not attributes. */
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

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  suppressEmptyNode: true,
  processEntities: true
})

const xmlnsNamespace = "http://www.w3.org/2000/xmlns/"
const isBlank = (text: string) => /^\s*$/.test(text)

interface Building {
  readonly name: string
  readonly namespace: string
  readonly attributes: Record<string, string>
  readonly children: Array<XmlElement>
  text: string
}

const attributesOf = (tag: SaxesTagNS): Record<string, string> => {
  const attributes: Record<string, string> = {}
  for (const key in tag.attributes) {
    const attribute = tag.attributes[key]!
    if (attribute.uri === xmlnsNamespace || attribute.name === "xmlns") continue
    attributes[attribute.uri === "" ? attribute.local : attribute.name] = attribute.value
  }
  return attributes
}

/** The document element; throws XmlSyntaxError for anything that is not one well-formed, namespace-well-formed document. */
export const parseXml = (text: string): XmlElement => {
  const parser = new SaxesParser({ xmlns: true })
  const stack: Array<Building> = []
  let root: XmlElement | undefined
  parser.on("opentag", (tag) => {
    stack.push({ name: tag.local, namespace: tag.uri, attributes: attributesOf(tag), children: [], text: "" })
  })
  const addText = (content: string) => {
    const open = stack[stack.length - 1]
    if (open !== undefined) open.text += content
  }
  parser.on("text", addText)
  parser.on("cdata", addText)
  parser.on("closetag", () => {
    const done = stack.pop()!
    const element: XmlElement = { ...done, text: done.children.length > 0 && isBlank(done.text) ? "" : done.text }
    const parent = stack[stack.length - 1]
    if (parent === undefined) root = element
    else parent.children.push(element)
  })
  try {
    parser.write(text).close()
  } catch (error) {
    throw new XmlSyntaxError(error instanceof Error ? error.message : String(error))
  }
  if (root === undefined) throw new XmlSyntaxError("No document element")
  return root
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
