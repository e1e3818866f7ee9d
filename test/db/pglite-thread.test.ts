import { PGlite } from "@electric-sql/pglite"
import { CamelCasePlugin, Kysely, PGliteDialect } from "kysely"
import { execFile } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import { Worker } from "node:worker_threads"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { nodeOptions } from "../../src/cli/node-options.ts"
import { migrateToLatest } from "../../src/db/migrate.ts"
import { PGliteThread } from "../../src/db/pglite-thread.ts"
import type { Tables } from "../../src/db/tables.ts"

const threadModule = new URL("../../src/db/pglite-thread.ts", import.meta.url).href
const tempDirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "pglite-thread-"))
  tempDirs.push(dir)
  return dir
}
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

/**
 * Runs a module of its own in a fresh node process: what keeps a process alive is only visible from outside.
 * A file, not `--input-type=module -e`: the worker inherits the process's flags and cannot start with that one.
 */
const runScript = (body: string) => {
  const script = join(tempDir(), "script.mjs")
  writeFileSync(script, `import { PGliteThread } from ${JSON.stringify(threadModule)}\n${body}`)
  return promisify(execFile)(process.execPath, [...nodeOptions, script], { timeout: 30_000 })
}

// One instance of each for the whole file: a PGlite takes seconds to start.
let thread: PGliteThread
let direct: PGlite
beforeAll(async () => {
  ;[thread, direct] = await Promise.all([PGliteThread.create(), PGlite.create()])
  const schema = `
    CREATE TABLE t (id integer PRIMARY KEY, small smallint, name text, flag char(1), at timestamptz, doc jsonb);
    CREATE TABLE u (id integer PRIMARY KEY, name text NOT NULL)`
  await Promise.all([thread.exec(schema), direct.exec(schema)])
})
afterAll(async () => {
  await Promise.all([thread?.close(), direct?.close()])
})

const both = async (sql: string, params?: unknown[], options?: { rowMode?: "array" | "object" }) => ({
  thread: await thread.query(sql, params, options),
  direct: await direct.query(sql, params, options)
})

