import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { readdirSync, existsSync } from "node:fs"
import { join } from "node:path"
import { replayDataset } from "../../pipelines/qa-replay.ts"
import { canonicalJson } from "../../src/replay/canonical-json.ts"
import { readDataset } from "../../src/replay/dataset.ts"
import { formatDifference } from "../../src/replay/diff.ts"
import { compareWithExpected } from "../../src/replay/expected.ts"
import { forEachDialect } from "../support/databases.ts"
import { live } from "../sync/harness.ts"

/**
 * `npm test` replays every dataset of data/datasets/ (issue 16), one test each, on both dialects: its
 * results must equal its expected ones, and a second replay must give the same bytes (RPT-4).
 */

const root = join(import.meta.dirname, "..", "..", "data", "datasets")
const datasets = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, "dataset.json")))
  .map((entry) => entry.name)
  .sort()

const asText = (results: Readonly<Record<string, unknown>>) =>
  Object.fromEntries(Object.entries(results).map(([name, value]) => [name, canonicalJson(value)]))

forEachDialect("QA replay of data/datasets", (it) => {
  it("has the datasets the issue asks for", () => {
    for (const name of ["clean-export", "dirty-export", "faulty-orce", "orce-holds-customers", "orders-guest-and-registered", "orders-orce-unreachable"]) {
      assert.include(datasets, name)
    }
  })

  for (const name of datasets) {
    it.effect(`RPT-4 ${name} replays as its expected results say, byte for byte, twice`, () =>
      live(Effect.gen(function*() {
        const dataset = yield* readDataset(join(root, name))
        const first = yield* replayDataset(dataset)
        assert.deepStrictEqual(compareWithExpected(dataset, first).map(formatDifference), [])
        const second = yield* replayDataset(dataset)
        assert.deepStrictEqual(asText(second), asText(first))
      })), 120_000)
  }
})
