import type { Customer } from "../../domain/customer.ts"

/** A customer's full name as one line: prefix, first name, middle initial, last name, suffix. */
export const personName = (c: Customer): string =>
  [c.prefix, c.firstName, c.middleInitial, c.lastName, c.suffix].filter((part) => part !== "").join(" ")

/** Who a customer is at a glance, for a person deciding a pair in a spreadsheet: the name, else the company. */
export const customerName = (customer: Customer | undefined): string =>
  customer === undefined ? "" : personName(customer) || customer.company
