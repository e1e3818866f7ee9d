import { Console, Effect, Layer, Option, Schema } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { join } from "node:path"
import { checkDataset, replayDataset } from "../../../pipelines/qa-replay.ts"
import { layerPglite } from "../../db/database.ts"
import { chunkPreparerLayer } from "../../stages/load/chunk-preparer.ts"
import { type Dataset, datasetFolders, readDataset } from "../../replay/dataset.ts"
import { formatDifference } from "../../replay/diff.ts"
import { compareWithExpected, writeExpected } from "../../replay/expected.ts"
import { type ReplayCase, writeJunit } from "../../replay/junit.ts"
import { settingsFlags, resolveSettings } from "../settings-flags.ts"

/** Some dataset's replay differs from its expected results, or could not run: exit code 1. */
export class ReplayDiffers extends Schema.TaggedError<ReplayDiffers>()("ReplayDiffers", {
  message: Schema.String
}) {}

const errorText = (error: unknown) =>
  typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error)

const seconds = (since: number) => Math.round(performance.now() - since) / 1000

/** Replays one dataset folder, compares (or rewrites) its expected results and prints its line. */
const replayOne = (dataset: Dataset, updateExpected: boolean) =>
  Effect.gen(function*() {
    const started = performance.now()
    yield* Console.error(`replaying ${dataset.name} (${dataset.spec.pipeline})…`)
    const results = yield* replayDataset(dataset)
    const differences = compareWithExpected(dataset, results).map(formatDifference)
    const took = seconds(started)
    if (updateExpected) {
      if (differences.length === 0) {
        yield* Console.log(`same     ${dataset.name}: expected results already equal the replay (${took} s)`)
      } else {
        writeExpected(dataset, results)
        yield* Console.log(`updated  ${dataset.name}: expected results rewritten, ${differences.length} changes (${took} s)`)
        for (const line of differences) yield* Console.log(`           ${line}`)
      }
      return { name: dataset.name, pipeline: dataset.spec.pipeline, seconds: took, differences: [] } satisfies ReplayCase
    }
    if (differences.length === 0) {
      yield* Console.log(`ok       ${dataset.name} (${dataset.spec.pipeline}, ${took} s)`)
    } else {
      yield* Console.log(`DIFFERS  ${dataset.name} (${dataset.spec.pipeline}): ${differences.length} differences from ${join(dataset.directory, "expected")}`)
      for (const line of differences) yield* Console.log(`           ${line}`)
    }
    return { name: dataset.name, pipeline: dataset.spec.pipeline, seconds: took, differences } satisfies ReplayCase
  }).pipe(
    Effect.catch((error) =>
      Effect.gen(function*() {
        yield* Console.log(`ERROR    ${dataset.name}: ${errorText(error)}`)
        return { name: dataset.name, pipeline: dataset.spec.pipeline, seconds: 0, differences: [], error: errorText(error) } satisfies ReplayCase
      })
    )
  )

export const replayCommand = Command.make(
  "replay",
  {
    path: Argument.String("dataset-dir").pipe(
      Argument.withDescription("a dataset folder (with dataset.json), or a folder of datasets such as data/datasets/")
    ),
    updateExpected: Flag.Boolean("update-expected").pipe(
      Flag.withDescription("after a deliberate change: rewrite each dataset's expected results and say what changed"),
      Flag.withDefault(false)
    ),
    junit: Flag.String("junit").pipe(
      Flag.withDescription("where to write the JUnit XML of the replays (default: replay-junit.xml in REPORTS_DIR)"),
      Flag.optional
    ),
    ...settingsFlags
  },
  Effect.fn(function*(flags) {
    const settings = yield* resolveSettings(flags)
    // Every dataset is read and checked before any replays: a broken one is a usage error (exit 2), found at once.
    const datasets = yield* Effect.forEach(yield* datasetFolders(flags.path), (folder) =>
      Effect.tap(readDataset(folder), checkDataset))
    const cases: Array<ReplayCase> = []
    // One temporary staging database for all the datasets, emptied before each: never the user's.
    yield* Effect.gen(function*() {
      for (const dataset of datasets) cases.push(yield* replayOne(dataset, flags.updateExpected))
    }).pipe(Effect.provide(Layer.merge(layerPglite(), chunkPreparerLayer)))
    const junit = Option.getOrElse(flags.junit, () => join(settings.reportsDir, "replay-junit.xml"))
    writeJunit(junit, cases)
    const bad = cases.filter((entry) => entry.error !== undefined || entry.differences.length > 0).length
    yield* Console.log(`${cases.length - bad} of ${cases.length} datasets replayed as expected; JUnit XML in ${junit}`)
    if (bad > 0) {
      return yield* new ReplayDiffers({
        message: `${bad} of ${cases.length} datasets did not replay as expected (see above); ` +
          `if the change was deliberate, rerun with --update-expected and review the rewritten expected results.`
      })
    }
  })
).pipe(
  Command.withDescription(
    "QA replay: run a dataset's pipeline against a fresh staging database and a fresh mock ORCE, and compare with its expected results"
  ),
  Command.withExamples([
    { command: "orce-sync replay data/datasets/", description: "replay every dataset, one line each, and write JUnit XML" },
    { command: "orce-sync replay data/datasets/orders-guest-and-registered", description: "replay one dataset" },
    { command: "orce-sync replay data/datasets/clean-export --update-expected", description: "record the expected results after a deliberate change" }
  ])
)
