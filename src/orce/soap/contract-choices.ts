/**
 * What shared/docs/ORCE-CUSTOMER-SERVICES.md marks UNKNOWN or [inferred], as choices with the document's best
 * guess as default. mock-orce/README.md lists them under "check against your ORCE".
 */
export interface SoapContractChoices {
  /** Which Telephone attribute carries our phone type (ORCE_DAY/EVE/FAX_PHONE_LABEL, MAP-7): doc section 5. */
  readonly phoneTypeAttribute: "TypeCode" | "Label"
  /**
   * mergeCustomers: which side the customer merged away goes to (doc 3.4). ORCE answers the survivor's ID
   * either way, and that answer is what the client returns.
   */
  readonly mergeFromGoesTo: "mergeSource" | "mergeTargetSet"
  /** Per-entry contact permission (Y/N as OACS holds it) → ORCE's ContactPreferenceCode; absent keys pass as they are. */
  readonly contactPreferenceCodes: Readonly<Record<string, string>>
  /** relateExceptionCode spellings per typed error (doc 3.5: from a v1.0 stub, unconfirmed for v3.1). */
  readonly faultCodes: FaultCodes
}

export interface FaultCodes {
  /** → OrceNotFound (a retrieve answers "no such customer"). */
  readonly notFound: ReadonlyArray<string>
  /** A search that found nothing, answered as a fault rather than an empty list. */
  readonly noneFound: ReadonlyArray<string>
  /** → OrceLookupLimit (SYNC-11). */
  readonly lookupLimit: ReadonlyArray<string>
  /** → OrceMaskedResponse: the security user may not read or write the customer (SYNC-10). */
  readonly noAccess: ReadonlyArray<string>
  /** → OrceUnauthorized: the security user is not accepted; stops the run. */
  readonly invalidUser: ReadonlyArray<string>
  /** → OrceUnavailable (retried): ORCE's own trouble, not the request's. */
  readonly unavailable: ReadonlyArray<string>
  /** The alternate key is held by another customer → OrceRejected with this code. */
  readonly altKeyConflict: ReadonlyArray<string>
}

export const defaultFaultCodes: FaultCodes = {
  notFound: ["CUSTOMER_NOT_FOUND"],
  noneFound: ["NO_CUSTOMERS_FOUND"],
  lookupLimit: ["MAXIMUM_LOOKUP_RESULTS_ERROR"],
  noAccess: ["NO_ACCESS_ON_CUSTOMER", "NO_WRITE_PRIVILEGE_ON_CUSTOMER"],
  invalidUser: ["INVALID_USER", "USER_NOT_FOUND", "SESSION_EXPIRED"],
  unavailable: ["UNEXPECTED_ERROR", "DATABASE_COMMIT_EXCEPTION", "CONCURRENT_DATA_ACCESS", "CUSTOMER_LOOKUP_TIMEOUT_ERROR"],
  altKeyConflict: ["DUPLICATE_CUSTOMER_ALT_KEY_EXISTS"]
}

export const defaultContractChoices: SoapContractChoices = {
  phoneTypeAttribute: "TypeCode",
  mergeFromGoesTo: "mergeSource",
  contactPreferenceCodes: {},
  faultCodes: defaultFaultCodes
}
