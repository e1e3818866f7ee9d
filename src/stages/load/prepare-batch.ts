import type { Reject } from "../../domain/reject.ts"
import type { SourceRecord } from "../../sources/record-source.ts"
import type { RecordRules } from "./record-rules.ts"

/** A batch of records prepared for writing: its valid records as COPY lines, and the rejects of the others. */
export interface PreparedBatch {
  /** Records read, valid or not. */
  readonly records: number
  /** Each valid record's key (VAL-3) and line in the source, in source order. */
  readonly keys: ReadonlyArray<string>
  readonly lines: ReadonlyArray<number>
  /** Their COPY lines, in the same order. */
  readonly rows: ReadonlyArray<string>
  readonly rejects: ReadonlyArray<Reject>
}

const malformed = (source: string, record: Extract<SourceRecord, { _tag: "Malformed" }>): Reject => ({
  source,
  line: record.line,
  customerNumber: "",
  field: "(record)",
  reason: record.reason,
  rule: "VAL-8"
})

/** Validates and encodes a batch of records. */
export const prepareBatch = <A>(source: string, rules: RecordRules<A>, records: ReadonlyArray<SourceRecord>): PreparedBatch => {
  const keys: Array<string> = []
  const lines: Array<number> = []
  const rows: Array<string> = []
  const rejects: Array<Reject> = []
  for (const record of records) {
    if (record._tag === "Malformed") {
      rejects.push(malformed(source, record))
      continue
    }
    const result = rules.validate(record.values, { source, line: record.line })
    if (!result.ok) {
      rejects.push(...result.rejects)
      continue
    }
    keys.push(rules.key(result.value))
    lines.push(record.line)
    rows.push(rules.copyLine(result.value))
  }
  return { records: records.length, keys, lines, rows, rejects }
}
