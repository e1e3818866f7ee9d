import { assert, describe, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { loadInputOf } from "../../src/cli/source-flags.ts"
import { tempFile } from "../support/files.ts"

const none = Option.none<string>()
const flags = (more: Record<string, Option.Option<string>>) => ({
  file: Option.some(tempFile("customer_number\n")),
  table: none,
  profile: none,
  profileTable: none,
  ...more
})

describe("load's site flags", () => {
  it.effect("MRG-1 sites, site uses and activity are named as export tables with --sites-table, --site-uses-table and --activity-table", () =>
    Effect.gen(function*() {
      const input = yield* loadInputOf("load", flags({
        sitesTable: Option.some("oacs.sites"),
        siteUsesTable: Option.some("oacs.site_uses"),
        activityTable: Option.some("oacs.activity")
      }))
      assert.deepStrictEqual([input.sites, input.siteUses, input.activity], [{ table: "oacs.sites" }, { table: "oacs.site_uses" }, { table: "oacs.activity" }])
    }))

  it.effect("MRG-1 an export named both as a file and as a table is refused, naming which", () =>
    Effect.gen(function*() {
      const error = yield* loadInputOf("load", flags({ siteUses: Option.some(tempFile("site_use_id\n")), siteUsesTable: Option.some("oacs.site_uses") }))
        .pipe(Effect.flip)
      assert.strictEqual(error.message, "Give the site uses as a file or as a table, not both.")
    }))
})
