// The canonical CSV columns are the snake_case names of the Customer fields, in the same order;
// test/generate/columns.test.ts fails when the two drift apart.

export const customerColumns = [
  "customer_number",
  "party_type",
  "prefix",
  "first_name",
  "middle_initial",
  "last_name",
  "suffix",
  "company",
  "street",
  "apartment",
  "address2",
  "address3",
  "address4",
  "city",
  "state",
  "postal_code",
  "country",
  "po_box",
  "delivery_code",
  "customer_class",
  "alternate_customer_number",
  "email",
  "email_opt_in",
  "day_phone",
  "day_phone_ext",
  "evening_phone",
  "evening_phone_ext",
  "third_phone",
  "third_phone_ext",
  "do_not_fax",
  "mail_flag",
  "rent_flag",
  "birth_month",
  "birth_day",
  "relate_id",
  "ecommerce_id",
  "sync_flag",
  "status"
] as const
export type CustomerColumn = (typeof customerColumns)[number]

/** One customer line of an OACS export, as text: the export may hold values validation rejects. */
export type CustomerRow = { [K in CustomerColumn]: string }

export const profileColumns = ["customer_number", "profile_description", "value"] as const
export type ProfileColumn = (typeof profileColumns)[number]
export type ProfileRow = { [K in ProfileColumn]: string }

export const toSnakeCase = (camel: string): string =>
  camel.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase()
