import type { Kysely } from "kysely"
import { type Migration, type MigrationResultSet, Migrator } from "kysely/migration"
import * as staging from "./migrations/0001_staging.ts"
import * as sync from "./migrations/0002_sync.ts"
import * as deferredIndex from "./migrations/0003_deferred_index.ts"
import * as batch from "./migrations/0004_batch.ts"
import * as rejectsInReportOrder from "./migrations/0005_rejects_in_report_order.ts"
import * as mergeRequests from "./migrations/0006_merge_requests.ts"
import * as dedupe from "./migrations/0007_dedupe.ts"
import * as mergeEngine from "./migrations/0008_merge_engine.ts"
import * as orderDecisions from "./migrations/0009_order_decisions.ts"
import * as exportFingerprints from "./migrations/0010_export_fingerprints.ts"
import * as dedupeKeys from "./migrations/0011_dedupe_keys.ts"
import * as mergeSpeed from "./migrations/0012_merge_speed.ts"
import * as mergeRequestWrites from "./migrations/0013_merge_request_writes.ts"
import * as activityOrigins from "./migrations/0014_activity_origins.ts"
import * as activityRows from "./migrations/0015_activity_rows.ts"

// Listed, not scanned: the migrations ship inside the program, whatever the working directory.
const migrations: Record<string, Migration> = {
  "0001_staging": staging,
  "0002_sync": sync,
  "0003_deferred_index": deferredIndex,
  "0004_batch": batch,
  "0005_rejects_in_report_order": rejectsInReportOrder,
  "0006_merge_requests": mergeRequests,
  "0007_dedupe": dedupe,
  "0008_merge_engine": mergeEngine,
  "0009_order_decisions": orderDecisions,
  "0010_export_fingerprints": exportFingerprints,
  "0011_dedupe_keys": dedupeKeys,
  "0012_merge_speed": mergeSpeed,
  "0013_merge_request_writes": mergeRequestWrites,
  "0014_activity_origins": activityOrigins,
  "0015_activity_rows": activityRows
}

const migrator = (db: Kysely<any>, schema: string | undefined) =>
  new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema === undefined ? {} : { migrationTableSchema: schema })
  })

const check = ({ error, results }: MigrationResultSet) => {
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === "Error")?.migrationName ?? "unknown"
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error
    })
  }
}

/** `schema`: where the migration tables live, when the staging tables are not in the default schema. */
export const migrateToLatest = async (db: Kysely<any>, schema?: string): Promise<void> => check(await migrator(db, schema).migrateToLatest())

/** Up (or down) to the migration named `name`: a migration's test starts from the database as it was before it. */
export const migrateTo = async (db: Kysely<any>, name: string, schema?: string): Promise<void> => check(await migrator(db, schema).migrateTo(name))
