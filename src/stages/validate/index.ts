export {
  canonicalColumns,
  columnOf,
  missingColumns,
  missingColumnsMessage,
  profileColumns,
  requiredColumns,
  requiredProfileColumns
} from "./columns.ts"
export { validateCustomerRow } from "./customer-row.ts"
export { validateProfileRow } from "./profile-row.ts"
export {
  CountriesFile,
  type CountryRule,
  loadReferenceData,
  type ReferenceData,
  referenceDataFrom,
  ScfFile
} from "./reference-data.ts"
export type { RawRow, RowPosition, Validated } from "./row.ts"
