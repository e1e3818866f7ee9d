import type { Customer } from "./customer.ts"

type Named = Pick<Customer, "partyType" | "prefix" | "firstName" | "middleInitial" | "lastName" | "suffix" | "company">

/** A person's full name as one line: prefix, first name, middle initial, last name, suffix. */
export const personName = (c: Omit<Named, "partyType" | "company">): string =>
  [c.prefix, c.firstName, c.middleInitial, c.lastName, c.suffix].filter((part) => part !== "").join(" ")

/**
 * Who a customer is at a glance, wherever one is named for a person (the duplicate and merge reports, their
 * CSV files): an organization by its company name, else its contact's name; an individual by name, else
 * the company.
 */
export const customerName = (customer: Named | undefined): string => {
  if (customer === undefined) return ""
  const person = personName(customer)
  return customer.partyType === "O" ? customer.company || person : person || customer.company
}
