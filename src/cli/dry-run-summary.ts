import { Console } from "effect"
import type { DryRunCounts } from "../../pipelines/dry-run.ts"
import { count } from "./format.ts"

const labels: ReadonlyArray<readonly [keyof DryRunCounts, string]> = [
  ["new", "would be created in ORCE"],
  ["relate-id", "would update the ORCE customer of their Relate ID"],
  ["ecommerce-id", "would update the ORCE customer of their e-commerce ID"],
  ["email", "would update an email match without an OROMS alt key"],
  ["email-with-oroms-key", "would update an email match that has an OROMS alt key"],
  ["oroms-alt-key", "would update the ORCE customer holding their OROMS alt key"],
  ["error", "could not be matched (ORCE error; see the log)"],
  ["rejected", "records would be rejected"]
]

/** What a dry run decided, one line per kind of decision; it wrote nothing. */
export const printDryRun = (counts: DryRunCounts) =>
  Console.log(
    [
      "Dry run: nothing was written.",
      ...labels.filter(([kind]) => counts[kind] > 0).map(([kind, label]) => `  ${count(counts[kind])} ${label}`)
    ].join("\n")
  )
