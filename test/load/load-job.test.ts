import { assert } from "@effect/vitest"
import { Effect, Exit } from "effect"
import { readFileSync, rmSync } from "node:fs"
import { parse } from "csv-parse/sync"
import { loadJob } from "../support/jobs.ts"
import { Database } from "../../src/db/database.ts"
import { readRejects, startRun, writeRejects } from "../../src/runs/run-ledger.ts"
import { loadSteps } from "../../src/stages/load/load-step.ts"
import { runJob } from "../../src/batch/job.ts"
import { openLoadSources, opened } from "../../src/stages/load/open-sources.ts"
import { customersCsv, cleanRow } from "../support/customers-csv.ts"
import { forEachDialect, resetDatabase } from "../support/databases.ts"
import { tempFile } from "../support/files.ts"
import { testSettingsLayer } from "../support/settings.ts"

const sample = "data/sample/customers.csv"
const sampleProfiles = "data/sample/profiles.csv"

const runLoad = (customers: string, profiles?: string, flags: Record<string, string> = {}) =>
  loadJob({ customers: { file: customers }, profiles: profiles === undefined ? undefined : { file: profiles } }).pipe(
    Effect.provide(testSettingsLayer(flags))
  )

const tableCount = (table: "customers" | "customerProfiles" | "runs") =>
  Effect.gen(function*() {
    const { query } = yield* Database
    const row = yield* query("count", (db) =>
      db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as("count")).executeTakeFirstOrThrow())
    return Number(row.count)
  })

const rejectedLines = (runId: string) =>
  Effect.gen(function*() {
    const { query } = yield* Database
    const rows = yield* query("rejects", (db) =>
      db.selectFrom("rejects").select(["source", "line", "field", "rule", "reason", "customerNumber"]).where("runId", "=", runId)
        .orderBy("id").execute())
    return rows
  })

