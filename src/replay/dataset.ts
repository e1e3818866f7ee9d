import { Effect, Schema } from "effect"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { basename, join, resolve } from "node:path"
import { FaultConfig } from "../../mock-orce/faults.ts"
import { OrceSnapshot } from "../../mock-orce/snapshot.ts"

/**
 * A QA dataset: a folder that says which pipeline to replay, with what, against which ORCE, and what must come
 * out. Its files have fixed names, so a person sees at a glance what a dataset holds:
 *
 *   dataset.json        { "pipeline": "export" | "sync" | "orders" | "nightly", "description": "…", "settings": { KEY: "value" } }
 *   customers.csv       the export (export, nightly), or the OACS customers the orders meet (orders)
 *   profiles.csv        profile data of the export (export, nightly: optional)
 *   sites.csv, site-uses.csv, activity.csv   the customers' sites, site uses and activity (nightly, optional)
 *   delta-customers.csv the night after's delta of customers (nightly, optional: replayed twice, the second a no-op)
 *   staging.csv         the staging database as a sync finds it: flags, Relate IDs, e-commerce IDs (sync)
 *   orders.ndjson       order messages, one customer block per line (orders)
 *   orce-snapshot.json  the mock ORCE's starting state (optional: an empty ORCE)
 *   faults.json         the mock's fault profile with its seed (optional: no faults)
 *   expected/           the normalised results the replay must give (written by --update-expected)
 *   README.md           what the dataset checks and which rules
 */

export const datasetFile = "dataset.json"

export const DatasetSpec = Schema.Struct({
  pipeline: Schema.String,
  description: Schema.optional(Schema.String),
  /** Settings by key, as `--set KEY=VALUE` gives them; the replay ignores the environment and config files. */
  settings: Schema.optional(Schema.Record(Schema.String, Schema.String))
})
export type DatasetSpec = typeof DatasetSpec.Type

export class DatasetError extends Schema.TaggedError<DatasetError>()("DatasetError", {
  dataset: Schema.String,
  message: Schema.String
}) {}

export interface Dataset {
  readonly name: string
  /** Absolute path of the folder. */
  readonly directory: string
  readonly spec: DatasetSpec
  readonly snapshot: OrceSnapshot | undefined
  readonly faults: FaultConfig | undefined
  /** Absolute path of a file of the dataset, when it has it. */
  readonly file: (name: string) => string | undefined
}

const readJson = <A>(dataset: string, path: string, schema: Schema.Codec<A, unknown>, what: string) =>
  Effect.try({
    try: () => Schema.decodeUnknownSync(schema)(JSON.parse(readFileSync(path, "utf8"))),
    catch: (cause) =>
      new DatasetError({
        dataset,
        message: `${path} is not ${what} (${cause instanceof Error ? cause.message.split("\n")[0] : String(cause)}); fix it or remove it.`
      })
  })

/** Reads a dataset folder: its spec, and its ORCE snapshot and fault profile when it has them. */
export const readDataset = Effect.fnUntraced(function*(folder: string) {
  const directory = resolve(folder)
  const name = basename(directory)
  const specPath = join(directory, datasetFile)
  if (!existsSync(specPath)) {
    return yield* new DatasetError({ dataset: name, message: `${folder} is not a dataset: it has no ${datasetFile}.` })
  }
  const spec = yield* readJson(name, specPath, DatasetSpec, "a dataset spec ({ pipeline, description, settings })")
  const file = (fileName: string) => {
    const path = join(directory, fileName)
    return existsSync(path) ? path : undefined
  }
  const snapshotPath = file("orce-snapshot.json")
  const faultsPath = file("faults.json")
  return {
    name,
    directory,
    spec,
    snapshot: snapshotPath === undefined ? undefined : yield* readJson(name, snapshotPath, OrceSnapshot, "a mock ORCE snapshot"),
    faults: faultsPath === undefined ? undefined : yield* readJson(name, faultsPath, FaultConfig, "a mock ORCE fault profile"),
    file
  } satisfies Dataset
})

/** A dataset folder, or a folder of datasets (each sub-folder with a dataset.json), in name order. */
export const datasetFolders = (path: string): Effect.Effect<ReadonlyArray<string>, DatasetError> =>
  Effect.suspend(() => {
    if (!existsSync(path) || !statSync(path).isDirectory()) {
      return Effect.fail(new DatasetError({ dataset: path, message: `${path} is not a folder; give a dataset folder or a folder of datasets.` }))
    }
    if (existsSync(join(path, datasetFile))) return Effect.succeed([path])
    const folders = readdirSync(path, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(path, entry.name, datasetFile)))
      .map((entry) => join(path, entry.name))
      .sort()
    return folders.length === 0
      ? Effect.fail(new DatasetError({ dataset: path, message: `${path} holds no dataset: no ${datasetFile} in it or in its sub-folders.` }))
      : Effect.succeed(folders)
  })
