import { assert, describe, it } from "@effect/vitest"
import { parseXml, XmlSyntaxError } from "../../src/orce/soap/xml.ts"

/**
 * The XML reader behind the client and the mock: a well-formed document becomes its element tree with
 * namespaces resolved; anything else is an XmlSyntaxError, never a partial tree (the client then answers
 * invalid-response, the mock a Client fault).
 */

const soap = "http://schemas.xmlsoap.org/soap/envelope/"

describe("XML reader", () => {
  it("reads names, namespaces, attributes, references, CDATA and line ends; skips comments and instructions", () => {
    const root = parseXml(
      `\uFEFF<?xml version="1.0" encoding="UTF-8"?><!-- a --><S:Envelope xmlns:S="${soap}" xmlns="urn:d">` +
        `<S:Body><item code='A&amp;B' note="x&#10;y\tz"> a &lt;&#x42;&gt; <![CDATA[<c>]]>\r\nd<?pi x?></item>` +
        `<plain xmlns=""/><é xml:lang="fr"/></S:Body></S:Envelope>\n`
    )
    assert.deepStrictEqual([root.name, root.namespace, root.attributes], ["Envelope", soap, {}])
    const body = root.children[0]!
    assert.deepStrictEqual(body.children.map((c) => [c.name, c.namespace]), [["item", "urn:d"], ["plain", ""], ["é", "urn:d"]])
    const item = body.children[0]!
    assert.deepStrictEqual(item.attributes, { code: "A&B", note: "x\ny z" })
    assert.strictEqual(item.text, " a <B> <c>\nd")
    assert.deepStrictEqual(body.children[2]!.attributes, { "xml:lang": "fr" })
    assert.strictEqual(body.text, "")
  })

  it("refuses what is not one well-formed, namespace-well-formed document", () => {
    const whole = `<a xmlns:p="urn:p"><p:b c="1">text</p:b></a>`
    const refused = [
      "",
      "Service temporarily unavailable",
      `{"customerId":"1"}`,
      whole.slice(0, whole.length / 2),
      "<a></b>",
      "<a/><b/>",
      "<a/>tail",
      "lead<a/>",
      "<a b/>",
      "<a b=1/>",
      "<a b='1'c='2'/>",
      "<a b='1' b='2'/>",
      "<a b='<'/>",
      "<p:a/>",
      "<a xmlns:p='urn:p' xmlns:q='urn:p' p:x='1' q:x='2'/>",
      "<a xmlns:p=''/>",
      "<a>&unknown;</a>",
      "<a>fish & chips</a>",
      "<a>&#0;</a>",
      "<a>\u0001</a>",
      "<a>]]></a>",
      "<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>",
      "<a><!-- x -- y --></a>",
      "<a><?xml version='1.0'?></a>",
      "<1a/>",
      "<a:b:c xmlns:a='urn:a'/>",
      "<a></ a>"
    ]
    for (const text of refused) {
      assert.throws(() => parseXml(text), XmlSyntaxError, undefined, JSON.stringify(text))
    }
    assert.strictEqual(parseXml(whole).children[0]!.namespace, "urn:p")
  })
})
