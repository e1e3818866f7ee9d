import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { sql } from "kysely"
import { startJob } from "../../src/batch/job.ts"
import { loadJob } from "../../pipelines/load.ts"
import { Database } from "../../src/db/database.ts"
import { cleanRow, customersCsv } from "../support/customers-csv.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { tempFile } from "../support/files.ts"
import { testSettingsLayer } from "../support/settings.ts"

/** The customers' sites, site uses and activity load from one file per table, row by row (VAL-1). */

const csv = (lines: ReadonlyArray<string>) => tempFile(lines.join("\n") + "\n")

forEachDialect("load sites, site uses and activity", (it) => {
  it.effect("VAL-1 every site, site use and activity row is loaded or rejected with its line, field and reason", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const sites = csv([
        "site_id,customer_number,operating_unit,street,city,state,postal_code,country",
        "10,1,OU1,1 Main St,Springfield,IL,62701,US",
        "11,9,OU1,2 Main St,Springfield,IL,62701,US",
        "12,1,OU1,3 Main St,Springfield,IL,62701,USA",
        "10,1,OU1,1 Main St,Springfield,IL,62701,US",
        "13,1,,4 Main St,Springfield,IL,62701,US"
      ])
      const uses = csv([
        "site_use_id,site_id,use_type,location,primary",
        "100,10,bill-to,HQ,Y",
        "101,10,Ship To,HQ,N",
        "102,10,payer,X,N",
        "103,11,BILL_TO,HQ,N",
        "104,10,BILL_TO,HQ,N"
      ])
      const activity = csv([
        "activity_id,kind,site_use_id,document,amount",
        "1,invoice,100,INV-1,12.50",
        "2,receipt,101,R-1,-3",
        "3,refund,100,X,1",
        "4,order,999,O-1,1",
        "5,credit,100,C-1,1.234"
      ])
      const result = yield* startJob(loadJob, {
        customers: { file: tempFile(customersCsv([cleanRow(1)])) },
        sites: { file: sites },
        siteUses: { file: uses },
        activity: { file: activity }
      }).pipe(Effect.provide(testSettingsLayer()))
      if (result._tag === "NotRun") return assert.fail(result.reason)
      const counts = Object.fromEntries(result.steps.map((step) => [step.step, [step.counts.read, step.counts.written, step.counts.rejected]]))
      assert.deepStrictEqual(counts, {
        "load-customers": [1, 1, 0],
        "load-sites": [5, 1, 4],
        "load-site-uses": [5, 2, 3],
        "load-activity": [5, 2, 3]
      })
      const { query } = yield* Database
      const rejects = yield* query("rejects", (db) =>
        db.selectFrom("rejects").select(["source", "line", "field", "rule", "reason"]).where("runId", "=", result.runId).orderBy("id").execute())
      assert.deepStrictEqual(rejects.map((reject) => [reject.source === sites ? "sites" : reject.source === uses ? "uses" : "activity", reject.line, reject.field, reject.rule]), [
        ["sites", 3, "customer_number", "VAL-1"],
        ["sites", 4, "country", "VAL-5"],
        ["sites", 5, "site_id", "VAL-3"],
        ["sites", 6, "operating_unit", "VAL-1"],
        ["uses", 4, "use_type", "MRG-3"],
        ["uses", 5, "site_id", "VAL-1"],
        ["uses", 6, "location", "MRG-4"],
        ["activity", 4, "kind", "MRG-7"],
        ["activity", 5, "site_use_id", "VAL-1"],
        ["activity", 6, "amount", "VAL-1"]
      ])
      assert.strictEqual(rejects[0]!.reason, "customer 9 is not in the staging database")
      const loadedUses = yield* query("uses", (db) =>
        db.selectFrom("siteUses").select(["useType", "customerNumber", "operatingUnit", "isPrimary"]).orderBy("siteUseId").execute())
      assert.deepStrictEqual(loadedUses, [
        { useType: "BILL_TO", customerNumber: 1, operatingUnit: "OU1", isPrimary: true },
        { useType: "SHIP_TO", customerNumber: 1, operatingUnit: "OU1", isPrimary: false }
      ])
      const moved = yield* query("activity", (db) => db.selectFrom("activity").select(["customerNumber", "amount"]).orderBy("activityId").execute())
      assert.deepStrictEqual(moved.map((row) => [row.customerNumber, Number(row.amount)]), [[1, 12.5], [1, -3]])
    }))

  it.effect("VAL-1 sites, site uses and activity load from PostgreSQL export tables as they do from files, row by row", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const { query } = yield* Database
      // Export tables as OACS writes them, in the staging database itself (no SOURCE_DATABASE_URL).
      yield* query("export tables", async (db) => {
        await sql`DROP TABLE IF EXISTS export_sites, export_site_uses, export_activity`.execute(db)
        await sql`CREATE TABLE export_sites (site_id bigint, customer_number integer, operating_unit text, street text, city text, state text,
          postal_code text, country text)`.execute(db)
        await sql`INSERT INTO export_sites VALUES (10, 1, 'OU1', '1 Main St', 'Springfield', 'IL', '62701', 'US'),
          (11, 9, 'OU1', '2 Main St', 'Springfield', 'IL', '62701', 'US')`.execute(db)
        await sql`CREATE TABLE export_site_uses (site_use_id bigint, site_id bigint, use_type text, location text, "primary" text)`.execute(db)
        await sql`INSERT INTO export_site_uses VALUES (100, 10, 'bill-to', 'HQ', 'Y'), (101, 10, 'Ship To', 'HQ', 'N'), (102, 10, 'payer', 'X', 'N')`.execute(db)
        await sql`CREATE TABLE export_activity (activity_id bigint, kind text, site_use_id bigint, document text, amount numeric)`.execute(db)
        await sql`INSERT INTO export_activity VALUES (1, 'invoice', 100, 'INV-1', 12.50), (2, 'receipt', 101, 'R-1', -3), (4, 'order', 999, 'O-1', 1)`.execute(db)
      })
      const result = yield* startJob(loadJob, {
        customers: { file: tempFile(customersCsv([cleanRow(1)])) },
        sites: { table: "export_sites" },
        siteUses: { table: "export_site_uses" },
        activity: { table: "export_activity" }
      }).pipe(Effect.provide(testSettingsLayer()))
      if (result._tag === "NotRun") return assert.fail(result.reason)
      const counts = Object.fromEntries(result.steps.map((step) => [step.step, [step.counts.read, step.counts.written, step.counts.rejected]]))
      assert.deepStrictEqual(counts, {
        "load-customers": [1, 1, 0],
        "load-sites": [2, 1, 1],
        "load-site-uses": [3, 2, 1],
        "load-activity": [3, 2, 1]
      })
      const rejects = yield* query("rejects", (db) =>
        db.selectFrom("rejects").select(["source", "line", "field", "rule"]).where("runId", "=", result.runId).orderBy("id").execute())
      assert.deepStrictEqual(rejects.map((reject) => [reject.source, reject.line, reject.field, reject.rule]), [
        ["table export_sites", 2, "customer_number", "VAL-1"],
        ["table export_site_uses", 3, "use_type", "MRG-3"],
        ["table export_activity", 3, "site_use_id", "VAL-1"]
      ])
      const loaded = yield* query("activity", (db) => db.selectFrom("activity").select(["customerNumber", "siteUseId", "amount"]).orderBy("activityId").execute())
      assert.deepStrictEqual(loaded.map((row) => [row.customerNumber, Number(row.siteUseId), Number(row.amount)]), [[1, 100, 12.5], [1, 101, -3]])
    }))
})
