import { Console } from "effect"
import type { MatchKind } from "../domain/outcome.ts"
import type { Prediction } from "../stages/sync/predict-outcomes.ts"
import { count } from "./format.ts"

const outcomeLabels: ReadonlyArray<readonly [keyof Prediction["outcomes"], string]> = [
  ["created", "would be created in ORCE"],
  ["updated", "would update an ORCE customer"],
  ["relate-id-changed", "would update an ORCE customer and change their Relate ID"],
  ["error", "could not be matched (ORCE error; see the log)"],
  ["rejected", "records would be rejected"]
]

const matchLabels: ReadonlyArray<readonly [MatchKind, string]> = [
  ["relate-id", "found by their Relate ID"],
  ["ecommerce-id", "found by their e-commerce ID"],
  ["email", "found by email, without an OROMS alt key"],
  ["email-with-oroms-key", "found by email, holding an OROMS alt key"],
  ["oroms-alt-key", "found by their OROMS alt key"]
]

/** What a dry run predicts, as a real run would report it, and how the updated customers would be found. */
export const printDryRun = ({ outcomes, updatesBy }: Prediction) =>
  Console.log(
    [
      "Dry run: nothing was written.",
      ...outcomeLabels.filter(([key]) => outcomes[key] > 0).map(([key, label]) => `  ${count(outcomes[key])} ${label}`),
      ...matchLabels.flatMap(([kind, label]) => (updatesBy[kind] ?? 0) > 0 ? [`    ${count(updatesBy[kind]!)} of the updates ${label}`] : [])
    ].join("\n")
  )
