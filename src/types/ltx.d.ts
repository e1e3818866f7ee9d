// ltx ships JavaScript only: the part of its API orce-sync uses (xml.ts builds documents with it).
declare module "ltx" {
  export class Element {
    constructor(name: string, attrs?: Readonly<Record<string, string | undefined>>)
    name: string
    parent: Element | null
    children: Array<Element | string>
    attrs: Record<string, string | undefined>
    /** The element and everything under it as XML; attribute values and text escaped. */
    toString(): string
  }
  export function escapeXML(value: string): string
  export function escapeXMLText(value: string): string
}