forEachDialect("load job", (it) => {
  it.effect("VAL-1 accounts for every row of the sample: loaded + rejected = rows", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const rows = parse(readFileSync(sample), { columns: true }).length as number
      const result = yield* runLoad(sample, sampleProfiles, { LOAD_CHUNK_SIZE: "128" })
      assert.strictEqual(result.customers.records, rows)
      assert.strictEqual(result.customers.loaded + result.customers.rejected, rows)
      assert.isAbove(result.customers.rejected, 0)
      assert.strictEqual(yield* tableCount("customers"), result.customers.loaded)
      const rejects = yield* rejectedLines(result.runId)
      const records = new Set(rejects.map((reject) => `${reject.source}:${reject.line}`))
      assert.strictEqual(records.size, result.customers.rejected + result.profiles.rejected)
      for (const reject of rejects) {
        assert.isAbove(reject.line, 1)
        assert.match(reject.rule, /^VAL-\d$/)
        assert.notStrictEqual(reject.reason, "")
      }
      const profileRows = parse(readFileSync(sampleProfiles), { columns: true }).length as number
      assert.strictEqual(result.profiles.loaded + result.profiles.rejected, profileRows)
      assert.strictEqual(yield* tableCount("customerProfiles"), result.profiles.loaded)
    }))

  it.effect("VAL-3 rejects a later duplicate customer number, within a chunk and across chunks", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const file = tempFile(customersCsv([cleanRow(1), cleanRow(1), cleanRow(2), cleanRow(3), cleanRow(1), cleanRow(2)]))
      const result = yield* runLoad(file, undefined, { LOAD_CHUNK_SIZE: "2" })
      assert.deepStrictEqual(result.customers, { records: 6, loaded: 3, rejected: 3 })
      const rejects = yield* rejectedLines(result.runId)
      assert.deepStrictEqual(rejects.map((reject) => [reject.line, reject.rule, reject.customerNumber]), [
        [3, "VAL-3", "1"],
        [6, "VAL-3", "1"],
        [7, "VAL-3", "2"]
      ])
    }))

  it.effect("VAL-3 rejects the later of two duplicates prepared in different batches of one chunk, citing the first", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      // 2,500 rows: chunks of 2,000 and 500; the first chunk's rows are prepared in batches, on several threads.
      const rows = Array.from({ length: 2500 }, (_, index) => cleanRow(index + 1))
      rows[1499] = cleanRow(7, { city: "Later" })
      const committed: Array<number> = []
      const result = yield* loadJob({ customers: { file: tempFile(customersCsv(rows)) } }, (progress) =>
        committed.push(progress.done)).pipe(Effect.provide(testSettingsLayer({ LOAD_CHUNK_SIZE: "2000" })))
      assert.deepStrictEqual(committed, [2000, 2500])
      assert.deepStrictEqual(result.customers, { records: 2500, loaded: 2499, rejected: 1 })
      const rejects = yield* rejectedLines(result.runId)
      assert.deepStrictEqual(rejects.map((reject) => [reject.line, reject.rule, reject.customerNumber]), [[1501, "VAL-3", "7"]])
      assert.include(rejects[0]!.reason, "already appears on line 8")
      const { query } = yield* Database
      const kept = yield* query("read", (db) =>
        db.selectFrom("customers").select(["city"]).where("customerNumber", "=", 7).executeTakeFirstOrThrow())
      assert.strictEqual(kept.city, "Springfield")
      assert.strictEqual(yield* tableCount("customers"), 2499)
    }))

  it.effect("a file that disappears after it was opened fails the load with an error that names it", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const file = tempFile(customersCsv([cleanRow(1)]))
      const sources = yield* openLoadSources({ customers: { file } }).pipe(Effect.provide(testSettingsLayer()))
      rmSync(file)
      const runId = yield* startRun({ pipeline: "load", settings: {}, inputs: [], parameters: {} })
      const error = yield* Effect.flip(runJob({ name: "load", inputs: [], listeners: [], steps: loadSteps(opened(sources), { loadChunkSize: 5000, maxRejects: undefined }, { flagForSync: false }) }, runId).pipe(Effect.provide(testSettingsLayer())))
      assert.strictEqual(error._tag, "SourceError")
      assert.include(error.message, file)
      assert.strictEqual(yield* tableCount("customers"), 0)
    }).pipe(Effect.scoped))

  it.effect("a second load of an export replaces the customers it holds", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* runLoad(tempFile(customersCsv([cleanRow(1), cleanRow(2)])))
      const second = yield* runLoad(tempFile(customersCsv([cleanRow(1, { city: "Chicago", sync_flag: "Y" })])))
      assert.deepStrictEqual(second.customers, { records: 1, loaded: 1, rejected: 0 })
      const { query } = yield* Database
      const rows = yield* query("read", (db) =>
        db.selectFrom("customers").select(["customerNumber", "city", "syncFlag"]).orderBy("customerNumber").execute())
      assert.deepStrictEqual(rows, [
        { customerNumber: 1, city: "Chicago", syncFlag: "Y" },
        { customerNumber: 2, city: "Springfield", syncFlag: "N" }
      ])
    }))

  it.effect("VAL-3 a chunk with new customers, customers of an earlier load and a duplicate of this load writes each its way", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* runLoad(tempFile(customersCsv([cleanRow(1), cleanRow(2)])))
      const second = yield* runLoad(
        tempFile(customersCsv([
          cleanRow(3),
          cleanRow(1, { city: "Chicago" }),
          cleanRow(4),
          cleanRow(2, { city: "Boston" }),
          cleanRow(3, { city: "Denver" }),
          cleanRow(5)
        ])),
        undefined,
        { LOAD_CHUNK_SIZE: "3" }
      )
      assert.deepStrictEqual(second.customers, { records: 6, loaded: 5, rejected: 1 })
      assert.deepStrictEqual((yield* rejectedLines(second.runId)).map((reject) => [reject.line, reject.rule]), [[6, "VAL-3"]])
      const { query } = yield* Database
      const rows = yield* query("read", (db) =>
        db.selectFrom("customers").select(["customerNumber", "city", "loadRunId"]).orderBy("customerNumber").execute())
      assert.deepStrictEqual(rows.map((row) => [row.customerNumber, row.city]), [
        [1, "Chicago"],
        [2, "Boston"],
        [3, "Springfield"],
        [4, "Springfield"],
        [5, "Springfield"]
      ])
      assert.isTrue(rows.every((row) => row.loadRunId === second.runId))
    }))

  it.effect("values with backslashes, tabs and quoted line breaks are stored exactly as read", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const file = tempFile(customersCsv([
        cleanRow(1, { company: "Back\\slash & Co", address2: "Floor 2\nSuite\t9", apartment: "\\N" })
      ]))
      const result = yield* runLoad(file)
      assert.deepStrictEqual(result.customers, { records: 1, loaded: 1, rejected: 0 })
      const { query } = yield* Database
      const row = yield* query("read", (db) =>
        db.selectFrom("customers").select(["company", "address2", "apartment"]).executeTakeFirstOrThrow())
      assert.deepStrictEqual(row, { company: "Back\\slash & Co", address2: "Floor 2\nSuite\t9", apartment: "\\N" })
    }))

  it.effect("SYNC-2 the initial export's load flags every customer it writes, new or re-loaded; a plain load keeps the export's flag", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      yield* runLoad(tempFile(customersCsv([cleanRow(1), cleanRow(2), cleanRow(3)])))
      const sources = yield* openLoadSources({
        customers: { file: tempFile(customersCsv([cleanRow(2), cleanRow(4), cleanRow(5, { sync_flag: "N" })])) }
      }).pipe(Effect.provide(testSettingsLayer({ LOAD_CHUNK_SIZE: "2" })))
      const runId = yield* startRun({ pipeline: "initial-export", settings: {}, inputs: [], parameters: {} })
      yield* runJob({ name: "initial-export", inputs: [], listeners: [], steps: loadSteps(opened(sources), { loadChunkSize: 2, maxRejects: undefined }, { flagForSync: true }) }, runId).pipe(Effect.provide(testSettingsLayer({ LOAD_CHUNK_SIZE: "2" })))
      const { query } = yield* Database
      const rows = yield* query("read", (db) =>
        db.selectFrom("customers").select(["customerNumber", "syncFlag"]).orderBy("customerNumber").execute())
      assert.deepStrictEqual(rows.map((row) => [row.customerNumber, row.syncFlag]), [
        [1, "N"],
        [2, "Y"],
        [3, "N"],
        [4, "Y"],
        [5, "Y"]
      ])
    }).pipe(Effect.scoped))

  it.effect("a load commits LOAD_CHUNK_SIZE rows at a time, whatever the sync's CHUNK_SIZE", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const committed: Array<number> = []
      const file = tempFile(customersCsv([1, 2, 3, 4, 5].map((n) => cleanRow(n))))
      yield* loadJob({ customers: { file } }, (progress) => committed.push(progress.done)).pipe(
        Effect.provide(testSettingsLayer({ LOAD_CHUNK_SIZE: "2", CHUNK_SIZE: "4" }))
      )
      assert.deepStrictEqual(committed, [2, 4, 5])
    }))

  it.effect("VAL-2 refuses a file missing required columns before anything is loaded", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const file = tempFile(customersCsv([cleanRow(1)], ["customer_number", "first_name", "last_name"]))
      const error = yield* Effect.flip(runLoad(file))
      assert.strictEqual(error._tag, "SourceError")
      assert.include(error.message, "company, street, city, state, postal_code, country")
      assert.strictEqual(yield* tableCount("runs"), 0)
      assert.strictEqual(yield* tableCount("customers"), 0)
    }))

  it.effect("VAL-8 malformed records, and one holding a NUL character, are rejected with their line and the rest is loaded", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const good = customersCsv([cleanRow(1), cleanRow(2)]).split("\n")
      const withNul = customersCsv([cleanRow(5, { city: "Spring\u0000field" })]).split("\n")[1]
      const text = [good[0], good[1], "3,\"broken", "4,too,few", withNul, good[2], ""].join("\n")
      const result = yield* runLoad(tempFile(text))
      assert.deepStrictEqual(result.customers, { records: 5, loaded: 2, rejected: 3 })
      const rejects = yield* rejectedLines(result.runId)
      assert.deepStrictEqual(rejects.map((reject) => [reject.line, reject.rule, reject.field]), [
        [3, "VAL-8", "(record)"],
        [4, "VAL-8", "(record)"],
        [5, "VAL-8", "(record)"]
      ])
    }))

  it.effect("VAL-1 VAL-8 a file of CR line ends loads every row, a quoted CR and a U+FFFD as read, and rejects the bad with their line", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const [header, ...rows] = customersCsv([
        cleanRow(1),
        cleanRow(2, { company: "Acme\rWest" }),
        cleanRow(3, { last_name: "Gr\uFFFDn" }),
        cleanRow(5, { first_name: "\u0000" }),
        cleanRow(6),
        cleanRow(7)
      ]).trimEnd().split("\n")
      // Old Mac exports end lines in CR alone; the last rows end in LF and CRLF, as a file edited elsewhere may.
      const text = `${[header, ...rows.slice(0, 3), "4,too,few", ...rows.slice(3, 5)].join("\r")}\n${rows[5]}\r\n`
      const [before, after] = text.split("\u0000")
      const result = yield* runLoad(tempFile(Buffer.concat([Buffer.from(before!), Buffer.from([0xff]), Buffer.from(after!)])))
      assert.deepStrictEqual(result.customers, { records: 7, loaded: 5, rejected: 2 })
      const rejects = yield* rejectedLines(result.runId)
      assert.deepStrictEqual(rejects.map((reject) => [reject.line, reject.rule, reject.reason]), [
        [6, "VAL-8", `line 6 has 3 fields; the header has ${header!.split(",").length}`],
        [7, "VAL-8", "line 7 is not valid UTF-8"]
      ])
      const { query } = yield* Database
      const stored = yield* query("read", (db) =>
        db.selectFrom("customers").select(["customerNumber", "company", "lastName"]).orderBy("customerNumber").execute())
      assert.deepStrictEqual(stored.map((row) => [row.customerNumber, row.company, row.lastName]), [
        [1, "", "Lovelace"],
        [2, "Acme\rWest", "Lovelace"],
        [3, "", "Gr\uFFFDn"],
        [6, "", "Lovelace"],
        [7, "", "Lovelace"]
      ])
    }))

  it.effect("VAL-1 a run with more rejects than MAX_REJECTS fails and is marked failed", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const rows = [cleanRow(1), cleanRow(2, { country: "USA" }), cleanRow(3, { email: "not-an-email" })]
      const exit = yield* Effect.exit(runLoad(tempFile(customersCsv(rows)), undefined, { MAX_REJECTS: "1" }))
      assert.isTrue(Exit.isFailure(exit))
      const error = Exit.isFailure(exit) ? exit.cause : undefined
      assert.include(String(error), "more than MAX_REJECTS=1")
      const { query } = yield* Database
      const runs = yield* query("runs", (db) => db.selectFrom("runs").select(["status", "counts"]).execute())
      assert.deepStrictEqual(runs.map((run) => run.status), ["failed"])
    }))

  it.effect("VAL-1 profile rows of customers that are not loaded are rejected, not lost", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const customers = tempFile(customersCsv([cleanRow(1)]))
      const profiles = tempFile("customer_number,profile_description,value\n1,MARITAL STATUS,MARRIED\n2,GENDER,F\n")
      const result = yield* runLoad(customers, profiles)
      assert.deepStrictEqual(result.profiles, { records: 2, loaded: 1, rejected: 1 })
      const rejects = yield* rejectedLines(result.runId)
      assert.deepStrictEqual(rejects.map((reject) => [reject.line, reject.customerNumber]), [[3, "2"]])
    }))

  it.effect("VAL-1 a profile an earlier chunk of the load wrote is rejected beside a new profile of its customer, as is one of an unknown customer", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const customers = tempFile(customersCsv([cleanRow(1), cleanRow(2)]))
      const profiles = tempFile(
        "customer_number,profile_description,value\n1,SIZE,M\n2,SIZE,L\n1,SIZE,XL\n1,COLOR,RED\n3,SIZE,S\n2,COLOR,BLUE\n"
      )
      // Chunks of two: the second and third chunks merge, each beside a row they write.
      const result = yield* runLoad(customers, profiles, { LOAD_CHUNK_SIZE: "2" })
      assert.deepStrictEqual(result.profiles, { records: 6, loaded: 4, rejected: 2 })
      const rejects = yield* rejectedLines(result.runId)
      assert.deepStrictEqual(rejects.map((reject) => [reject.line, reject.customerNumber, reject.rule]), [
        [4, "1", "VAL-1"],
        [6, "3", "VAL-1"]
      ])
      assert.include(rejects[0]!.reason, "profile SIZE already appears earlier in this load")
      const { query } = yield* Database
      const rows = yield* query("read", (db) =>
        db.selectFrom("customerProfiles").select(["customerNumber", "profileDescription", "value"])
          .orderBy("customerNumber").orderBy("profileDescription").execute())
      assert.deepStrictEqual(rows.map((row) => [row.customerNumber, row.profileDescription, row.value]), [
        [1, "COLOR", "RED"],
        [1, "SIZE", "M"],
        [2, "COLOR", "BLUE"],
        [2, "SIZE", "L"]
      ])
    }))

  it.effect("VAL-1 a chunk's rejects are stored exactly as given and in order, whatever their text holds", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const runId = yield* startRun({ pipeline: "load", settings: {}, inputs: [], parameters: {} })
      const rejects = [
        { source: "c:\\exports\\customers.csv", line: 7, customerNumber: "12\"3", field: "email", reason: "a \"quoted\"\tand\nmulti-line reason", rule: "VAL-6" },
        { source: "customers.csv", line: 3, customerNumber: "", field: "(record)", reason: "line 3 has 2 fields; the header has 3", rule: "VAL-8" },
        { source: "customers.csv", line: 5, customerNumber: "Ünïcødé 😀", field: "customer_number", reason: "customer number is not numeric", rule: "VAL-3" }
      ]
      const database = yield* Database
      yield* database.transaction("write rejects", writeRejects(runId, JSON.stringify(rejects)))
      assert.deepStrictEqual(yield* readRejects(runId, 10), rejects)
    }))

  it.effect("records the run in the ledger with its settings and inputs", () =>
    Effect.gen(function*() {
      yield* resetDatabase
      const file = tempFile(customersCsv([cleanRow(1)]))
      const result = yield* runLoad(file)
      const { query } = yield* Database
      const run = yield* query("run", (db) => db.selectFrom("runs").selectAll().executeTakeFirstOrThrow())
      assert.strictEqual(run.runId, result.runId)
      assert.strictEqual(run.status, "completed")
      assert.strictEqual(run.pipeline, "load")
      assert.strictEqual((run.settings as Record<string, string>).L37, "INTERACT")
      // jsonb keys come back as written, not camel-cased like column names.
      assert.strictEqual((run.settings as Record<string, string>).ORCE_ALT_ID_OROMS, "OROMS_ID")
      const inputs = run.inputs as ReadonlyArray<{ source: string; sha256: string }>
      assert.strictEqual(inputs[0]!.source, file)
      assert.match(inputs[0]!.sha256, /^[0-9a-f]{64}$/)
      assert.deepInclude(run.counts as object, { "load-customers.read": 1, "load-customers.written": 1, "load-customers.rejected": 0 })
    }))
})
