import { Schema } from "effect"

/**
 * MAP-6: OACS cannot create a customer without an address, and only ORCE's HOME address maps to it.
 * The reason is the message, so a report row or log line needs nothing else.
 */
export class NoHomeAddress extends Schema.TaggedError<NoHomeAddress>()("NoHomeAddress", {
  customerId: Schema.String,
  message: Schema.String
}) {}

export const noHomeAddress = (customerId: string): NoHomeAddress =>
  new NoHomeAddress({
    customerId,
    message: `ORCE customer ${customerId} has no HOME address; OACS cannot create it`
  })

/** MAP-16: OACS's mail flag is Y or N, so ORCE's mail permission must consist of or start with one of them. */
export class InvalidMailPermission extends Schema.TaggedError<InvalidMailPermission>()("InvalidMailPermission", {
  customerId: Schema.String,
  permission: Schema.String,
  message: Schema.String
}) {}

export const invalidMailPermission = (customerId: string, permission: string): InvalidMailPermission =>
  new InvalidMailPermission({
    customerId,
    permission,
    message: `ORCE customer ${customerId} has mail permission ${
      JSON.stringify(permission)
    } on its HOME address; OACS accepts only a value starting with Y or N`
  })

/** Why an ORCE customer cannot be mapped to OACS. */
export type FromOrceError = NoHomeAddress | InvalidMailPermission
