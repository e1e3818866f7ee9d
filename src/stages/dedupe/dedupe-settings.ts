import { Schema } from "effect"

const Probability = Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 1 }))
const Count = (minimum: number, maximum: number) => Schema.Int.check(Schema.isBetween({ minimum, maximum }))

/** The dedupe stage's settings; the production defaults are `defaultDedupeSettings`. */
export const DedupeSettings = Schema.Struct({
  /** DUP-3: a pair at or above this match probability is merged. */
  autoMerge: Probability,
  /** DUP-3: a pair at or above this, but below autoMerge, goes to a person. */
  review: Probability,
  /** DUP-1: a block up to this size is compared all pairs with all. */
  maxBlockSize: Count(2, 100_000),
  /** DUP-1: in a larger block each record is compared with this many neighbours by name. */
  window: Count(1, 10_000),
  /** Random pairs the u probabilities are estimated from. */
  randomPairs: Count(1_000, 100_000_000),
  /** Seed of the random pairs, so a run is reproducible. */
  seed: Schema.Int,
  /** Expectation–maximisation rounds at most. */
  maxIterations: Count(1, 10_000)
}).check(
  Schema.makeFilter(({ autoMerge, review }) =>
    review <= autoMerge || "the review threshold must not be above the auto-merge threshold; lower --review or raise --auto-merge"
  )
)
export type DedupeSettings = typeof DedupeSettings.Type

export const defaultDedupeSettings: DedupeSettings = {
  autoMerge: 0.99,
  review: 0.8,
  maxBlockSize: 50,
  window: 20,
  randomPairs: 30_000,
  seed: 1,
  maxIterations: 50
}
