import type { JobDefinition } from "../src/batch/job.ts"
import type { DedupeError, DedupeRequirements } from "../src/stages/dedupe/dedupe-step.ts"
import type { LoadError, LoadRequirements } from "../src/stages/load/load-step.ts"
import type { MergeError, MergeRequirements } from "../src/stages/merge/merge-step.ts"
import type { SubmitError, SubmitRequirements } from "../src/stages/merge/submit-step.ts"
import type { OrderStepError, OrderStepRequirements } from "../src/stages/orders/order-step.ts"
import type { SyncError, SyncRequirements } from "../src/stages/sync/sync-step.ts"
import { dedupeJob } from "./dedupe.ts"
import { initialExportJob } from "./initial-export.ts"
import { loadJob } from "./load.ts"
import { mergeJob } from "./merge.ts"
import { mergeSubmitJob } from "./merge-submit.ts"
import { nightlyJob } from "./nightly.ts"
import { ordersJob } from "./orders.ts"
import { syncJob } from "./sync.ts"

/** Every job a run ledger can name: what `orce-sync resume` builds again. */
export const jobs: ReadonlyArray<
  JobDefinition<
    any,
    LoadError | SyncError | DedupeError | MergeError | SubmitError | OrderStepError,
    LoadRequirements | SyncRequirements | DedupeRequirements | MergeRequirements | SubmitRequirements | OrderStepRequirements
  >
> = [
  loadJob,
  initialExportJob,
  syncJob,
  dedupeJob,
  mergeJob,
  mergeSubmitJob,
  ordersJob,
  nightlyJob
]
