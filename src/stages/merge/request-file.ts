import { Effect, Stream } from "effect"
import type { RejectReason } from "../load/record-rules.ts"
import type { AfterMerge, MergePriority, MergeReason } from "../../domain/merge-request.ts"
import { readCsv } from "../../sources/csv/read-csv.ts"
import type { SiteMapping } from "./plan-merge.ts"

/** The columns of a merge requests file: one row per request, or per site mapping of a request. */
export const requestColumns = [
  "request",
  "from_customer",
  "to_customer",
  "reason",
  "priority",
  "operating_unit",
  "after_merge",
  "create_same_site",
  "from_site",
  "to_site",
  "location"
] as const
export const requiredRequestColumns = ["from_customer", "to_customer", "reason", "priority"] as const

/** A request as a person submits it, before it is checked against the staging database. */
export interface SubmittedRequest {
  /** The line of its first row, as its rejects and the summary name it. */
  readonly line: number
  readonly fromCustomer: number
  readonly toCustomer: number
  readonly reason: MergeReason
  readonly priority: MergePriority
  readonly operatingUnit: string | null
  readonly afterMerge: AfterMerge
  readonly createSameSite: boolean
  readonly mappings: ReadonlyArray<SiteMapping>
}

/** A row of the file that is no request: where, which field, why (VAL-1). */
export interface FileReject extends Omit<RejectReason, "customerNumber"> {
  readonly line: number
}

const id = (text: string) => /^\d{1,12}$/.test(text) ? Number(text) : undefined

type Parsed = { readonly request: Omit<SubmittedRequest, "mappings">; readonly mapping: SiteMapping | undefined } | FileReject

const parseRow = (line: number, values: Readonly<Record<string, string>>): Parsed => {
  const value = (column: string) => (values[column] ?? "").trim()
  const bad = (field: string, reason: string): FileReject => ({ line, field, reason, rule: "MRG-1" })
  const fromCustomer = id(value("from_customer"))
  if (fromCustomer === undefined || fromCustomer > 999_999_999) return bad("from_customer", `${JSON.stringify(value("from_customer"))} is not a customer number`)
  const toCustomer = id(value("to_customer"))
  if (toCustomer === undefined || toCustomer > 999_999_999) return bad("to_customer", `${JSON.stringify(value("to_customer"))} is not a customer number`)
  const reason = value("reason")
  if (reason !== "De-duplication" && reason !== "Merger") return bad("reason", `${JSON.stringify(reason)} is not a merge reason: De-duplication or Merger`)
  const priority = value("priority").toUpperCase()
  if (priority !== "P1" && priority !== "P2" && priority !== "P3") return bad("priority", `${JSON.stringify(value("priority"))} is not a priority: P1, P2 or P3`)
  const afterMerge = value("after_merge").toLowerCase() || "inactivate"
  if (afterMerge !== "inactivate" && afterMerge !== "delete") return bad("after_merge", `${JSON.stringify(value("after_merge"))} is neither inactivate nor delete`)
  const createSameSite = value("create_same_site").toUpperCase() || "N"
  if (createSameSite !== "Y" && createSameSite !== "N") return bad("create_same_site", `${JSON.stringify(value("create_same_site"))} is not Y or N`)
  let mapping: SiteMapping | undefined
  if (value("from_site") !== "") {
    const fromSite = id(value("from_site"))
    if (fromSite === undefined) return bad("from_site", `${JSON.stringify(value("from_site"))} is not a site ID`)
    const toSite = value("to_site") === "" ? null : id(value("to_site"))
    if (toSite === undefined) return bad("to_site", `${JSON.stringify(value("to_site"))} is not a site ID`)
    mapping = { fromSite, toSite, location: value("location") === "" ? null : value("location") }
  } else if (value("to_site") !== "") {
    return bad("from_site", "a to_site needs the from_site it maps")
  }
  return {
    request: {
      line,
      fromCustomer,
      toCustomer,
      reason,
      priority,
      operatingUnit: value("operating_unit") === "" ? null : value("operating_unit"),
      afterMerge,
      createSameSite: createSameSite === "Y"
    },
    mapping
  }
}

const sameRequest = (a: Omit<SubmittedRequest, "mappings">, b: Omit<SubmittedRequest, "mappings">) =>
  a.fromCustomer === b.fromCustomer && a.toCustomer === b.toCustomer && a.reason === b.reason && a.priority === b.priority &&
  a.operatingUnit === b.operatingUnit && a.afterMerge === b.afterMerge && a.createSameSite === b.createSameSite

/**
 * Reads a merge requests file: rows with the same `request` key are one request with several site mappings;
 * without the column each row is a request. A row that cannot be a request is rejected with its line, field
 * and reason, and the rest are read (VAL-1); a file without the required columns is refused (VAL-2).
 */
export const readRequestFile = Effect.fnUntraced(function*(path: string) {
  const source = yield* readCsv(path, { knownColumns: [...requestColumns], requiredColumns: [...requiredRequestColumns] })
  const requests = new Map<string, { request: Omit<SubmittedRequest, "mappings">; mappings: Array<SiteMapping> }>()
  const rejects: Array<FileReject> = []
  yield* source.records.pipe(Stream.runForEach((record) =>
    Effect.sync(() => {
      if (record._tag === "Malformed") {
        rejects.push({ line: record.line, field: "", reason: record.reason, rule: "VAL-8" })
        return
      }
      const parsed = parseRow(record.line, record.values)
      if ("field" in parsed) {
        rejects.push(parsed)
        return
      }
      const key = (record.values.request ?? "").trim() || `line ${record.line}`
      const earlier = requests.get(key)
      if (earlier === undefined) {
        requests.set(key, { request: parsed.request, mappings: parsed.mapping === undefined ? [] : [parsed.mapping] })
      } else if (!sameRequest(earlier.request, parsed.request)) {
        rejects.push({ line: record.line, field: "request", reason: `request ${key} differs from its first row on line ${earlier.request.line}`, rule: "MRG-1" })
      } else if (parsed.mapping === undefined) {
        rejects.push({ line: record.line, field: "from_site", reason: `a further row of request ${key} must map a site`, rule: "MRG-1" })
      } else {
        earlier.mappings.push(parsed.mapping)
      }
    })
  ))
  return {
    name: source.name,
    requests: [...requests.values()].map(({ request, mappings }): SubmittedRequest => ({ ...request, mappings })),
    rejects: rejects.sort((a, b) => a.line - b.line)
  }
})
