import type { OrceSnapshot } from "../../mock-orce/snapshot.ts"

/**
 * The mock's final state as a replay compares it: customers by ID without their create and update dates
 * (the mock stamps them from the clock), merges, and the type codes ORCE created (MOCK-3).
 */
export const normaliseOrceState = (snapshot: OrceSnapshot) => ({
  seed: snapshot.seed,
  typeCodes: snapshot.typeCodes,
  customers: Object.fromEntries(
    snapshot.customers.map(({ createDate: _created, updateDate: _updated, ...customer }) => [`ORCE ${customer.customerId}`, customer])
  ),
  redirects: snapshot.redirects
})

/** Every string with an absolute path of this machine written as its placeholder, e.g. the dataset folder as <dataset>. */
export const replacePaths = (value: unknown, paths: Readonly<Record<string, string>>): unknown => {
  const entries = Object.entries(paths).sort(([a], [b]) => b.length - a.length)
  const visit = (item: unknown): unknown => {
    if (typeof item === "string") return entries.reduce((text, [path, placeholder]) => text.replaceAll(path, placeholder), item)
    if (Array.isArray(item)) return item.map(visit)
    if (item !== null && typeof item === "object") {
      return Object.fromEntries(Object.entries(item).map(([key, inner]) => [key, visit(inner)]))
    }
    return item
  }
  return visit(value)
}
