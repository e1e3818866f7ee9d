import { generateExport } from "./generate-export.ts"
import { sampleOptions } from "./sample-options.ts"
import { isRejectable } from "./make-dirty.ts"
let line = 1
const vars: Record<string, number> = {}
for (const r of generateExport(sampleOptions)) {
  if (r._tag !== "Customer") continue
  line += 1
  const start = line
  line += (Object.values(r.row).join("").match(/\n/g) ?? []).length
  if (r.dirt) console.log(`| ${start} | ${r.row.customer_number} | ${r.dirt} | ${isRejectable(r.dirt) ? "reject" : "load"} |${r.duplicateOf ? " duplicate of " + r.duplicateOf : ""}`)
  for (const v of r.variations) vars[v] = (vars[v] ?? 0) + 1
}
console.log(vars)
