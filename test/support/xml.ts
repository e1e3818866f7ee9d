/**
 * A strict check that a text is well-formed XML 1.0 as our writers produce it (declaration, elements,
 * attributes, text, the five predefined entities and numeric references; no DTD, CDATA or comments), and its
 * elements as a tree. Enough to prove a JUnit file parses, without an XML library for one test.
 */
export interface XmlElement {
  readonly name: string
  readonly attributes: Readonly<Record<string, string>>
  readonly children: Array<XmlElement>
  text: string
}

const name = "[A-Za-z_][\\w.-]*"
const reference = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);/g
const decode = (text: string) =>
  text.replace(reference, (entity) => ({ "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&apos;": "'" } as Record<string, string>)[entity] ?? "?")

const checkText = (text: string, where: string) => {
  if (text.replace(reference, "").includes("&")) throw new Error(`a bare & in ${where}`)
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text)) throw new Error(`a control character in ${where}`)
}

export const parseXml = (xml: string): XmlElement => {
  let rest = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\s*/, "")
  if (rest === xml) throw new Error("no XML declaration")
  const stack: Array<XmlElement> = []
  let root: XmlElement | undefined
  const tag = new RegExp(`^<(/?)(${name})((?:\\s+${name}="[^"<]*")*)\\s*(/?)>`)
  while (rest.length > 0) {
    const at = rest.indexOf("<")
    const text = at === -1 ? rest : rest.slice(0, at)
    if (text.trim() !== "") {
      if (stack.length === 0) throw new Error("text outside the root element")
      checkText(text, `<${stack.at(-1)!.name}>`)
      stack.at(-1)!.text += decode(text)
    }
    if (at === -1) break
    rest = rest.slice(at)
    const match = tag.exec(rest)
    if (match === null) throw new Error(`not a tag: ${rest.slice(0, 40)}`)
    rest = rest.slice(match[0].length)
    const [, closing, tagName, attributeText, selfClosing] = match
    if (closing === "/") {
      const open = stack.pop()
      if (open?.name !== tagName) throw new Error(`</${tagName}> closes <${open?.name}>`)
      continue
    }
    const attributes: Record<string, string> = {}
    for (const [, key, value] of attributeText!.matchAll(new RegExp(`(${name})="([^"]*)"`, "g"))) {
      if (key! in attributes) throw new Error(`attribute ${key} twice on <${tagName}>`)
      checkText(value!, `attribute ${key}`)
      attributes[key!] = decode(value!)
    }
    const element: XmlElement = { name: tagName!, attributes, children: [], text: "" }
    if (stack.length > 0) stack.at(-1)!.children.push(element)
    else if (root === undefined) root = element
    else throw new Error("a second root element")
    if (selfClosing !== "/") stack.push(element)
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)!.name}> is never closed`)
  if (root === undefined) throw new Error("no root element")
  return root
}