describe("PGliteThread", () => {
  it("returns the same results, with the same types, as PGlite on the main thread", async () => {
    const insert = `INSERT INTO t VALUES
      (1, 7, 'ann', 'Y', '2024-03-01 12:34:56.789+00', '{"a": 1, "nested": {"snake_key": [1, null]}}'),
      (2, NULL, NULL, NULL, NULL, NULL)`
    const inserted = await both(insert)
    expect(inserted.thread).toEqual(inserted.direct)
    expect(inserted.thread.affectedRows).toBe(2)

    const queries: Array<[string, unknown[]]> = [
      ["SELECT * FROM t ORDER BY id", []],
      ["SELECT 1::integer AS i, 2::smallint AS s, 'x'::text AS t, NULL AS n, 'Y'::char(1) AS c", []],
      ["SELECT '{\"k\": [1, 2]}'::json AS j, '{\"k\": true}'::jsonb AS jb", []],
      ["SELECT $1::integer[] AS ints, cardinality($1::integer[]) AS n", [[3, 1, 2]]],
      ["SELECT id FROM t WHERE id = ANY($1::integer[]) AND at < $2", [[1, 2], new Date("2025-01-01T00:00:00Z")]]
    ]
    for (const [sql, params] of queries) {
      const { thread, direct } = await both(sql, params)
      expect(thread).toEqual(direct)
    }

    const { rows } = await thread.query<{ at: Date; doc: unknown; small: number; flag: string }>("SELECT * FROM t WHERE id = 1")
    expect(rows[0]?.at).toBeInstanceOf(Date)
    expect(rows[0]?.at.toISOString()).toBe("2024-03-01T12:34:56.789Z")
    expect(rows[0]?.doc).toEqual({ a: 1, nested: { snake_key: [1, null] } })
    expect(rows[0]?.small).toBe(7)
    expect(rows[0]?.flag).toBe("Y")
  })

  it("returns rows as arrays with rowMode array", async () => {
    const { thread: result, direct: expected } = await both("SELECT 1 AS a, 'b' AS b", [], { rowMode: "array" })
    expect(result.rows).toEqual([[1, "b"]])
    expect(result).toEqual(expected)
  })

  it("runs several statements with exec", async () => {
    const results = await thread.exec("SELECT 1 AS a; SELECT 'x' AS b")
    expect(results.map((result) => result.rows)).toEqual([[{ a: 1 }], [{ b: "x" }]])
  })

  it("rejects with an Error carrying the database error's code, message and fields", async () => {
    await thread.query("INSERT INTO u VALUES (1, 'one')")
    const error = await thread.query("INSERT INTO u VALUES ($1, 'again')", [1]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({
      message: 'duplicate key value violates unique constraint "u_pkey"',
      code: "23505",
      severity: "ERROR",
      detail: "Key (id)=(1) already exists.",
      table: "u",
      constraint: "u_pkey",
      query: "INSERT INTO u VALUES ($1, 'again')",
      params: [1]
    })
    await expect(thread.query("SELECT nope FROM u")).rejects.toMatchObject({ code: "42703", position: "8" })
  })

  it("commits a transaction whose callback succeeds", async () => {
    const result = await thread.transaction(async (tx) => {
      await tx.query("INSERT INTO u VALUES (10, 'ten')")
      await tx.exec("INSERT INTO u VALUES (11, 'eleven')")
      return "done"
    })
    expect(result).toBe("done")
    expect((await thread.query("SELECT id FROM u WHERE id >= 10 ORDER BY id")).rows).toEqual([{ id: 10 }, { id: 11 }])
  })

  it("rolls back a transaction whose callback fails, and rethrows its error", async () => {
    const failure = new Error("callback failed")
    await expect(
      thread.transaction(async (tx) => {
        await tx.query("INSERT INTO u VALUES (20, 'twenty')")
        throw failure
      })
    ).rejects.toBe(failure)
    expect((await thread.query("SELECT count(*)::integer AS n FROM u WHERE id = 20")).rows).toEqual([{ n: 0 }])
  })

  it("rolls back on tx.rollback() and refuses further use of the transaction", async () => {
    let transaction: { readonly closed: boolean } | undefined
    await thread.transaction(async (tx) => {
      transaction = tx
      await tx.query("INSERT INTO u VALUES (30, 'thirty')")
      await tx.rollback()
      expect(tx.closed).toBe(true)
      await expect(tx.query("SELECT 1")).rejects.toThrow("Transaction is closed")
    })
    expect(transaction?.closed).toBe(true)
    expect((await thread.query("SELECT count(*)::integer AS n FROM u WHERE id = 30")).rows).toEqual([{ n: 0 }])
  })

  it("reports 25P02 when committing a transaction in which a statement failed", async () => {
    await expect(
      thread.transaction(async (tx) => {
        await tx.query("INSERT INTO u VALUES (1, 'duplicate')").catch(() => {})
      })
    ).rejects.toMatchObject({ code: "25P02" })
  })

  it("makes a query from outside an open transaction wait until the transaction ends", async () => {
    let outside: Promise<unknown> | undefined
    let outsideDone = false
    await thread.transaction(async (tx) => {
      await tx.query("INSERT INTO u VALUES (40, 'forty')")
      outside = thread.query("SELECT count(*)::integer AS n FROM u WHERE id = 40").then((result) => {
        outsideDone = true
        return result.rows
      })
      // Round trips inside the transaction go ahead of the waiting query.
      for (let i = 0; i < 5; i++) await tx.query("SELECT pg_sleep(0.01)")
      expect(outsideDone).toBe(false)
    })
    expect(await outside).toEqual([{ n: 1 }])
  })

  it("executes queries in the order they were made", async () => {
    await thread.exec("CREATE TABLE ordered (n integer)")
    const inserts = Array.from({ length: 50 }, (_, n) => thread.query("INSERT INTO ordered VALUES ($1)", [n]))
    await Promise.all(inserts)
    const { rows } = await thread.query<{ n: number }>("SELECT n FROM ordered")
    expect(rows.map((row) => row.n)).toEqual(Array.from({ length: 50 }, (_, n) => n))
  })

  it("loads rows with COPY FROM '/dev/blob' from a string or a Blob", async () => {
    await thread.exec("CREATE TABLE copied (id integer, name text)")
    const fromString = await thread.query("COPY copied FROM '/dev/blob'", [], { blob: "1\tone\n2\t\\N\n" })
    expect(fromString.affectedRows).toBe(2)
    await thread.transaction(async (tx) => {
      await tx.query("COPY copied FROM '/dev/blob'", [], { blob: new Blob(["3\tthree\n"]) })
    })
    expect((await thread.query("SELECT * FROM copied ORDER BY id")).rows).toEqual([
      { id: 1, name: "one" },
      { id: 2, name: null },
      { id: 3, name: "three" }
    ])
  })

  it("refuses query options that are functions, which cannot reach the worker", async () => {
    await expect(thread.query("SELECT 1", [], { parsers: { 23: Number } } as never)).rejects.toThrow("parsers")
  })

  it("runs the project's migrations and queries through kysely's PGliteDialect", async () => {
    const pglite = await PGliteThread.create()
    const db = new Kysely<Tables>({
      dialect: new PGliteDialect({ pglite }),
      plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })]
    })
    try {
      await migrateToLatest(db)
      const startedAt = new Date("2024-05-06T07:08:09.000Z")
      await db.transaction().execute((trx) =>
        trx.insertInto("runs")
          .values({
            runId: "r1",
            pipeline: "load",
            status: "running",
            settings: JSON.stringify({ data_dir: "x" }),
            inputs: "[]",
            counts: JSON.stringify({ rows_read: 3 }),
            checkpoint: null,
            startedAt
          })
          .execute()
      )
      const runs = await db.selectFrom("runs").select(["runId", "settings", "counts", "startedAt", "endedAt"]).execute()
      expect(runs).toEqual([{ runId: "r1", settings: { data_dir: "x" }, counts: { rows_read: 3 }, startedAt, endedAt: null }])
      await expect(db.selectFrom("customers").select((eb) => eb.fn.countAll<number>().as("n")).execute())
        .resolves.toEqual([{ n: 0 }])
    } finally {
      await db.destroy()
    }
    expect(pglite.closed).toBe(true)
  })

  it("keeps what was written in a data directory across close and reopen", async () => {
    const dataDir = tempDir()
    const first = await PGliteThread.create(dataDir)
    await first.exec("CREATE TABLE kept (v text)")
    // Not awaited: close waits for the queries sent before it.
    const written = first.query("INSERT INTO kept VALUES ('still here')")
    await first.close()
    expect((await written).affectedRows).toBe(1)
    expect(first.closed).toBe(true)
    const second = await PGliteThread.create(dataDir)
    try {
      expect((await second.query("SELECT v FROM kept")).rows).toEqual([{ v: "still here" }])
    } finally {
      await second.close()
    }
  })

  it("rejects create with a clear error when the data directory cannot be opened", async () => {
    const notADirectory = join(tempDir(), "file")
    writeFileSync(notADirectory, "not a database")
    await expect(PGliteThread.create(notADirectory)).rejects.toThrow(
      `Cannot open the PGlite database in ${notADirectory}`
    )
  })

  it("ends its worker on close and rejects later queries", async () => {
    const postMessage = vi.spyOn(Worker.prototype, "postMessage")
    const closing = await PGliteThread.create()
    await closing.query("SELECT 1")
    const worker = postMessage.mock.contexts[0] as Worker
    postMessage.mockRestore()
    const exited = new Promise((resolve) => worker.once("exit", resolve))
    await closing.close()
    await exited
    expect(closing.closed).toBe(true)
    expect(closing.ready).toBe(false)
    await expect(closing.query("SELECT 1")).rejects.toThrow("PGlite is closed")
    await closing.close()
  })

  it("rejects the pending and every later query when the worker dies", async () => {
    const dying = await PGliteThread.create()
    const postMessage = vi.spyOn(Worker.prototype, "postMessage")
    const pending = dying.query("SELECT pg_sleep(5)")
    const worker = postMessage.mock.contexts[0] as Worker
    postMessage.mockRestore()
    const rejected = expect(pending).rejects.toThrow("The PGlite worker exited unexpectedly")
    await worker.terminate()
    await rejected
    await expect(dying.query("SELECT 1")).rejects.toThrow("The PGlite worker exited unexpectedly")
    expect(dying.ready).toBe(false)
    await dying.close()
  })

  it("ends its worker on close, so the process can exit", async () => {
    const { stdout } = await runScript(`
      const db = await PGliteThread.create()
      const { rows } = await db.query("SELECT 41 + 1 AS n")
      await db.close()
      console.log(rows[0].n, db.closed)`)
    expect(stdout.trim()).toBe("42 true")
  })

  it("does not keep the process alive while idle, even when never closed", async () => {
    const { stdout } = await runScript(`
      const db = await PGliteThread.create()
      setTimeout(() => db.query("SELECT 'later' AS v").then(({ rows }) => console.log(rows[0].v)), 50)`)
    expect(stdout.trim()).toBe("later")
  })
})
