// The map/truncate stage's public surface; the modules behind it are split by rule.
export { CONTACT_CENTER, type ToOrceContext, type ToOrceResult, toOrceMessage } from "./to-orce.ts"
export { CustomerFromOrce, type FromOrce, fromOrceCustomer } from "./from-orce.ts"
export { type FromOrceError, InvalidMailPermission, NoHomeAddress } from "./errors.ts"
export { type LimitedField, oacsLengths } from "./lengths.ts"
export type { MapSettings } from "./map-settings.ts"
