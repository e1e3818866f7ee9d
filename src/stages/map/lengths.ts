import type { Customer } from "../../domain/customer.ts"

/**
 * OACS column lengths (MAP-3), keyed by the OACS Customer field. They bind in both directions: ORCE's
 * columns are wider, so only OACS's lengths can make the two systems hold the same value.
 */
export const oacsLengths = {
  prefix: 3,
  firstName: 15,
  middleInitial: 1,
  lastName: 25,
  suffix: 3,
  company: 30,
  street: 32,
  apartment: 32,
  address2: 32,
  address3: 32,
  address4: 32,
  city: 25,
  state: 2,
  postalCode: 10,
  country: 2
} as const satisfies Partial<Record<keyof Customer, number>>

export type LimitedField = keyof typeof oacsLengths
