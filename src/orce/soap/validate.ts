import type { ComplexType, SimpleType } from "./schema.ts"
import type { XmlElement } from "./xml.ts"

/**
 * Checks an element against its type from schema.ts and says what is wrong, naming the element by its path:
 * a qualified child, an unknown element or attribute, one out of schema order or repeated where it may not
 * be, a required one missing, a value that is not its simple type. `lenient` (the client reading ORCE's
 * answers) lets unknown elements and attributes pass, so an ORCE that adds to its answers is still read.
 */

const datePattern = /^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/

const booleans = ["true", "false", "1", "0"]

/** An element's path, written out only where it is needed: for a problem, or as the prefix of a complex child's own. */
const pathOf = (parent: string, element: XmlElement) => `${parent}/${element.name}`

const simpleProblem = (type: SimpleType, element: XmlElement, parent: string): string | undefined => {
  if (element.children.length > 0) return `${pathOf(parent, element)} must hold text, not the element ${element.children[0]!.name}`
  const value = element.text
  if (type === "boolean" && !booleans.includes(value)) return `${pathOf(parent, element)} must be true or false, not "${value}"`
  if (type === "date" && value !== "" && !datePattern.test(value)) return `${pathOf(parent, element)} must be a date (YYYY-MM-DD), not "${value}"`
  if (type === "dateTime" && value !== "" && !dateTimePattern.test(value)) return `${pathOf(parent, element)} must be a dateTime, not "${value}"`
  return undefined
}

export const contractProblem = (element: XmlElement, type: ComplexType, path: string, lenient = false): string | undefined => {
  if (type.open === true) return undefined
  if (!lenient) {
    for (const name in element.attributes) {
      if (!type.attributes.includes(name)) return `${path} has an unknown attribute ${name}`
    }
  }
  if (type.text !== true && element.text.trim() !== "") return `${path} holds text where only elements are allowed`
  let position = 0
  let lastName: string | undefined
  for (const found of element.children) {
    if (found.namespace !== "") return `${pathOf(path, found)} must be unqualified (no namespace), not in ${found.namespace}`
    let index = -1
    for (let i = position; i < type.fields.length; i++) {
      if (type.fields[i]!.name === found.name) {
        index = i
        break
      }
    }
    if (index === -1) {
      const known = type.fields.some((field) => field.name === found.name)
      if (known) return `${pathOf(path, found)} is out of schema order in ${path}`
      if (lenient) continue
      return `${pathOf(path, found)} is not an element of ${type.name}`
    }
    const field = type.fields[index]!
    if (index === position && lastName === found.name && !field.many) return `${pathOf(path, found)} may occur only once`
    for (let i = position; i < index; i++) {
      const skipped = type.fields[i]!
      if (skipped.min === 1 && !(i === position && lastName === skipped.name)) return `${path}/${skipped.name} is required`
    }
    position = index
    lastName = found.name
    const problem = typeof field.type === "string"
      ? simpleProblem(field.type, found, path)
      : contractProblem(found, field.type, pathOf(path, found), lenient)
    if (problem !== undefined) return problem
  }
  for (let i = position; i < type.fields.length; i++) {
    const remaining = type.fields[i]!
    if (remaining.min === 1 && !(i === position && lastName === remaining.name)) return `${path}/${remaining.name} is required`
  }
  return undefined
}
