import { Element } from "ltx"
import { SaxesParser, type SaxesTagNS } from "saxes"

/**
 * XML in and out through two well-kept libraries, as a small element tree with namespaces resolved. Reading
 * is saxes (jsdom's parser): strict XML 1.0 and Namespaces in XML in one pass, so a cut-off or malformed
 * document, an undeclared prefix or an unknown entity is an error, never a partial tree; no DTD is ever
 * loaded. Writing is ltx's element tree (xmpp.js's XML library), which escapes every text and attribute value
 * as it serializes: a third of the cost of fast-xml-parser's builder, which validated names and tracked
 * paths on every element of every request.
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

/**
 * One saxes parser building element trees, kept between documents (parsing is synchronous, so one at a time):
 * a parser resets itself after each document it closes, but not after an error, so one that failed is dropped.
 */
class TreeReader {
  readonly parser: SaxesParser<{ xmlns: true; position: boolean }>
  stack: Array<Building> = []
  root: XmlElement | undefined

  constructor(position: boolean) {
    const parser = new SaxesParser({ xmlns: true, position })
    parser.on("opentag", (tag) => {
      this.stack.push({ name: tag.local, namespace: tag.uri, attributes: attributesOf(tag), children: [], text: "" })
    })
    const addText = (content: string) => {
      const open = this.stack[this.stack.length - 1]
      if (open !== undefined) open.text += content
    }
    parser.on("text", addText)
    parser.on("cdata", addText)
    parser.on("closetag", () => {
      const done = this.stack.pop()!
      if (done.children.length > 0 && done.text !== "" && isBlank(done.text)) done.text = ""
      const parent = this.stack[this.stack.length - 1]
      if (parent === undefined) this.root = done
      else parent.children.push(done)
    })
    this.parser = parser
  }

  read(text: string): XmlElement | undefined {
    this.stack = []
    this.root = undefined
    this.parser.write(text).close()
    const root = this.root
    this.root = undefined
    return root
  }
}

let reader: TreeReader | undefined

/** The document element; throws XmlSyntaxError for anything that is not one well-formed, namespace-well-formed document. */
export const parseXml = (text: string): XmlElement => {
  let root: XmlElement | undefined
  try {
    // Without position tracking: a tenth of the parse. A document that fails is read again with it, for the message.
    reader ??= new TreeReader(false)
    root = reader.read(text)
  } catch {
    reader = undefined
    try {
      new TreeReader(true).read(text)
    } catch (error) {
      throw new XmlSyntaxError(error instanceof Error ? error.message : String(error))
    }
    throw new XmlSyntaxError("The document is not well-formed XML")
  }
  if (root === undefined) throw new XmlSyntaxError("No document element")
  return root
}

// XML 1.0 cannot carry these at all, escaped or not.
const notXmlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/
const notXmlCharacters = new RegExp(notXmlCharacter.source, "g")
const clean = (value: string) => (notXmlCharacter.test(value) ? value.replace(notXmlCharacters, "") : value)

const toElement = (out: XmlOut): Element => {
  let attributes: Record<string, string> | undefined
  if (out.attributes !== undefined) {
    attributes = {}
    for (const key in out.attributes) {
      const value = out.attributes[key]
      if (value !== undefined) attributes[key] = clean(value)
    }
  }
  const element = new Element(out.name)
  // Handed over rather than copied: the constructor would copy every attribute into an object of its own.
  if (attributes !== undefined) element.attrs = attributes
  if (out.text !== undefined && out.text !== "") element.children.push(clean(out.text))
  if (out.children !== undefined) {
    for (const child of out.children) {
      if (child === undefined) continue
      const built = toElement(child)
      built.parent = element
      element.children.push(built)
    }
  }
  return element
}

export const xmlDeclaration = `<?xml version="1.0" encoding="UTF-8"?>`

/** One XML document, everything escaped by the library. */
export const buildXml = (root: XmlOut): string => xmlDeclaration + toElement(root).toString()

const hole: XmlOut = { name: "documentAround.content" }

/**
 * A document whose only varying part is one element's children, written once by the library; `fill` then
 * writes just those children. For SOAP envelopes: their Envelope, Header, Body and operation wrapper are the
 * same in every message. The frame is split at an ASCII marker element: a marker beyond Latin-1 would make
 * both halves, and so every message written around them, two bytes a character.
 */
export const documentAround = (frame: (content: XmlOut) => XmlOut): ((children: ReadonlyArray<XmlOut | undefined>) => string) => {
  const marker = toElement(hole).toString()
  const whole = buildXml(frame(hole))
  const at = whole.indexOf(marker)
  if (at === -1 || whole.lastIndexOf(marker) !== at) throw new Error("documentAround: the frame must hold its content exactly once")
  const before = whole.slice(0, at)
  const after = whole.slice(at + marker.length)
  return (children) => {
    let text = before
    for (const child of children) if (child !== undefined) text += toElement(child).toString()
    return text + after
  }
}

/** The first child element named `name` (unqualified children: namespace ignored by the caller's schema check). */
export const child = (element: XmlElement, name: string): XmlElement | undefined => element.children.find((c) => c.name === name)
export const childrenNamed = (element: XmlElement, name: string): Array<XmlElement> => element.children.filter((c) => c.name === name)
export const childText = (element: XmlElement | undefined, name: string): string | undefined => {
  if (element === undefined) return undefined
  const found = child(element, name)
  return found === undefined ? undefined : found.text
}
