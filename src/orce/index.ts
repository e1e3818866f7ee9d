/** The ORCE client: one service, its typed errors and the layers a run or a test picks from. */
export { OrceClient, type OrcePolicy, type OrceSettings, policyFromSettings } from "./client.ts"
export * from "./contract.ts"
export * from "./errors.ts"
export { type HttpJsonTransportConfig, makeHttpJsonTransport } from "./http-json-transport.ts"
export { layerFromSettings } from "./layers.ts"
export type { Fetch, OrceTransport } from "./transport.ts"
export { describeOrceTarget, OrceTarget } from "./target.ts"
