import { Clock, Effect, Schema } from "effect"
import { Database } from "../db/database.ts"
import { describeOrceTarget } from "../orce/target.ts"

/**
 * A staging database holds the Relate IDs of one ORCE and the sync flags that say what that ORCE still lacks.
 * A sync against another ORCE would skip the customers this one already has and keep IDs that exist nowhere
 * there, so it is refused before any work.
 */
export class OrceBindingMismatch extends Schema.TaggedError<OrceBindingMismatch>()("OrceBindingMismatch", {
  bound: Schema.String,
  requested: Schema.String,
  message: Schema.String
}) {}

export const readOrceBinding = Effect.fn("OrceBinding.read")(function*() {
  const { query } = yield* Database
  return yield* query("read ORCE binding", (db) => db.selectFrom("orceBinding").select(["orceTarget", "boundAt", "boundBy"]).executeTakeFirst())
})

const LegacySettings = Schema.Struct({ ORCE_URL: Schema.optional(Schema.String), MOCK_ORCE_STATE: Schema.optional(Schema.String) })

/**
 * The ORCE a staging database of an earlier version synchronized with, which recorded no binding: read from
 * the settings of its latest export or sync (ORCE_URL, else the mock's state file, relative to the working
 * directory as then). Undefined when no run talked to ORCE.
 */
const legacyBinding = Effect.fnUntraced(function*() {
  const { query } = yield* Database
  const last = yield* query("read the last sync of an earlier version", (db) =>
    db.selectFrom("runs").select(["runId", "settings", "startedAt"])
      .where("pipeline", "in", ["initial-export", "sync"]).where("orceTarget", "is", null)
      .orderBy("startedAt", "desc").limit(1).executeTakeFirst())
  if (last === undefined) return undefined
  const settings = Schema.decodeUnknownOption(LegacySettings)(last.settings)
  // Those versions recorded every setting; a run without these says nothing of its ORCE.
  if (settings._tag === "None" || (settings.value.ORCE_URL === undefined && settings.value.MOCK_ORCE_STATE === undefined)) {
    return undefined
  }
  const target = describeOrceTarget({
    orceUrl: settings.value.ORCE_URL,
    mockOrceState: settings.value.MOCK_ORCE_STATE ?? ".orce-sync/mock-orce.json",
    dataDir: "."
  })
  return { orceTarget: target, boundAt: last.startedAt, boundBy: last.runId }
})

/** How to run against the ORCE the database is bound to, when a setting does it. */
const againstBound = (bound: string) => {
  const state = /^the in-process mock ORCE \(state in (.+)\)$/.exec(bound)?.[1]
  return state === undefined
    ? `run with --orce-url ${bound} to use that ORCE, `
    : `run without ORCE_URL and with MOCK_ORCE_STATE=${state} to use that mock again, `
}

/** Refuses a run against `target` when the staging database is bound to another ORCE. */
export const checkOrceBinding = Effect.fn("OrceBinding.check")(function*(target: string) {
  const binding = (yield* readOrceBinding()) ?? (yield* legacyBinding())
  if (binding === undefined || binding.orceTarget === target) return
  return yield* new OrceBindingMismatch({
    bound: binding.orceTarget,
    requested: target,
    message: `This staging database synchronizes with ${binding.orceTarget}, not ${target}: ${againstBound(binding.orceTarget)}` +
      `use a fresh staging database for ${target} (another --data-dir, or DATABASE_URL), or run orce-sync staging ` +
      `rebind to bind this one to it (that clears every Relate ID and flags every customer for sync).`
  })
})

/**
 * Binds an unbound staging database to `target`, as run `runId` starts (checkOrceBinding has already refused
 * another ORCE, an earlier version's included); a bound one stays as it is.
 */
export const bindOrce = Effect.fn("OrceBinding.bind")(function*(target: string, runId: string) {
  const { query } = yield* Database
  const boundAt = new Date(yield* Clock.currentTimeMillis)
  yield* query("bind ORCE", (db) =>
    db.insertInto("orceBinding").values({ orceTarget: target, boundAt, boundBy: runId })
      .onConflict((oc) => oc.column("onlyRow").doNothing()).execute())
})

/**
 * `orce-sync staging rebind`: binds the staging database to `target`, clearing every Relate ID (they name
 * customers of the other ORCE) and flagging every customer for sync, so the next sync sends them all there.
 * One transaction: a database is never half rebound.
 */
export const rebindOrce = Effect.fn("OrceBinding.rebind")(function*(target: string) {
  const { query, transaction } = yield* Database
  const boundAt = new Date(yield* Clock.currentTimeMillis)
  return yield* transaction("rebind ORCE", Effect.gen(function*() {
    const previous = yield* readOrceBinding()
    const cleared = yield* query("clear Relate IDs", (db) =>
      db.updateTable("customers").set({ relateId: "", syncFlag: "Y" }).executeTakeFirst())
    yield* query("rebind ORCE", (db) =>
      db.insertInto("orceBinding").values({ orceTarget: target, boundAt, boundBy: "staging rebind" })
        .onConflict((oc) => oc.column("onlyRow").doUpdateSet({ orceTarget: target, boundAt, boundBy: "staging rebind" })).execute())
    return { previous: previous?.orceTarget, customers: Number(cleared.numUpdatedRows) }
  }))
})
