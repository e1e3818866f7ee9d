import { Effect } from "effect"
import type { Activity } from "./survivor.ts"

const noActivity: Activity = () => 0

/**
 * DUP-5: how much each customer has done, for the survivor rule (a Relate ID first, then the most activity).
 * The staging database holds no activity yet: the merge engine's migration (0008) brings the activity
 * table, and this is where it will be read. Until then every customer has 0, so the rule goes on to the
 * number of members a customer matches, then the lowest customer number.
 */
export const activityCounts: Effect.Effect<Activity> = Effect.succeed(noActivity)
